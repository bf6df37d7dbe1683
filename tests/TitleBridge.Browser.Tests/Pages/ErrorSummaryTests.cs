using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Pages;

/// <summary>GOV.UK error summary, with the keyboard only: after a refused submit the summary has focus, Tab reaches its first link, Enter puts focus in that field.</summary>
public sealed class ErrorSummaryTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "There is a problem", "Enter the organisation's name in Chinese.")]
    [InlineData("zh-CN", "出现问题", "请填写单位中文名称。")]
    public async Task EmployerRegistration_RefusedSubmit_SummaryHasFocus_ItsFirstLinkFocusesTheField(string locale, string heading, string firstProblem)
    {
        await using var session = await fixture.NewSessionAsync(nameof(EmployerRegistration_RefusedSubmit_SummaryHasFocus_ItsFirstLinkFocusesTheField), locale);
        var page = session.Page;
        await page.GotoAsync("/account/register-employer");
        await page.Locator("#NameZh").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("h2")).ToHaveTextAsync(heading);
        await session.CheckPageAsync("problems");

        await page.Keyboard.PressAsync("Tab");
        var first = summary.Locator("a").First;
        await Expect(first).ToBeFocusedAsync();
        await Expect(first).ToHaveTextAsync(firstProblem);
        await Expect(first).ToHaveAttributeAsync("href", "#NameZh");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#NameZh")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("广州键盘测试有限公司");
        await Expect(page.Locator("#NameZh")).ToHaveValueAsync("广州键盘测试有限公司");
    }
}
