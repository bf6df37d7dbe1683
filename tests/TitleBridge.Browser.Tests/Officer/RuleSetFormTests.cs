using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Officer;

/// <summary>
/// An officer makes a new rule-set version from the one in force with the form (issue #11): each wrong field
/// is named in the error summary, whose links lead to the fields, in the officer's language; a correct
/// version is saved and listed with its effective date.
/// </summary>
public sealed class RuleSetFormTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "2027.1", "2027-01-01", "Sign in", "New version from the one in force (form)", "Save the new version", new[]
    {
        "The effective date must be after today (2026-11-02): a version cannot change decisions already taken.|#EffectiveFrom",
        "Working days for the review group must be a whole number, like 5.|#Value_reviewWorkingDays",
        "Enter the source of the new value of Working days for the review group.|#Source_reviewWorkingDays",
    })]
    [InlineData("zh-CN", "2027.2", "2027-02-01", "登录", "基于现行版本新建（表单）", "保存新版本", new[]
    {
        "生效日期须晚于今天（2026-11-02）：新版本不能改变已作出的决定。|#EffectiveFrom",
        "“评议组评议期限（工作日）”须为整数，例如 5。|#Value_reviewWorkingDays",
        "请填写“评议组评议期限（工作日）”新数值的依据。|#Source_reviewWorkingDays",
    })]
    public async Task NewVersion_WrongFieldsNamedWithLinks_ThenSavedAndListed(string locale, string version, string effectiveFrom, string signIn, string formLink, string save, string[] problems)
    {
        var officerEmail = await fixture.App.CreateOfficerAsync($"rule-set-form-{locale}@browser.localhost");
        await using var session = await fixture.NewSessionAsync(nameof(RuleSetFormTests), locale);
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(officerEmail);
        await page.Locator("#Password").FillAsync(KestrelApp.OfficerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = signIn, Exact = true }).ClickAsync();
        await page.GotoAsync("/officer/rule-sets");
        await page.GetByRole(AriaRole.Link, new() { Name = formLink, Exact = true }).ClickAsync();
        await Expect(page.Locator("#Value_passFraction")).ToHaveValueAsync("2/3");
        await session.CheckPageAsync("rule-set-form");

        // Wrong: an effective date in the past; a word for a whole number, with no source.
        await page.Locator("#Version").FillAsync(version);
        await page.Locator("#EffectiveFrom").FillAsync("2026-10-01");
        await page.Locator("#Value_reviewWorkingDays").FillAsync("ten");
        await page.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        var links = await summary.Locator("li a").EvaluateAllAsync<string[]>("links => links.map(a => `${a.textContent.trim()}|${a.getAttribute('href')}`)");
        Assert.Equal(problems, links);
        await session.CheckPageAsync("rule-set-form-problems");
        await summary.Locator("li a").Nth(1).ClickAsync();
        await Expect(page.Locator("#Value_reviewWorkingDays")).ToBeFocusedAsync();

        // Right: a later date, a number, its source.
        await page.Locator("#EffectiveFrom").FillAsync(effectiveFrom);
        await page.Locator("#Value_reviewWorkingDays").FillAsync("12");
        await page.Locator("#Source_reviewWorkingDays").FillAsync("广州市人社局 2026 年评审工作通知 Guangzhou notice 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/officer/rule-sets\\?loaded={System.Text.RegularExpressions.Regex.Escape(version)}(#.*)?$"));
        await Expect(page.Locator("table.entries tbody tr", new() { HasText = effectiveFrom })).ToContainTextAsync(version);
        await session.CheckPageAsync("rule-sets-with-form-version");
    }
}
