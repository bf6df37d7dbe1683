using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;

namespace TitleBridge.Browser.Tests.Eligibility;

/// <summary>
/// The eligibility result as a person reads it (issue #11): the summary first, one sentence per level,
/// with the warnings that matter; checked for three people in both languages, and printed on A4.
/// The answers are given through the journey's own forms, as a browser without JavaScript sends them.
/// </summary>
public sealed partial class ResultSummaryTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>One person's answers, as the journey's forms take them.</summary>
    private sealed record Person(
        string Code, string ObtainedOn, (string From, string To)[] Validity,
        string Degree, string AwardedOn, string WorkFrom, string Specialty, (string Level, string ObtainedOn)? Title);

    private static readonly Dictionary<string, Person> People = new()
    {
        // AWS Solutions Architect – Associate (Assistant Engineer), renewed, eight years of related work in Guangzhou.
        ["eligible-now"] = new("GZ2025-IT-003", "2020-03-01", [("2020-03-01", "2023-02-28"), ("2023-03-01", "2026-02-28"), ("2026-03-01", "2029-02-28")],
            "bachelor", "2015-07-01", "2020-01-01", "computer-networks", null),
        // The same qualification, obtained last year and valid for two years only; a master's degree; work since 2025-07-01.
        ["eligible-from"] = new("GZ2025-IT-003", "2025-06-01", [("2025-06-01", "2027-05-31")],
            "master", "2018-07-01", "2025-07-01", "computer-networks", null),
        // AWS Solutions Architect – Professional (Engineer) and an Engineer title already held; a doctorate.
        ["already-held"] = new("GZ2025-IT-023", "2024-05-01", [],
            "doctorate", "2012-07-01", "2012-09-01", "computer-networks", ("E", "2021-01-01")),
    };

    public static TheoryData<string, string, string[]> Summaries => new()
    {
        {
            "eligible-now", "en-US",
            [
                "Engineer | Eligible | Yes, you can apply now, through AWS Certified Solutions Architect – Associate (GZ2025-IT-003), one level above the Assistant Engineer it corresponds to.",
                "Assistant Engineer | Eligible | Yes, you can apply now, through AWS Certified Solutions Architect – Associate (GZ2025-IT-003), which corresponds to this level.",
                "Senior Engineer | Not eligible | Not yet. Your qualifications reach one level above Assistant Engineer at most, never two; Senior Engineer needs a qualification that corresponds to Engineer or Senior Engineer.",
                "Professorate Senior Engineer | Not eligible | Not yet. Your qualifications reach one level above Assistant Engineer at most, never two; Professorate Senior Engineer needs a qualification that corresponds to Senior Engineer or Professorate Senior Engineer.",
            ]
        },
        {
            "eligible-now", "zh-CN",
            [
                "工程师 | 可申报 | 可以，现在即可凭AWS认证解决方案架构师–助理级（GZ2025-IT-003）申报，比其对应的助理工程师高一级。",
                "助理工程师 | 可申报 | 可以，现在即可凭AWS认证解决方案架构师–助理级（GZ2025-IT-003）申报，该资格对应此级别。",
                "高级工程师 | 暂不符合 | 暂不可以。您的资格对应助理工程师，最多只能高一级申报工程师，不能高两级；申报高级工程师需要对应工程师或高级工程师的资格。",
                "正高级工程师 | 暂不符合 | 暂不可以。您的资格对应助理工程师，最多只能高一级申报工程师，不能高两级；申报正高级工程师需要对应高级工程师或正高级工程师的资格。",
            ]
        },
        {
            "eligible-from", "en-US",
            [
                "Assistant Engineer | Eligible | Yes, you can apply now, through AWS Certified Solutions Architect – Associate (GZ2025-IT-003), which corresponds to this level.",
                "Engineer | Eligible later | From 2027-06-30, in the 2027 evaluation year, through AWS Certified Solutions Architect – Associate (GZ2025-IT-003), one level above the Assistant Engineer it corresponds to, if you keep it valid and keep working in a related field."
                    + " | Warning: AWS Certified Solutions Architect – Associate expires on 2027-05-31, before 2027-06-30 when you need it: renew it so that it is still valid then.",
                "Senior Engineer | Not eligible | Not yet. Your qualifications reach one level above Assistant Engineer at most, never two; Senior Engineer needs a qualification that corresponds to Engineer or Senior Engineer.",
                "Professorate Senior Engineer | Not eligible | Not yet. Your qualifications reach one level above Assistant Engineer at most, never two; Professorate Senior Engineer needs a qualification that corresponds to Senior Engineer or Professorate Senior Engineer.",
            ]
        },
        {
            "eligible-from", "zh-CN",
            [
                "助理工程师 | 可申报 | 可以，现在即可凭AWS认证解决方案架构师–助理级（GZ2025-IT-003）申报，该资格对应此级别。",
                "工程师 | 以后可申报 | 自 2027-06-30 起可以申报（2027 年度评价），凭AWS认证解决方案架构师–助理级（GZ2025-IT-003），比其对应的助理工程师高一级；须保持资格有效并继续从事相关工作。"
                    + " | 注意： AWS认证解决方案架构师–助理级将于 2027-05-31 到期，早于需要它的 2027-06-30：请及时续期，使其届时仍然有效。",
                "高级工程师 | 暂不符合 | 暂不可以。您的资格对应助理工程师，最多只能高一级申报工程师，不能高两级；申报高级工程师需要对应工程师或高级工程师的资格。",
                "正高级工程师 | 暂不符合 | 暂不可以。您的资格对应助理工程师，最多只能高一级申报工程师，不能高两级；申报正高级工程师需要对应高级工程师或正高级工程师的资格。",
            ]
        },
        {
            "already-held", "en-US",
            [
                "Senior Engineer | Eligible | Yes, you can apply now, through AWS Certified Solutions Architect – Professional (GZ2025-IT-023), one level above the Engineer it corresponds to.",
                "Assistant Engineer | Already held | Already held: you hold the title Engineer, obtained on 2021-01-01.",
                "Engineer | Already held | Already held: you hold the title Engineer, obtained on 2021-01-01.",
                "Professorate Senior Engineer | Not eligible | Not yet. Your qualifications reach one level above Engineer at most, never two; Professorate Senior Engineer needs a qualification that corresponds to Senior Engineer or Professorate Senior Engineer.",
            ]
        },
        {
            "already-held", "zh-CN",
            [
                "高级工程师 | 可申报 | 可以，现在即可凭AWS认证解决方案架构师–专业级（GZ2025-IT-023）申报，比其对应的工程师高一级。",
                "助理工程师 | 已取得 | 已取得：您已于 2021-01-01 取得工程师职称。",
                "工程师 | 已取得 | 已取得：您已于 2021-01-01 取得工程师职称。",
                "正高级工程师 | 暂不符合 | 暂不可以。您的资格对应工程师，最多只能高一级申报高级工程师，不能高两级；申报正高级工程师需要对应高级工程师或正高级工程师的资格。",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Summaries))]
    public async Task Result_ForAPerson_ReadsAsOneSentencePerLevel_AndPrintsOnTwoA4Pages(string person, string locale, string[] expected)
    {
        await using var session = await fixture.NewSessionAsync($"{nameof(ResultSummaryTests)}-{person}", locale);
        var page = session.Page;
        await AnswerAsync(page, People[person], evaluationDate: "2026-11-27");

        await page.GotoAsync("/check/result");

        var levels = await page.Locator(".result-summary li.level-summary").EvaluateAllAsync<string[]>("""
            items => items.map(li => [li.querySelector('h3 .level-name'), li.querySelector('h3 .status-tag'), li.querySelector('.level-sentence'), ...li.querySelectorAll('.level-warning')]
              .map(e => e.innerText.replace(/\s+/g, ' ').trim()).join(' | '))
            """);
        Assert.Equal(expected, levels);
        await session.CheckPageAsync("result");

        // The print view: the summary and the answers on no more than two A4 pages.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await session.ScreenshotAsync("result-print");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, Path = Path.Combine(RepositoryRoot.Screenshots, $"{nameof(ResultSummaryTests)}-{person}-{locale}.pdf") });
        var pages = PageObject().Count(System.Text.Encoding.Latin1.GetString(pdf));
        Assert.InRange(pages, 1, 2);
    }

    [Fact]
    public async Task Result_HeldRuleWithNoTitle_ReadsAsNoTitleHeld_AndIsGreyNotRed()
    {
        await using var session = await fixture.NewSessionAsync($"{nameof(ResultSummaryTests)}-held-rule", "en-US");
        var page = session.Page;
        await AnswerAsync(page, People["eligible-now"], evaluationDate: "2026-11-27");

        await page.GotoAsync("/check/result");

        var held = page.Locator("#level-e").Locator("xpath=ancestor::section[1]").Locator("tbody tr").First;
        Assert.Equal("Title already held | – | Not applicable | No Chinese title at or above Engineer is held.",
            string.Join(" | ", (await held.Locator("th, td").AllInnerTextsAsync()).Select(t => Regex.Replace(t, @"\s+", " ").Trim())));
        Assert.Equal("rgb(72, 73, 73)", await held.Locator(".outcome").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        // Experience is counted from the first day of related work (2020-01-01), not from the degree (2015-07-01).
        var exp = page.Locator("#level-e").Locator("xpath=ancestor::section[1]").Locator("tbody tr", new() { HasText = "Relevant experience" });
        await Microsoft.Playwright.Assertions.Expect(exp.Locator("td").Last).ToHaveTextAsync(
            "2523 days of relevant experience from 2020-01-01 to 2026-11-27; 5 years (1825 days) are needed after a bachelor's degree.");
    }

    /// <summary>Gives the journey's forms the person's answers, with the antiforgery token each page issues.</summary>
    private static async Task AnswerAsync(IPage page, Person p, string evaluationDate)
    {
        var request = page.Context.APIRequest;
        async Task PostAsync(string pageUrl, string action, Dictionary<string, object> fields)
        {
            var html = await (await request.GetAsync(pageUrl)).TextAsync();
            var form = page.Context.APIRequest.CreateFormData();
            form.Set("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups[1].Value));
            foreach (var (name, value) in fields)
            {
                form.Set(name, (string)value);
            }
            var response = await request.PostAsync(action, new() { Form = form, MaxRedirects = 0 });
            Assert.True(response.Status == 302, $"{action} answered {response.Status}: {await response.TextAsync()}");
        }

        var qualification = new Dictionary<string, object> { ["Code"] = p.Code, ["ObtainedOn"] = p.ObtainedOn };
        for (var i = 0; i < p.Validity.Length; i++)
        {
            qualification[$"RenewalFrom[{i}]"] = p.Validity[i].From;
            qualification[$"RenewalTo[{i}]"] = p.Validity[i].To;
        }
        await PostAsync($"/check/qualifications?q={p.Code}", $"/check/qualifications?handler=Add&q={p.Code}", qualification);
        await PostAsync("/check/qualifications", "/check/qualifications?handler=Continue", []);
        await PostAsync("/check/degree", "/check/degree", new() { ["Level"] = p.Degree, ["AwardedOn"] = p.AwardedOn });
        await PostAsync("/check/work", "/check/work?handler=Add", new()
        {
            ["From"] = p.WorkFrom, ["To"] = "", ["Specialty"] = p.Specialty, ["Country"] = "CN", ["InGuangzhou"] = "yes", ["FullTime"] = "yes",
        });
        await PostAsync("/check/work", "/check/work?handler=Continue", []);
        if (p.Title is var (level, obtained))
        {
            await PostAsync("/check/titles", "/check/titles?handler=Add", new() { ["Level"] = level, ["ObtainedOn"] = obtained });
        }
        await PostAsync("/check/titles", "/check/titles?handler=Continue", []);
        await PostAsync("/check/answers", "/check/answers", new() { ["EvaluationDate"] = evaluationDate });
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryInput();

    /// <summary>A page object of a PDF (not the /Pages tree): Chromium writes one per printed page.</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();
}
