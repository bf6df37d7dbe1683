using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Eligibility;

/// <summary>"Check if you can apply", completed in a real browser in each language, every page axe-checked.</summary>
public sealed class CheckJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "Start now", "Add this qualification", "Bachelor's degree", "Computer networks", "Chinese mainland", "See your result", "Yes, you can apply now, through AWS Certified Solutions Architect – Associate (GZ2025-IT-003), one level above the Assistant Engineer it corresponds to.", "One level up")]
    [InlineData("zh-CN", "开始", "添加该资格", "大学本科（学士学位）", "计算机网络", "中国内地", "查看结果", "可以，现在即可凭AWS认证解决方案架构师–助理级（GZ2025-IT-003）申报，比其对应的助理工程师高一级。", "高一级申报")]
    public async Task TheJourney_CompletedWithRenewalsAndWork_ExplainsTheResultRuleByRule(
        string locale, string start, string addQualification, string bachelor, string specialty, string country, string seeResult, string headline, string upRule)
    {
        await using var session = await fixture.NewSessionAsync($"{nameof(TheJourney_CompletedWithRenewalsAndWork_ExplainsTheResultRuleByRule)}-{locale}", locale);
        var page = session.Page;

        await page.GotoAsync("/check");
        await session.CheckPageAsync("start");
        await page.GetByRole(AriaRole.Button, new() { Name = start }).ClickAsync();

        // Qualification found with the catalogue search, with three validity periods.
        await page.Locator("#q").FillAsync("aws saa");
        await page.Locator("#q").PressAsync("Enter");
        await page.Locator("input[name=Code][value='GZ2025-IT-003']").CheckAsync();
        await page.Locator("#ObtainedOn").FillAsync("2020-03-01");
        string[][] periods = [["2020-03-01", "2023-02-28"], ["2023-03-01", "2026-02-28"], ["2026-03-01", "2029-02-28"]];
        for (var i = 0; i < periods.Length; i++)
        {
            await page.Locator($"#RenewalFrom_{i}").FillAsync(periods[i][0]);
            await page.Locator($"#RenewalTo_{i}").FillAsync(periods[i][1]);
        }
        await session.CheckPageAsync("qualification-search");
        await page.GetByRole(AriaRole.Button, new() { Name = addQualification }).ClickAsync();
        await Expect(page.Locator(".answer-list li")).ToHaveCountAsync(1);
        await session.CheckPageAsync("qualifications");
        await page.Locator(".continue-form button").ClickAsync();

        // Degree.
        await page.GetByLabel(bachelor, new() { Exact = true }).CheckAsync();
        await page.Locator("#AwardedOn").FillAsync("2015-07-01");
        await session.CheckPageAsync("degree");
        await page.Locator("form button[type=submit]").Last.ClickAsync();

        // Work: one period added, one added by mistake and removed.
        await AddWorkAsync(page, "2016-01-01", specialty, country, inGuangzhou: true);
        await AddWorkAsync(page, "2010-01-01", specialty, country, inGuangzhou: false);
        await Expect(page.Locator(".answer-list li")).ToHaveCountAsync(2);
        await page.Locator(".answer-list li").Nth(1).Locator("button").ClickAsync();
        await Expect(page.Locator(".answer-list li")).ToHaveCountAsync(1);
        await session.CheckPageAsync("work");
        await page.Locator(".continue-form button").ClickAsync();

        // No Chinese title; check the answers; result.
        await session.CheckPageAsync("titles");
        await page.Locator(".continue-form button").ClickAsync();
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await page.Locator("#EvaluationDate").FillAsync("2026-11-27");
        await session.CheckPageAsync("answers");
        await page.GetByRole(AriaRole.Button, new() { Name = seeResult }).ClickAsync();

        await Expect(page.Locator(".level-summary .level-sentence").First).ToHaveTextAsync(headline);
        await Expect(page.Locator("section.level-result")).ToHaveCountAsync(4);
        await Expect(page.Locator("section.level-result").First.Locator("table.rules-table")).ToContainTextAsync(upRule);
        await Expect(page.Locator("figure.timeline svg[role=img]")).ToBeVisibleAsync();
        await session.CheckPageAsync("result");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header nav")).ToBeHiddenAsync();
        await session.CheckPageAsync("result-print");
    }

    [Fact]
    public async Task TheRulesPage_IsAccessible_AndMarksUnconfirmedDefaults()
    {
        await using var session = await fixture.NewSessionAsync(nameof(TheRulesPage_IsAccessible_AndMarksUnconfirmedDefaults), "en-US");
        await session.Page.GotoAsync("/rules");

        await Expect(session.Page.Locator("table.parameters")).ToContainTextAsync("Default, not confirmed for Guangzhou");
        await session.CheckPageAsync("rules");
    }

    private static async Task AddWorkAsync(IPage page, string from, string specialty, string country, bool inGuangzhou)
    {
        await page.Locator("#From").FillAsync(from);
        await page.Locator("#Specialty").SelectOptionAsync(new SelectOptionValue { Label = specialty });
        await page.Locator("#Country").SelectOptionAsync(new SelectOptionValue { Label = country });
        await page.Locator(inGuangzhou ? "#InGuangzhou-yes" : "#InGuangzhou-no").CheckAsync();
        await page.Locator("#FullTime-yes").CheckAsync();
        await page.Locator("form[action*='handler=Add'] button[type=submit]").ClickAsync();
    }
}
