using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Browser.Tests.TestData;
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
        var (cycle, reference) = await Scenario.SubmittedAsync(fixture.App, "impact");
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
}
