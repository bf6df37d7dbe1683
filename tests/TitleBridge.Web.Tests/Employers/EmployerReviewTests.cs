using System.Net;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Calendar;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Employers;

/// <summary>The employer's review and pre-evaluation publicity (policy.md §5.2), with the real 2026 calendar.</summary>
public sealed class EmployerReviewTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnEmployer_SeesOnlyApplicationsNamingIt_AnotherEmployerGets404(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (firstId, first, _) = await Scenario.EmployerAsync(app);
        var (_, other, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, firstId);

        var mine = await first.GetJsonAsync("/api/employer/applications");
        var theirs = await other.GetJsonAsync("/api/employer/applications");

        Assert.Equal(id.ToString(), Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(theirs.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/applications/{id}/employer/open-review")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/employer/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/employer/applications/{id}")).StatusCode);
        Assert.Equal(ApplicationState.Submitted, (await Scenario.ApplicationAsync(app, id)).State);
    }

    [Fact]
    public async Task AnUnapprovedEmployer_SeesNoApplications()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (employerId, pending, _) = await Scenario.EmployerAsync(app, EmployerStatus.PendingApproval);
        var id = await Scenario.SubmittedAsync(app, employerId);

        Assert.Equal(HttpStatusCode.Forbidden, (await pending.GetAsync("/api/employer/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pending.PostJsonAsync($"/api/applications/{id}/employer/open-review")).StatusCode);
        var page = await pending.GetStringAsync("/employer");
        Assert.Contains("data-employer-waiting", page);
        Assert.DoesNotContain(id.ToString(), page);
    }

    [Fact]
    public async Task TheEmployerPage_ShowsTheIdentityNumberMasked()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);
        var applicant = (await Scenario.ApplicationAsync(app, id)).ApplicantId;
        await app.QueryAsync(async db =>
        {
            db.ApplicantProfiles.Add(new ApplicantProfile { UserId = applicant, DocumentName = "SILVA MARIA", DocumentType = TitleBridge.Domain.Applicants.IdentityDocumentType.Passport, DocumentNumber = "P12345678", DocumentCountry = "PT" });
            return await db.SaveChangesAsync();
        });

        var page = await employer.GetStringAsync($"/employer/applications/{id}");

        Assert.Contains("SILVA MARIA", page);
        Assert.DoesNotContain("P12345678", page);
        Assert.Contains(TitleBridge.Domain.Applicants.IdentityDocuments.Mask("P12345678"), page);
    }

    // National Day 2026: 1–7 October off, Saturday 10 October a working day (调休).
    // Starting Tuesday 29 September: 29, 30 Sep, 8, 9, 10 Oct → the 5th working day is Saturday 10 October.
    // Spring Festival 2026: 15–23 February off, Saturday 14 February a working day.
    // Starting Thursday 12 February: 12, 13, 14 (Sat, worked), 24, 25 → Wednesday 25 February.
    [Theory]
    [InlineData(Provider.Sqlite, "2026-09-28", "2026-09-29", "2026-10-10")]
    [InlineData(Provider.Postgres, "2026-09-28", "2026-09-29", "2026-10-10")]
    [InlineData(Provider.Sqlite, "2026-02-10", "2026-02-12", "2026-02-25")]
    [InlineData(Provider.Postgres, "2026-02-10", "2026-02-12", "2026-02-25")]
    public async Task Publicity_LastDayCountsWorkingDays_OverHolidaysAndWorkedWeekends_RecommendOnlyAfterIt(Provider provider, string today, string from, string lastDay)
    {
        var clock = Scenario.ClockAt(DateOnly.Parse(today));
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);

        var started = await Scenario.ToPublicityAsync(employer, id, DateOnly.Parse(from));

        Assert.Equal(lastDay, started.GetProperty("prePublicityLastDay").GetString());
        var stored = await Scenario.ApplicationAsync(app, id);
        Assert.Equal((ApplicationState.PrePublicity, DateOnly.Parse(from), DateOnly.Parse(lastDay)), (stored.State, stored.PrePublicityFrom!.Value, stored.PrePublicityLastDay!.Value));
        Assert.True(stored.EmploymentConfirmed);
        Assert.Contains(await app.QueryAsync(db => db.ApplicationEvents.Where(e => e.ApplicationId == id).Select(e => e.What).ToListAsync()), w => w == "EmploymentConfirmed");

        // On the last day itself the publicity is still running.
        await clock.MoveToAsync(DateOnly.Parse(lastDay), employer);
        var early = await employer.PostJsonAsync($"/api/applications/{id}/employer/recommend");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(ApplicationState.PrePublicity, (await Scenario.ApplicationAsync(app, id)).State);

        await clock.MoveToAsync(DateOnly.Parse(lastDay).AddDays(1), employer);
        var recommended = await employer.PostJsonAsync($"/api/applications/{id}/employer/recommend");
        Assert.Equal(HttpStatusCode.OK, recommended.StatusCode);
        Assert.Equal(ApplicationState.Intake, (await Scenario.ApplicationAsync(app, id)).State);
    }

    [Fact]
    public async Task Publicity_ReachingAYearTheCalendarLacks_SaysSo_AndNothingChanges()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 12, 24));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);
        await employer.PostJsonAsync($"/api/applications/{id}/employer/open-review");
        await employer.PostJsonAsync($"/api/applications/{id}/employer/confirm-employment");
        var before = await Scenario.ApplicationAsync(app, id);

        // 28–31 December are four working days; the fifth would be in 2027.
        var response = await employer.PostJsonAsync($"/api/applications/{id}/employer/start-publicity", new { from = "2026-12-28" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("from")[0].GetString();
        Assert.Equal(WorkingDayCalendar.YearUnknown(2027).Message.En, message);
        var after = await Scenario.ApplicationAsync(app, id);
        Assert.Equal((ApplicationState.EmployerReview, before.ConcurrencyStamp, (DateOnly?)null), (after.State, after.ConcurrencyStamp, after.PrePublicityLastDay));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ActionsInTheWrongState_Are409(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);

        Assert.Equal(HttpStatusCode.Conflict, (await employer.PostJsonAsync($"/api/applications/{id}/employer/recommend")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await employer.PostJsonAsync($"/api/applications/{id}/employer/confirm-employment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{id}/employer/open-review")).StatusCode);
        // Publicity needs the confirmation first (the workflow's guard).
        var today = app.Today;
        Assert.Equal(HttpStatusCode.Conflict, (await employer.PostJsonAsync($"/api/applications/{id}/employer/start-publicity", new { from = today.ToString("yyyy-MM-dd") })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await employer.PostJsonAsync($"/api/applications/{id}/employer/objections", new { receivedOn = today.ToString("yyyy-MM-dd"), summary = "x", handling = "y" })).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id && e.What == "OpenEmployerReview")));
        Assert.Equal(ApplicationState.EmployerReview, (await Scenario.ApplicationAsync(app, id)).State);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Objections_AreRecorded_ThenDecline_NeedsAReason_AndEmailsTheApplicant(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 11, 2));
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId, applicantCulture: "zh-Hans");
        await Scenario.ToPublicityAsync(employer, id, new DateOnly(2026, 11, 2));
        await clock.MoveToAsync(new DateOnly(2026, 11, 3), employer);

        var objection = await employer.PostJsonAsync($"/api/applications/{id}/employer/objections",
            new { receivedOn = "2026-11-03", summary = "A colleague says the project was led by someone else.", handling = "Checked the project records: the applicant led it." });
        Assert.Equal(HttpStatusCode.OK, objection.StatusCode);
        Assert.Single((await objection.JsonAsync()).GetProperty("objections").EnumerateArray());
        var missing = await employer.PostJsonAsync($"/api/applications/{id}/employer/objections", new { receivedOn = "2026-11-03" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await employer.PostJsonAsync($"/api/applications/{id}/employer/decline", new { reason = "" })).StatusCode);
        var declined = await employer.PostJsonAsync($"/api/applications/{id}/employer/decline", new { reason = "The applicant left the company." });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var stored = await Scenario.ApplicationAsync(app, id);
        Assert.Equal((ApplicationState.DeclinedByEmployer, "The applicant left the company."), (stored.State, stored.EmployerDeclineReason));
        Assert.Contains("A colleague says", stored.PublicityObjections);
        var email = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.TemplateKey == "ApplicationDeclinedByEmployer"));
        Assert.Contains("用人单位", email.Subject);
        Assert.Contains("The applicant left the company.", email.TextBody);
    }
}
