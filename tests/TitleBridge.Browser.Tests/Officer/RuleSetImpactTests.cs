using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Officer;

/// <summary>
/// Issue #9: an officer previews a candidate rule set's effect on the open cycle before loading it, in both
/// languages, at desktop width and at 320 px. The candidate asks a bachelor twelve years of work for AE → E, so the
/// seeded file (a bachelor of 2015) moves from eligible to eligible later at Engineer.
/// </summary>
public sealed class RuleSetImpactTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public sealed record Texts(string SignIn, string Preview, string Title, string Row);

    private static readonly Dictionary<string, Texts> TextsFor = new()
    {
        ["en-US"] = new("Sign in", "Preview the impact", "Effect of version {0} on the {1} cycle", "Engineer"),
        ["zh-CN"] = new("登录", "预览影响", "版本 {0} 对 {1} 年度申报的影响", "工程师"),
    };

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task AnOfficer_PreviewsTheEffectOfANewVersion_OnTheOpenCycle(string locale)
    {
        var text = TextsFor[locale];
        var (cycle, reference) = await SubmittedAsync();
        var version = "impact-" + locale;
        var candidate = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Location, "data", "policy", "guangzhou-engineering-2025.json")))!;
        candidate["version"] = version;
        candidate["upThresholds"]![0]!["workYearsAfterDegree"]!["bachelor"]!["value"] = 12;
        await using var session = await fixture.NewSessionAsync(nameof(AnOfficer_PreviewsTheEffectOfANewVersion_OnTheOpenCycle), locale);
        var page = session.Page;
        var email = await fixture.App.CreateOfficerAsync($"impact-{Guid.NewGuid():N}@browser.localhost");
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(KestrelApp.OfficerPassword);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = text.SignIn, Exact = true }).ClickAsync();

        await page.GotoAsync("/officer/rule-sets");
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "candidate.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(candidate.ToJsonString()) });
        await page.GetByRole(AriaRole.Button, new() { Name = text.Preview, Exact = true }).ClickAsync();

        await Expect(page.Locator("#impact-title")).ToHaveTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, text.Title, version, cycle));
        var engineer = page.Locator("table[data-impact-levels] tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(text.Row) + "$") }) }).First;
        await Expect(engineer.Locator("td").Nth(0)).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("table[data-impact-files]")).ToContainTextAsync(reference);
        await session.CheckPageAsync("impact");
        await page.SetViewportSizeAsync(320, 900);
        await session.CheckPageAsync("impact-320");
    }

    /// <summary>A complete draft of the open cycle submitted through the real handler; its cycle and reference.</summary>
    private async Task<(int Cycle, string Reference)> SubmittedAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var cycle = await DemoData.EnsureOpenCycleAsync(db, time.Today(), "browser-test");
        var email = $"impact-{Guid.NewGuid():N}@browser.localhost";
        await DemoData.CreateUserAsync(users, email, "Applicant", Roles.Applicant, null, "Browser-Password-1");
        var applicant = (await users.FindByEmailAsync(email))!.Id;
        var employer = await DemoData.CreateEmployerAsync(db, time, "91440101MA5T" + Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var draft = await DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<IFileStore>(), time, applicant, employer.Id, cycle.Year);
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitApplication>().HandleAsync(new(draft.Id, true, true, null), applicant);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Problems.Select(p => p.Message.En)));
        return (cycle.Year, submitted.Value.Reference);
    }
}
