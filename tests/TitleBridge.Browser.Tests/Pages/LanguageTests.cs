using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Pages;

/// <summary>The language switch in the header: the choice is remembered and beats the browser's Accept-Language.</summary>
public sealed class LanguageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "en", "中文", "zh-Hans", "目录概览")]
    [InlineData("zh-CN", "zh-Hans", "English", "en", "Overview")]
    public async Task TheLanguageSwitch_IsRememberedAcrossPages_AndSetsThePageLanguage(
        string locale, string browserLang, string switchText, string chosenLang, string overviewLink)
    {
        await using var session = await fixture.NewSessionAsync(nameof(TheLanguageSwitch_IsRememberedAcrossPages_AndSetsThePageLanguage), locale);
        var page = session.Page;
        var html = page.Locator("html");
        await page.GotoAsync("/catalogue?q=aws");
        await Expect(html).ToHaveAttributeAsync("lang", browserLang);

        var languageSwitch = page.Locator("a.language-switch");
        await Expect(languageSwitch).ToHaveTextAsync(switchText);
        await Expect(languageSwitch).ToHaveAttributeAsync("lang", chosenLang);
        await languageSwitch.ClickAsync();

        // Back on the same page and query, now in the other language.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/catalogue\?q=aws$"));
        await Expect(html).ToHaveAttributeAsync("lang", chosenLang);
        await Expect(page.Locator("#q")).ToHaveValueAsync("aws");
        await session.CheckPageAsync("switched");

        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = overviewLink, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalogue/overview$"));
        await Expect(html).ToHaveAttributeAsync("lang", chosenLang);

        // A new tab in the same context still sends the browser's Accept-Language; the cookie wins.
        var other = await session.Context.NewPageAsync();
        await other.GotoAsync("/account/login");
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", chosenLang);
        var cookies = await session.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Culture" && c.Value.Contains(chosenLang, StringComparison.Ordinal));

        await other.Locator("a.language-switch").ClickAsync();
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", browserLang);
    }
}
