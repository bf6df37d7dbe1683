using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Pages;

/// <summary>Every public page, in each language the browser asks for, passes axe and is screenshotted.</summary>
public sealed class PublicPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "en", "Overseas qualifications as professional titles in Guangzhou", "Page not found")]
    [InlineData("zh-CN", "zh-Hans", "境外职业资格比照认定职称（广州）", "页面不存在")]
    public async Task EveryPublicPage_InTheBrowsersLanguage_IsAccessible(string locale, string lang, string homeText, string notFound)
    {
        await using var session = await fixture.NewSessionAsync(nameof(EveryPublicPage_InTheBrowsersLanguage_IsAccessible), locale);
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(page.Locator("body")).ToContainTextAsync(homeText);
        await session.CheckPageAsync("home");

        await page.GotoAsync("/catalogue");
        await Expect(page.Locator("table.entries tbody tr")).ToHaveCountAsync(20);
        await session.CheckPageAsync("catalogue");

        await page.GotoAsync("/catalogue/overview");
        await Expect(page.Locator(".chart svg[role=img]")).ToBeVisibleAsync();
        await Expect(page.Locator("table.matrix tbody tr")).ToHaveCountAsync(6);
        await session.CheckPageAsync("overview");

        await page.GotoAsync("/catalogue/entries/GZ2025-IT-026");
        await Expect(page.Locator("h1")).ToHaveTextAsync(lang == "en" ? "Microsoft Certified: Azure Solutions Architect Expert" : "微软认证：Azure解决方案架构师专家");
        await session.CheckPageAsync("entry");

        await page.GotoAsync("/account/login");
        await Expect(page.Locator("#Email")).ToBeVisibleAsync();
        await session.CheckPageAsync("sign-in");

        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync(notFound);
        await session.CheckPageAsync("not-found");
    }
}
