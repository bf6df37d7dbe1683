using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Catalogue;

/// <summary>The catalogue search box: a plain GET form, enhanced with suggestions as the user types.</summary>
public sealed class SearchTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static ILocator FirstResultName(IPage page) => page.Locator("table.entries tbody tr").First.Locator("td").First.Locator("a");

    private static ILocator FirstResultCode(IPage page) => page.Locator("table.entries tbody tr").First.Locator("td code");

    [Theory]
    [InlineData("en-US", "Search", "Microsoft Certified: Azure Solutions Architect Expert")]
    [InlineData("zh-CN", "搜索", "微软认证：Azure解决方案架构师专家")]
    public async Task SearchingAnExamCode_WithoutItsHyphen_FindsTheQualificationFirst(string locale, string searchButton, string expected)
    {
        await using var session = await fixture.NewSessionAsync(nameof(SearchingAnExamCode_WithoutItsHyphen_FindsTheQualificationFirst), locale);
        var page = session.Page;
        await page.GotoAsync("/catalogue");

        await page.Locator("#q").FillAsync("az305");
        await page.GetByRole(AriaRole.Button, new() { Name = searchButton, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]q=az305"));
        await Expect(FirstResultName(page)).ToHaveTextAsync(expected);
        await Expect(page.Locator("#q")).ToHaveValueAsync("az305");
        await session.CheckPageAsync("results");
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task SearchingChineseWords_SeparatedByASpace_FindsTheCcieFirst(string locale)
    {
        await using var session = await fixture.NewSessionAsync(nameof(SearchingChineseWords_SeparatedByASpace_FindsTheCcieFirst), locale);
        var page = session.Page;
        await page.GotoAsync("/catalogue");

        await page.Locator("#q").FillAsync("思科 专家");
        await page.Locator("#q").PressAsync("Enter");

        await Expect(FirstResultCode(page)).ToHaveTextAsync("GZ2025-IT-053");
        await Expect(FirstResultName(page)).ToContainTextAsync(locale == "zh-CN" ? "思科认证互联网专家" : "Cisco Certified Internetwork Expert (CCIE)");
        await session.CheckPageAsync("results");
    }

    [Theory]
    [InlineData("en-US", "Microsoft Certified: Azure Solutions Architect Expert (GZ2025-IT-026)")]
    [InlineData("zh-CN", "微软认证：Azure解决方案架构师专家 (GZ2025-IT-026)")]
    public async Task TypingInTheSearchBox_ShowsSuggestionsInThePageLanguage_ThatLeadToTheEntry(string locale, string suggestion)
    {
        await using var session = await fixture.NewSessionAsync(nameof(TypingInTheSearchBox_ShowsSuggestionsInThePageLanguage_ThatLeadToTheEntry), locale);
        var page = session.Page;
        await page.GotoAsync("/catalogue");

        await page.Locator("#q").PressSequentiallyAsync("az305");

        var first = page.Locator("#suggestions li a").First;
        await Expect(first).ToHaveTextAsync(suggestion);
        await session.CheckPageAsync("suggestions");
        await first.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalogue/entries/GZ2025-IT-026$"));
    }

    [Theory]
    [InlineData("en-US", "Search", "Microsoft Certified: Azure Solutions Architect Expert")]
    [InlineData("zh-CN", "搜索", "微软认证：Azure解决方案架构师专家")]
    public async Task WithJavaScriptDisabled_TheSearchFormStillWorks(string locale, string searchButton, string expected)
    {
        await using var session = await fixture.NewSessionAsync(nameof(WithJavaScriptDisabled_TheSearchFormStillWorks), locale, javaScript: false);
        var page = session.Page;
        await page.GotoAsync("/catalogue");

        await page.Locator("#q").FillAsync("az305");
        await page.GetByRole(AriaRole.Button, new() { Name = searchButton, Exact = true }).ClickAsync();

        await Expect(FirstResultName(page)).ToHaveTextAsync(expected);
        await Expect(page.Locator("#suggestions")).ToBeEmptyAsync();
        await session.ScreenshotAsync("results");
    }
}
