using System.Text;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Officer;

/// <summary>An officer imports a catalogue edition through the browser: a bad file is refused with reasons, a good one becomes a draft.</summary>
public sealed class ImportEditionTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Header = "code,sector,level,name_en,name_zh,abbreviation,issuer_en,issuer_zh,country_region,specialty,aliases,basis,notes";

    public sealed record Texts(string SignIn, string ManageEditions, string ImportEdition, string ImportButton, string NoChanges, string PublishButton);

    private static readonly Dictionary<string, Texts> TextsFor = new()
    {
        ["en-US"] = new("Sign in", "Manage editions", "Import an edition", "Check and import", "0 added, 0 removed, 0 changed.", "Publish this edition"),
        ["zh-CN"] = new("登录", "版次管理", "导入版次", "检查并导入", "新增 0 项，删除 0 项，修改 0 项。", "发布该版次"),
    };

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task AnOfficer_ImportsABadFileThenTheExport_SeesTheProblemsThenAnUnchangedDraft(string locale)
    {
        var text = TextsFor[locale];
        await using var session = await fixture.NewSessionAsync(nameof(AnOfficer_ImportsABadFileThenTheExport_SeesTheProblemsThenAnUnchangedDraft), locale);
        var page = session.Page;

        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(KestrelApp.AdminEmail);
        await page.Locator("#Password").FillAsync(KestrelApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = text.SignIn, Exact = true }).ClickAsync();

        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = text.ManageEditions, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/officer/catalogue$"));
        await Expect(page.Locator("table.entries tbody tr").Filter(new() { HasText = "guangzhou-2025" })).ToBeVisibleAsync();
        await session.CheckPageAsync("editions");

        await page.GetByRole(AriaRole.Link, new() { Name = text.ImportEdition, Exact = true }).ClickAsync();
        await page.Locator("#EditionId").FillAsync("bad-" + locale);
        await page.Locator("#NameEn").FillAsync("Browser test edition");
        await page.Locator("#NameZh").FillAsync("浏览器测试版次");
        await page.Locator("#AnnouncedOn").FillAsync("2026-11-01");
        await session.CheckPageAsync("import-form");
        var bad = string.Join("\r\n",
            Header,
            "X-1,IT,E,Example Professional X-1,示例资格X-1,EX,Example Body,示例机构,US,computer-software,EX-1,official,validity: 3y",
            "X-2,ZZ,E,Example Professional X-2,示例资格X-2,EX,Example Body,示例机构,US,computer-software,EX-2,official,validity: 3y") + "\r\n";
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.GetByRole(AriaRole.Button, new() { Name = text.ImportButton, Exact = true }).ClickAsync();

        var problem = page.Locator("table.problems tbody tr").Filter(new() { HasText = "ZZ" });
        await Expect(problem.Locator("td")).ToHaveCountAsync(3);
        await Expect(problem.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(problem.Locator("td").Nth(1)).ToHaveTextAsync("sector");
        await Expect(problem.Locator("td").Nth(2)).ToContainTextAsync("ZZ");
        await session.CheckPageAsync("import-problems");

        // The export of the edition in force, fetched with the officer's cookies, re-imported under a new id.
        var export = await page.APIRequest.GetAsync("/api/catalogue/editions/guangzhou-2025/export?format=csv");
        Assert.True(export.Ok, $"export answered {export.Status}");
        var editionId = "copy-" + locale.ToLowerInvariant();
        await page.Locator("#EditionId").FillAsync(editionId);
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "export.csv", MimeType = "text/csv", Buffer = await export.BodyAsync() });
        await page.GetByRole(AriaRole.Button, new() { Name = text.ImportButton, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/officer/catalogue/editions/{editionId}\\?imported=true$"));
        await Expect(page.Locator("main")).ToContainTextAsync(text.NoChanges);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = text.PublishButton, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#EffectiveFrom")).ToBeVisibleAsync();
        await session.CheckPageAsync("draft");
    }
}
