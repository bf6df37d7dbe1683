using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Pages;

/// <summary>
/// The "Open data API" link leads to the site's own bilingual open data page (issue #11), which introduces
/// the API before linking to the English reference tool; the reference leads back.
/// </summary>
public sealed class OpenDataTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "Open data API", "Open data",
        "What is there|Licence|Rate limits|Examples|The API reference", "Open the API reference (English)",
        "Each client address may make 120 requests to the search and the eligibility check every 60 seconds, and 120 certificate checks every 60 seconds. Beyond that the answer is 429 Too Many Requests: wait and try again. Reading the catalogue, the rules and the statistics is not limited.")]
    [InlineData("zh-CN", "开放数据接口", "开放数据",
        "提供哪些数据|使用许可|访问频率限制|示例|接口参考文档", "打开接口参考文档（英文）",
        "每个客户端地址每 60 秒最多可发出 120 次检索和自测请求，每 60 秒最多 120 次证书核验。超过限制时返回 429 Too Many Requests，请稍后重试。读取目录、规则和统计数据不受限制。")]
    public async Task OpenDataLink_LeadsToTheSitesOwnPage_InTheReadersLanguage_ThenToTheReferenceAndBack(
        string locale, string navLink, string heading, string sections, string referenceLink, string limits)
    {
        await using var session = await fixture.NewSessionAsync(nameof(OpenDataTests), locale);
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = navLink, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/open-data$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        Assert.Equal(sections.Split('|'), await page.Locator("main h2").AllInnerTextsAsync());
        await Expect(page.Locator("main h2:has-text('" + sections.Split('|')[2] + "') + p")).ToHaveTextAsync(limits);
        await Expect(page.Locator("table.open-data-endpoints tbody tr")).ToHaveCountAsync(10);
        await Expect(page.Locator("pre.example").First).ToHaveTextAsync($"curl \"{fixture.App.Services.GetRequiredService<TitleBridge.Web.Infrastructure.PublicLinks>().Base.AbsoluteUri.TrimEnd('/')}/api/catalogue/search?q=aws\"");
        await session.CheckPageAsync("open-data");

        // The reference tool, and the way back from its introduction.
        await page.GetByRole(AriaRole.Link, new() { Name = referenceLink, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/api/docs/?$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "← Back to the open data page · 返回开放数据页面" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/open-data$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
    }
}
