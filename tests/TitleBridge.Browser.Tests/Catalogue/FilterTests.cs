using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Catalogue;

/// <summary>Filtering the catalogue with the selects, paging, and reading an entry.</summary>
public sealed class FilterTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string, string, string, string, string> Languages() => new()
    {
        { "en-US", "Assistant Engineer", "Apply filters", "22 qualifications", "Illustrative data, not the official annex", "Corresponding title" },
        { "zh-CN", "助理工程师", "应用筛选", "共 22 项资格", "示意数据，非官方附件", "对应职称" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task FilteringBySectorAndLevel_ThenPaging_ShowsEveryMatchAndTheEntrysLevel(
        string locale, string assistantEngineer, string apply, string count, string dataStatus, string correspondingTitle)
    {
        await using var session = await fixture.NewSessionAsync(nameof(FilteringBySectorAndLevel_ThenPaging_ShowsEveryMatchAndTheEntrysLevel), locale);
        var page = session.Page;
        var dataNote = page.Locator(".notice[role=note]").Filter(new() { HasText = dataStatus });
        var rows = page.Locator("table.entries tbody tr");
        await page.GotoAsync("/catalogue");
        await Expect(dataNote).ToBeVisibleAsync();

        await page.Locator("#sector").SelectOptionAsync("IT");
        await page.Locator("#level").SelectOptionAsync(new SelectOptionValue { Label = assistantEngineer });
        await page.GetByRole(AriaRole.Button, new() { Name = apply, Exact = true }).ClickAsync();

        await Expect(page.Locator("#results-heading")).ToHaveTextAsync(count);
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(page.Locator("#sector")).ToHaveValueAsync("IT");
        await Expect(page.Locator("#level")).ToHaveValueAsync("AE");
        await Expect(dataNote).ToBeVisibleAsync();
        await session.CheckPageAsync("page-1");

        await page.Locator(".pagination a[rel=next]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]page=2"));
        await Expect(page.Locator("#results-heading")).ToHaveTextAsync(count);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator(".pagination a[aria-current=page]")).ToHaveTextAsync("2");
        await Expect(rows.Locator("td:nth-child(2)")).ToHaveTextAsync([assistantEngineer, assistantEngineer]);
        await Expect(dataNote).ToBeVisibleAsync();
        await session.CheckPageAsync("page-2");

        await rows.First.Locator("td").First.Locator("a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalogue/entries/GZ2025-IT-"));
        var level = page.Locator(".summary-list > div").Filter(new() { Has = page.Locator("dt", new() { HasText = correspondingTitle }) }).Locator("dd");
        await Expect(level).ToHaveTextAsync(assistantEngineer);
        await Expect(dataNote).ToBeVisibleAsync();
        await session.CheckPageAsync("entry");

        await page.GotoAsync("/catalogue/overview");
        await Expect(dataNote).ToBeVisibleAsync();
    }
}
