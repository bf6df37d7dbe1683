using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Browser.Tests.TestData;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.PersonalData;

/// <summary>
/// Issue #9 in the browser: a person registers with consent, downloads their data and asks for deletion; an officer
/// reads the dashboard in Chinese; an anonymous visitor reads the open statistics in English. Axe on every page;
/// each chart has its table.
/// </summary>
public sealed partial class PrivacyAndStatisticsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Browser-Password-1";

    [Fact]
    public async Task APerson_RegistersWithConsent_DownloadsTheirData_AndHasTheAccountDeleted()
    {
        await using var session = await fixture.NewSessionAsync(nameof(APerson_RegistersWithConsent_DownloadsTheirData_AndHasTheAccountDeleted), "en-US");
        var page = session.Page;
        var email = $"privacy-{Guid.NewGuid():N}@test.localhost";

        await page.GotoAsync("/account/register");
        await page.Locator("#DisplayName").FillAsync("Ana Lima");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("#Culture-en").CheckAsync();
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        // Without the tick: the problem names the notice, and nothing is created.
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("privacy notice");
        await session.CheckPageAsync("register-without-consent");
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("#privacyNotice").CheckAsync();
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync(email);

        await page.GotoAsync(await Scenario.ConfirmLinkAsync(fixture.App, email));
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My data", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("My data");
        await session.CheckPageAsync("my-data");
        var json = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-download=json]").ClickAsync());
        var text = await File.ReadAllTextAsync((await json.PathAsync())!);
        Assert.Contains("\"format\": \"titlebridge-personal-data/1\"", text, StringComparison.Ordinal);
        Assert.Contains(email, text, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"2026.1\"", text, StringComparison.Ordinal);
        var zip = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-download=zip]").ClickAsync());
        Assert.Equal("titlebridge-my-documents.zip", zip.SuggestedFilename);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ask to delete my account", Exact = true }).ClickAsync();
        // Deleting an account cannot be undone: the page asks first, and nothing is deleted until it is confirmed.
        await Expect(page.Locator("h1")).ToHaveTextAsync("Delete your account?");
        // The way back says where it goes: there is no application on this page to go back to.
        await Expect(page.Locator("[data-confirm-step] a[href='/account/my-data']")).ToHaveTextAsync("No, keep my account");
        await session.CheckPageAsync("confirm-deletion");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email == email));
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete my account", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-account-deleted]")).ToBeVisibleAsync();
        await session.CheckPageAsync("deleted");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Email == email));
        }
    }

    /// <summary>The privacy notice and the consent page in Chinese, as a Chinese reader meets them (leak check and axe on each).</summary>
    [Fact]
    public async Task AChineseReader_ReadsThePrivacyNotice_AndConsents()
    {
        await using var session = await fixture.NewSessionAsync(nameof(AChineseReader_ReadsThePrivacyNotice_AndConsents), "zh-CN");
        var page = session.Page;
        var email = $"privacy-zh-{Guid.NewGuid():N}@test.localhost";

        await page.GotoAsync("/privacy");
        await Expect(page.Locator("h1")).ToHaveTextAsync("隐私声明");
        await session.CheckPageAsync("privacy-notice");

        await page.GotoAsync("/account/register");
        await page.Locator("#DisplayName").FillAsync("林安娜");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("#Culture-zh").CheckAsync();
        await page.Locator("#privacyNotice").CheckAsync();
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "注册", Exact = true }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync(email);
        await page.GotoAsync(await Scenario.ConfirmLinkAsync(fixture.App, email));
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/applications|/$"));

        // The page a changed notice sends a person to: without the tick, the summary links to the box.
        await page.GotoAsync("/account/consent");
        await Expect(page.Locator("h1")).ToHaveTextAsync("隐私声明已更新");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "同意并继续", Exact = true }).ClickAsync();
        var link = page.Locator(".error-summary a");
        await Expect(link).ToHaveTextAsync("请阅读隐私声明（2026.1 版）并表示同意。");
        await Expect(link).ToHaveAttributeAsync("href", "#privacyNotice");
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await session.CheckPageAsync("consent-problem");
        await page.Locator("#privacyNotice").CheckAsync();
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "同意并继续", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.Equal(2, await db.Consents.CountAsync(c => c.UserId == user.Id && c.NoticeVersion == "2026.1"));
    }

    [Fact]
    public async Task AnOfficer_ReadsTheDashboardInChinese_AndAVisitor_ReadsTheOpenStatisticsInEnglish()
    {
        var (cycle, _) = await Scenario.SubmittedAsync(fixture.App, "stats");

        await using (var officer = await fixture.NewSessionAsync(nameof(AnOfficer_ReadsTheDashboardInChinese_AndAVisitor_ReadsTheOpenStatisticsInEnglish) + "-officer", "zh-CN"))
        {
            var page = officer.Page;
            var email = await fixture.App.CreateOfficerAsync($"officer-{Guid.NewGuid():N}@browser.localhost");
            await page.GotoAsync("/account/login");
            await page.Locator("#Email").FillAsync(email);
            await page.Locator("#Password").FillAsync(KestrelApp.OfficerPassword);
            await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
            await page.GotoAsync($"/officer/dashboard?cycle={cycle}");
            await Expect(page.Locator("h1")).ToHaveTextAsync("统计面板");
            await officer.CheckPageAsync("dashboard");
            var charts = page.Locator("svg.chart-svg");
            Assert.Equal(6, await charts.CountAsync());
            for (var i = 0; i < await charts.CountAsync(); i++)
            {
                var chart = charts.Nth(i);
                var id = (await chart.GetAttributeAsync("aria-labelledby"))!.Split(' ')[0].Replace("-title", "", StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(await chart.Locator("title").TextContentAsync()));
                Assert.False(string.IsNullOrWhiteSpace(await chart.Locator("desc").TextContentAsync()));
                var table = page.Locator($"table[data-chart='{id}']");
                await Expect(table).ToBeVisibleAsync();
                Assert.True(await table.Locator("tbody tr").CountAsync() > 0);
            }
            await Expect(page.Locator("table[data-chart='funnel']")).ToContainTextAsync("单位审核中");
            Assert.DoesNotContain("Employer review", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.SetViewportSizeAsync(320, 900);
            await officer.CheckPageAsync("dashboard-320");
        }

        await using var visitor = await fixture.NewSessionAsync(nameof(AnOfficer_ReadsTheDashboardInChinese_AndAVisitor_ReadsTheOpenStatisticsInEnglish) + "-visitor", "en-US");
        await visitor.Page.GotoAsync("/");
        await visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Statistics", Exact = true }).ClickAsync();
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Open statistics");
        await Expect(visitor.Page.Locator("#applications-by-level-sector")).ToHaveTextAsync("Applications by title level and sector");
        await Expect(visitor.Page.Locator("main")).ToContainTextAsync("< 5");
        await visitor.CheckPageAsync("open-statistics");
        await visitor.Page.SetViewportSizeAsync(320, 900);
        await visitor.CheckPageAsync("open-statistics-320");
    }
}
