using System.Net;
using AngleSharp.Html.Parser;
using TitleBridge.Web.Tests.Infrastructure;
using static TitleBridge.Web.Tests.TestData.EligibilityCheck;

namespace TitleBridge.Web.Tests.Eligibility;

/// <summary>The public "Check if you can apply" journey over HTTP, without JavaScript, as a screen reader or an old browser sees it.</summary>
public sealed class CheckJourneyTests
{
    [Theory]
    [InlineData("en", "Yes, you can apply now, through AWS Certified Solutions Architect – Associate (GZ2025-IT-003), one level above the Assistant Engineer it corresponds to.", "One level up")]
    [InlineData("zh-CN", "可以，现在即可凭AWS认证解决方案架构师–助理级（GZ2025-IT-003）申报，比其对应的助理工程师高一级。", "高一级申报")]
    public async Task Journey_CompleteWithoutJavaScript_ShowsTheBestResultFirstWithReasons(string language, string headline, string upRuleName)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client(language);

        await WalkAsync(client);
        var html = await client.GetStringAsync("/check/result");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(headline, document.QuerySelector(".level-summary .level-sentence")!.TextContent.Trim());
        var sections = document.QuerySelectorAll("section.level-result h3").Select(h => h.TextContent).ToList();
        Assert.Equal(4, sections.Count);
        Assert.StartsWith(language == "en" ? "Engineer" : "工程师", sections[0]);
        Assert.Contains(upRuleName, html);
        Assert.NotNull(document.QuerySelector("figure.timeline svg[role=img]"));
        Assert.NotEmpty(document.QuerySelectorAll("table.rules-table tbody tr"));
    }

    [Fact]
    public async Task Result_WithoutAnswers_SendsThePersonToTheFirstStep()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().GetAsync("/check/result");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/check/qualifications", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Degree_NothingChosen_SaysWhatToDo_AndKeepsTheAnswers()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client("zh-CN");

        var response = await PostAsync(client, "/check/degree", "/check/degree", new() { ["AwardedOn"] = "2015-02-30" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("请选择您的最高学历（学位）。", html);
        Assert.Contains("必须是有效日期", html);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/check/result")).StatusCode);
    }

    [Fact]
    public async Task Work_EndBeforeStart_IsRejected()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();

        var response = await PostAsync(client, "/check/work", "/check/work?handler=Add", new()
        {
            ["From"] = "2020-01-01",
            ["To"] = "2019-01-01",
            ["Specialty"] = "astrology",
            ["Country"] = "CN",
            ["InGuangzhou"] = "yes",
            ["FullTime"] = "yes",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The end date must be on or after the start date.", html);
        Assert.Contains("Choose the specialty of this work.", html);
        Assert.DoesNotContain("Work added", html);
    }

    [Theory]
    [InlineData("en", "The rules in force", "Default, not confirmed for Guangzhou", "Holding period", "Working days to correct an application", "(2019, No. 16)")]
    [InlineData("zh-CN", "现行规则", "默认值，尚未经广州确认", "持证年限", "补正期限（工作日）", "人社部发〔2019〕16号")]
    public async Task RulesPage_ListsEveryRuleAndParameter_ByName_CitingTheRealDocuments(string language, string heading, string unconfirmed, string rule, string parameter, string citation)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var html = await app.Client(language).GetStringAsync("/rules");

        Assert.Contains(heading, html);
        Assert.Contains(unconfirmed, html);
        foreach (var id in new[] { "CAT", "VALID", "HOLD", "LOCAL", "EXP", "EQUIV", "UP", "HELD", "COUNT" })
        {
            Assert.Contains($"<span class=\"secondary-name\">{id}</span>", html);
        }
        Assert.Contains(rule, html);
        Assert.Contains(parameter, html);
        Assert.Contains(citation, html);
        Assert.Contains("https://rsj.gz.gov.cn/", html);
        Assert.DoesNotContain("policy.md", html);
        Assert.DoesNotContain("correctionWorkingDays", html);
    }
}
