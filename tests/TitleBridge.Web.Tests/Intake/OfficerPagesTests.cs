using System.Net;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Intake;

/// <summary>The same handlers through the pages, without JavaScript: forms, antiforgery, status codes.</summary>
public sealed class OfficerPagesTests
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        fields["__RequestVerificationToken"] = Http.AntiforgeryToken(page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoOfficersAcceptingFromThePage_OneIsRedirected_TheOtherGets409(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var stamp = (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp.ToString();
        var first = await Scenario.OfficerAsync(app);
        var second = await Scenario.OfficerAsync(app);
        var url = $"/officer/intake/{id}";
        Assert.Contains(stamp, await first.GetStringAsync(url));

        // The first press only asks to confirm, and changes nothing.
        var asked = await PostFormAsync(first, url, url + "?handler=Accept", new() { ["Stamp"] = stamp });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = await asked.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Accept application ", confirm);
        Assert.Contains("It can no longer be sent back for correction or rejected at intake.", confirm);
        Assert.Contains("Yes, accept the application</button>", confirm);
        Assert.Equal(ApplicationState.Intake, (await Scenario.ApplicationAsync(app, id)).State);

        var one = await PostFormAsync(first, url, url + "?handler=Accept", new() { ["Stamp"] = stamp, ["Confirmed"] = "true" });
        var two = await PostFormAsync(second, url, url + "?handler=Accept", new() { ["Stamp"] = stamp, ["Confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, two.StatusCode);
        Assert.Contains("Someone else changed this application", await two.Content.ReadAsStringAsync());
        Assert.Equal(ApplicationState.Accepted, (await Scenario.ApplicationAsync(app, id)).State);
        // An accepted file offers the officer nothing here, so the page has no empty "What you can do" heading.
        var after = await first.GetStringAsync(url);
        Assert.DoesNotContain("What you can do", after);
        Assert.Contains("Accepted", after);
    }

    [Fact]
    public async Task TheIntakeFile_ShowsTheWarning_WhenTheRulesDidNotSupportTheLevel_AndTheDueDate()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        await app.QueryAsync(async db => { (await db.Applications.SingleAsync(a => a.Id == id)).SupportedByRules = false; return await db.SaveChangesAsync(); });
        var officer = await Scenario.OfficerAsync(app);
        await clock.MoveToAsync(new DateOnly(2026, 9, 28), officer);

        var page = await officer.GetStringAsync($"/officer/intake/{id}");
        var queue = await officer.GetStringAsync("/officer/intake");

        Assert.Contains("data-eligibility-warning", page);
        Assert.Contains("2026-10-16", page);
        Assert.Contains("Not supported by the rules: the eligibility check says no", queue);
    }

    [Fact]
    public async Task NotAcceptingAtIntake_AsksToConfirmWithTheReason_BeforeAnythingChanges()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var stamp = (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp.ToString();
        var officer = await Scenario.OfficerAsync(app, "zh-Hans");
        var url = $"/officer/intake/{id}";
        const string reason = "所持资格不在目录内。";

        var asked = await PostFormAsync(officer, url, url + "?handler=Reject", new() { ["Stamp"] = stamp, ["Reason"] = reason });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var step = (await asked.PageAsync()).QuerySelector("[data-confirm-step]")!;
        var reference = (await Scenario.ApplicationAsync(app, id)).Reference;
        Assert.Equal($"不予受理申报 {reference}？", step.QuerySelector("h1")!.TextContent);
        Assert.Equal("该申报将在受理环节终止，不进入专家评审。申报人将收到邮件通知及以下理由：", step.QuerySelector("p")!.TextContent);
        Assert.Equal([reason], step.QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.Equal("是，不予受理", step.QuerySelector("form button")!.TextContent);
        Assert.Equal(ApplicationState.Intake, (await Scenario.ApplicationAsync(app, id)).State);

        var done = await PostFormAsync(officer, url, url + "?handler=Reject", new() { ["Stamp"] = stamp, ["Reason"] = reason, ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ApplicationState.Rejected, (await Scenario.ApplicationAsync(app, id)).State);
    }

    [Fact]
    public async Task DecliningToRecommend_AsksToConfirmWithTheReason_BeforeAnythingChanges()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);
        Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{id}/employer/open-review")).StatusCode);
        var stamp = (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp.ToString();
        var url = $"/employer/applications/{id}";
        const string reason = "The applicant has not worked in a related field here.";

        var asked = await PostFormAsync(employer, url, url + "?handler=Decline", new() { ["Stamp"] = stamp, ["Reason"] = reason });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var step = (await asked.PageAsync()).QuerySelector("[data-confirm-step]")!;
        var reference = (await Scenario.ApplicationAsync(app, id)).Reference;
        Assert.Equal($"Decline to recommend application {reference}?", step.QuerySelector("h1")!.TextContent);
        Assert.Equal([reason], step.QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.Equal("Yes, decline to recommend", step.QuerySelector("form button")!.TextContent);
        Assert.Equal(ApplicationState.EmployerReview, (await Scenario.ApplicationAsync(app, id)).State);

        var done = await PostFormAsync(employer, url, url + "?handler=Decline", new() { ["Stamp"] = stamp, ["Reason"] = reason, ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ApplicationState.DeclinedByEmployer, (await Scenario.ApplicationAsync(app, id)).State);
    }

    [Fact]
    public async Task TheIntakeFile_ReadsTheStoredEligibilityAsText_InTheOfficersLanguage()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app, "zh-Hans");

        var page = await (await officer.GetAsync($"/officer/intake/{id}")).PageAsync();
        var section = page.QuerySelector("section.stored-eligibility")!;
        Assert.Equal("提交时保存的申报条件结果", section.QuerySelector("h2")!.TextContent);
        Assert.Null(page.QuerySelector("pre.json"));
        var rows = section.QuerySelectorAll("tbody tr").Select(r => (Level: r.QuerySelector("th")!.TextContent, Status: r.QuerySelector(".status-tag")!.TextContent)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Level, new[] { "助理工程师", "工程师", "高级工程师", "正高级工程师" }));
        Assert.All(rows, r => Assert.Contains(r.Status, new[] { "可申报", "以后可申报", "已取得", "暂不符合" }));
        Assert.Equal(rows.Count, section.QuerySelectorAll("details.stored-rules").Length);
        // No stored format and no identifier reaches the officer: no braces, quotes or camelCase codes.
        Assert.DoesNotMatch(@"[{}""]|\b[a-z]+[A-Z][A-Za-z]*\b", section.TextContent);
    }

    [Fact]
    public async Task ACorrectionNoticeFromThePage_ListsTickedDocumentsAndFreeText()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);
        var url = $"/officer/intake/{id}";
        var stamp = (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp.ToString();

        var empty = await PostFormAsync(officer, url, url + "?handler=Correction", new() { ["Stamp"] = stamp, ["Items"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("List at least one missing item", await empty.Content.ReadAsStringAsync());

        var page = await officer.GetStringAsync(url);
        var token = Http.AntiforgeryToken(page);
        List<KeyValuePair<string, string>> notice =
        [
            new("__RequestVerificationToken", token), new("Stamp", stamp), new("MissingDocuments", "identity"), new("MissingDocuments", "degree"),
            new("Items", "Sign the report.\nAdd the 2024 project contract."),
        ];
        // The first press shows what the once-only notice will name and changes nothing.
        var asked = await officer.PostAsync(url + "?handler=Correction", new FormUrlEncodedContent(notice));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = await asked.Content.ReadAsStringAsync();
        Assert.Contains("A correction notice can be sent only once. The applicant will be asked to correct:", confirm);
        foreach (var item in new[] { "Identity document", "Degree certificate", "Sign the report.", "Add the 2024 project contract." })
        {
            // Each item its own list entry (marked with its language, so a Chinese item on an English page is read as Chinese).
            Assert.Matches($"<li lang=\"[a-zA-Z-]+\">{System.Text.RegularExpressions.Regex.Escape(item)}</li>", confirm);
        }
        Assert.Contains("Yes, send the correction notice</button>", confirm);
        Assert.Equal(ApplicationState.Intake, (await Scenario.ApplicationAsync(app, id)).State);

        var sent = await officer.PostAsync(url + "?handler=Correction", new FormUrlEncodedContent([.. notice, new("Confirmed", "true")]));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var stored = await Scenario.ApplicationAsync(app, id);
        Assert.Equal(ApplicationState.CorrectionRequested, stored.State);
        foreach (var item in new[] { "Identity document", "Degree certificate", "Sign the report.", "Add the 2024 project contract." })
        {
            Assert.Contains(item, stored.CorrectionItems);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RegisteringFromThePage_WithAForbiddenLetter_SaysWhere_AndSavesNothing_ThenAValidOneWaitsForApproval(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client("zh-Hans");
        var fields = new Dictionary<string, string>
        {
            ["NameZh"] = "广州示例科技有限公司", ["NameEn"] = "Guangzhou Example Technology", ["CreditCode"] = "9144010OMA59C1K26Q", ["District"] = "440106",
            ["ContactName"] = "李华", ["ContactEmail"] = "li@example.com", ["ContactPhone"] = "020-12345678", ["AccountEmail"] = "li@example.com", ["Password"] = "Employer-Password-1",
            ["PrivacyNotice"] = Accounts.PrivacyTests.NoticeVersion,
        };

        var bad = await PostFormAsync(client, "/account/register-employer", "/account/register-employer", new(fields));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var expected = UnifiedSocialCreditCode.Parse("9144010OMA59C1K26Q").Problems[0].Message.Zh;
        Assert.Contains(System.Net.WebUtility.HtmlEncode(expected), await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Employers.CountAsync()));

        fields["CreditCode"] = "91440106MA59C1K26Q";
        var good = await PostFormAsync(client, "/account/register-employer", "/account/register-employer", new(fields));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("我们已向 li@example.com 发送邮件", await good.Content.ReadAsStringAsync());
        await Scenario.ConfirmFromOutboxAsync(app, client, "li@example.com");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("li@example.com", "Employer-Password-1")).StatusCode);
        Assert.Contains("data-employer-waiting", await client.GetStringAsync("/employer"));
    }

    [Fact]
    public async Task TheCalendarPage_ListsTheYears_AndAnInvalidUploadListsItsProblems_ChangingNothing()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var officer = await Scenario.OfficerAsync(app);

        var page = await officer.GetStringAsync("/officer/calendar");
        Assert.Contains("国务院办公厅关于2026年部分节假日安排的通知", page);

        var bad = await PostFormAsync(officer, "/officer/calendar", "/officer/calendar", new() { ["Json"] = "{\"years\": 5}" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("error-summary", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.CalendarDocuments.CountAsync()));
    }

    [Fact]
    public async Task AnotherEmployer_PostingToTheFirstEmployersApplicationPage_Gets404()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (firstId, first, _) = await Scenario.EmployerAsync(app);
        var (_, other, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, firstId);
        var url = $"/employer/applications/{id}";

        var page = await first.GetStringAsync(url);
        var token = Http.AntiforgeryToken(await other.GetStringAsync("/employer"));
        var response = await other.PostAsync(url + "?handler=OpenReview", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Open the review", page);
        var opened = await PostFormAsync(first, url, url + "?handler=OpenReview", new());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(ApplicationState.EmployerReview, (await Scenario.ApplicationAsync(app, id)).State);
    }

    [Fact]
    public async Task TheEmployerPage_ShowsThePublicityLastDay_BeforeStartingIt()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 28));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);
        await employer.PostJsonAsync($"/api/applications/{id}/employer/open-review");
        await employer.PostJsonAsync($"/api/applications/{id}/employer/confirm-employment");

        var page = await employer.GetStringAsync($"/employer/applications/{id}?from=2026-09-29");

        Assert.Contains("data-publicity-last-day=\"2026-10-10\"", page);
        Assert.Equal(ApplicationState.EmployerReview, (await Scenario.ApplicationAsync(app, id)).State);
    }
}
