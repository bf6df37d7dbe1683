using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Browser.Tests.TestData;
using TitleBridge.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Applications;

/// <summary>
/// An applicant registers, confirms the email read from the outbox, signs in, fills in the profile and
/// starts an application, in each language; axe checks every page on the way.
/// </summary>
public sealed partial class ApplicantJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public sealed record Texts(string Register, string SignIn, string Confirmed, string Start, string SaveProfile, string Save);

    private static readonly Dictionary<string, Texts> TextsFor = new()
    {
        ["en-US"] = new("Register", "Sign in", "Your email address is confirmed", "Start an application", "Save profile", "Save"),
        ["zh-CN"] = new("注册", "登录", "您的邮箱地址已确认", "开始申报", "保存个人资料", "保存"),
    };

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task AnApplicant_Registers_Confirms_SignsIn_AndStartsAnApplication(string locale)
    {
        var text = TextsFor[locale];
        await SeedOpenCycleAsync();
        await using var session = await fixture.NewSessionAsync(nameof(AnApplicant_Registers_Confirms_SignsIn_AndStartsAnApplication), locale);
        var page = session.Page;
        var email = $"browser-{Guid.NewGuid():N}@test.localhost";
        const string Password = "Browser-Password-1";

        await page.GotoAsync("/account/register");
        await session.CheckPageAsync("register");
        await page.Locator("#DisplayName").FillAsync("Chan Tai Man");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator(locale == "en-US" ? "#Culture-en" : "#Culture-zh").CheckAsync();
        await page.Locator("#privacyNotice").CheckAsync();
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = text.Register, Exact = true }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync(email);
        await session.CheckPageAsync("registered");

        await page.GotoAsync(await Scenario.ConfirmLinkAsync(fixture.App, email));
        await Expect(page.Locator("[role=status]")).ToContainTextAsync(text.Confirmed);
        await session.CheckPageAsync("confirmed");

        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = text.SignIn, Exact = true }).ClickAsync();

        await page.GotoAsync("/applicant/profile");
        await session.CheckPageAsync("profile");
        await page.Locator("#DocumentName").FillAsync("CHAN TAI MAN");
        await page.Locator("#DocumentType-HongKongMacaoTravelPermit").CheckAsync();
        await page.Locator("#DocumentNumber").FillAsync("H12345678");
        await page.Locator("#Phone").FillAsync("+852 2345 6789");
        await page.GetByRole(AriaRole.Button, new() { Name = text.SaveProfile, Exact = true }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
        await Expect(page.Locator("#DocumentNumber")).ToHaveValueAsync("H12345678");

        await page.GotoAsync("/account/two-factor");
        await Expect(page.Locator("#authenticator-key")).ToBeVisibleAsync();
        await session.CheckPageAsync("two-factor");

        await page.GotoAsync("/applications");
        await session.CheckPageAsync("applications");
        await page.GetByRole(AriaRole.Button, new() { Name = text.Start, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(TaskListUrl());
        await session.CheckPageAsync("task-list");
        var root = TaskListRoot(page.Url);

        foreach (var section in new[] { "target", "qualifications", "degree", "work", "achievements", "report", "employer", "documents" })
        {
            await page.GotoAsync($"{root}/sections/{section}");
            await session.CheckPageAsync("section-" + section);
        }

        await page.GotoAsync($"{root}/sections/report");
        await page.Locator("#report").FillAsync(new string('r', 250));
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = text.Save, Exact = true }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToBeVisibleAsync();

        await page.GotoAsync($"{root}/check-answers");
        await session.CheckPageAsync("check-answers");
    }

    private static string TaskListRoot(string url) => TaskListUrl().Match(url).Value;

    private async Task SeedOpenCycleAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().AddHours(8).DateTime);
        if (!await db.Cycles.AnyAsync(c => c.Year == 2026))
        {
            db.Cycles.Add(new EvaluationCycle { Year = 2026, OpensOn = today.AddDays(-5), ClosesOn = today.AddDays(30), CountUntil = new DateOnly(2026, 12, 31), Levels = ["AE", "E", "SE"], CreatedBy = "browser-test" });
            db.Employers.Add(new Employer { NameZh = "浏览器测试单位", NameEn = "Browser Test Employer", CreditCode = "91440101MA59BROWSR", District = "440106", ContactName = "HR", ContactEmail = "hr@test.localhost", Status = EmployerStatus.Approved });
            await db.SaveChangesAsync();
        }
    }

    [GeneratedRegex(@"^.*?/applications/[0-9a-f-]{36}")]
    private static partial Regex TaskListUrl();
}
