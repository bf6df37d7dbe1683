using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Intake;

/// <summary>Intake (policy.md §5.3): accept, one correction notice with a working-day deadline, the withdrawal sweep.</summary>
public sealed class IntakeTests
{
    // From Monday 28 September 2026, 10 working days (the notice's day not counted): 29, 30 Sep; 1–7 Oct off;
    // 8, 9, 10 (Saturday worked), 12, 13, 14, 15, 16 Oct → due Friday 16 October.
    private static readonly DateOnly NoticeDay = new(2026, 9, 28);
    private static readonly DateOnly DueOn = new(2026, 10, 16);

    private static async Task<(Guid Id, HttpClient Officer)> CorrectionRequestedAsync(TestApp app, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, string culture = "en")
    {
        var id = await Scenario.AtIntakeAsync(app, clock, culture);
        var officer = await Scenario.OfficerAsync(app);
        await clock.MoveToAsync(NoticeDay, officer);
        var response = await officer.PostJsonAsync($"/api/applications/{id}/correction",
            new { items = new[] { "The employment contract is not signed." }, missingDocuments = new[] { "degree-certification" } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (id, officer);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CorrectionNotice_IsDueTenWorkingDaysLater_OverNationalDayAndTheWorkedSaturday_AndEmailsEveryItem(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(provider, clock: clock);

        var (id, _) = await CorrectionRequestedAsync(app, clock, culture: "zh-Hans");

        var stored = await Scenario.ApplicationAsync(app, id);
        Assert.Equal((ApplicationState.CorrectionRequested, DueOn, true), (stored.State, stored.CorrectionDueOn!.Value, stored.CorrectionRequested));
        Assert.Contains("The employment contract is not signed.", stored.CorrectionItems);
        var email = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.TemplateKey == "CorrectionRequested"));
        Assert.Contains("The employment contract is not signed.", email.TextBody);
        Assert.Contains("境外学历学位认证书", email.TextBody);
        Assert.Contains("2026年10月16日", email.TextBody);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ASecondCorrectionNotice_IsRefused(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, officer) = await CorrectionRequestedAsync(app, clock);

        // While the notice is open: not possible in this state.
        var again = await officer.PostJsonAsync($"/api/applications/{id}/correction", new { items = new[] { "One more thing" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // After the applicant resubmits: the workflow's once-only guard.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Data.AppDbContext>();
            var a = await db.Applications.SingleAsync(x => x.Id == id);
            var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            Assert.True(unit.Fire(a, ApplicationTrigger.Resubmit, Actor.Applicant, a.ApplicantId).Succeeded);
            Assert.True((await unit.CommitAsync(a)).Succeeded);
        }
        var afterResubmit = await officer.PostJsonAsync($"/api/applications/{id}/correction", new { items = new[] { "One more thing" } });
        Assert.Equal(HttpStatusCode.Conflict, afterResubmit.StatusCode);
        Assert.Equal("transition.guard-failed", (await afterResubmit.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id && e.What == "RequestCorrection")));
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.TemplateKey == "CorrectionRequested")));
    }

    [Fact]
    public async Task ACorrectionNotice_WithoutItems_IsRefused_AndNothingChanges()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);
        var before = await Scenario.ApplicationAsync(app, id);

        var response = await officer.PostJsonAsync($"/api/applications/{id}/correction", new { items = new[] { " " } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("items", out _));
        Assert.Equal(before.ConcurrencyStamp, (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheSweep_WithdrawsTheDayAfterTheDueDate_NotOnIt_AndOnlyOnce(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, _) = await CorrectionRequestedAsync(app, clock);
        var sweep = app.Services.GetRequiredService<CorrectionDeadlineSweep>();

        await clock.MoveToAsync(DueOn);
        Assert.Equal(0, await sweep.RunOnceAsync());
        Assert.Equal(ApplicationState.CorrectionRequested, (await Scenario.ApplicationAsync(app, id)).State);

        await clock.MoveToAsync(DueOn.AddDays(1));
        Assert.Equal(1, await sweep.RunOnceAsync());
        Assert.Equal(0, await sweep.RunOnceAsync());

        var stored = await Scenario.ApplicationAsync(app, id);
        Assert.Equal((ApplicationState.Withdrawn, "the correction deadline passed"), (stored.State, stored.WithdrawalReason));
        var passed = await app.QueryAsync(db => db.ApplicationEvents.SingleAsync(e => e.ApplicationId == id && e.What == "CorrectionDeadlinePassed"));
        Assert.Equal("System", passed.Role);
        var email = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.TemplateKey == "ApplicationWithdrawn"));
        Assert.Contains("the correction deadline passed", email.TextBody);
    }

    [Fact]
    public async Task TwoSweepsAtOnceOnPostgres_ChangeEachApplicationExactlyOnce()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Postgres, clock: clock);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await Scenario.SubmittedAsync(app, employerId));
        }
        // The notices themselves are tested above; here the rows are put straight into CorrectionRequested.
        await app.QueryAsync(async db =>
        {
            foreach (var a in await db.Applications.Where(a => ids.Contains(a.Id)).ToListAsync())
            {
                (a.State, a.CorrectionRequested, a.CorrectionDueOn, a.ConcurrencyStamp) = (ApplicationState.CorrectionRequested, true, DueOn, Guid.NewGuid());
            }
            return await db.SaveChangesAsync();
        });
        await clock.MoveToAsync(DueOn.AddDays(1));
        var sweep = app.Services.GetRequiredService<CorrectionDeadlineSweep>();

        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => sweep.RunOnceAsync())));

        Assert.Equal(ids.Count, counts.Sum());
        foreach (var id in ids)
        {
            Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id && e.What == "CorrectionDeadlinePassed")));
            Assert.Equal(ApplicationState.Withdrawn, (await Scenario.ApplicationAsync(app, id)).State);
        }
        Assert.Equal(ids.Count, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.TemplateKey == "ApplicationWithdrawn")));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoOfficersAcceptingAtOnce_OneWins_TheOtherGets409(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var stamp = (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp;
        var first = await Scenario.OfficerAsync(app);
        var second = await Scenario.OfficerAsync(app);

        var responses = await Task.WhenAll(
            first.PostJsonAsync($"/api/applications/{id}/accept", new { concurrencyStamp = stamp }),
            second.PostJsonAsync($"/api/applications/{id}/accept", new { concurrencyStamp = stamp }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(ApplicationState.Accepted, (await Scenario.ApplicationAsync(app, id)).State);
        Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id && e.What == "Accept")));
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.TemplateKey == "ApplicationAccepted")));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task IntakeActions_InTheWrongState_Are409(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);
        var officer = await Scenario.OfficerAsync(app);

        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/applications/{id}/accept")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/applications/{id}/correction", new { items = new[] { "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/applications/{id}/reject", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostJsonAsync($"/api/applications/{Guid.NewGuid()}/accept")).StatusCode);
        Assert.Equal(ApplicationState.Submitted, (await Scenario.ApplicationAsync(app, id)).State);
    }

    [Fact]
    public async Task RejectAtIntake_NeedsAReason()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostJsonAsync($"/api/applications/{id}/reject", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{id}/reject", new { reason = "Level not offered." })).StatusCode);
        Assert.Equal(ApplicationState.Rejected, (await Scenario.ApplicationAsync(app, id)).State);
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.TemplateKey == "ApplicationRejectedAtIntake")));
    }

    [Fact]
    public async Task TheCalendar_CanBeReadAndAnInvalidReplacementChangesNothing()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var officer = await Scenario.OfficerAsync(app);

        var calendar = await officer.GetJsonAsync("/api/calendar/");
        Assert.Equal([2025, 2026], calendar.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));

        using var bad = new StringContent("{\"years\": {\"2027\": {\"holidays\": {}}}}", System.Text.Encoding.UTF8, "application/json");
        var response = await officer.PutAsync("/api/calendar/", bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.CalendarDocuments.CountAsync()));
    }

    [Fact]
    public async Task ACorrectionDeadline_ReachingAYearTheCalendarLacks_SaysSo_AndNothingChanges()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 12, 1));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);
        await clock.MoveToAsync(new DateOnly(2026, 12, 21), officer);
        var before = await Scenario.ApplicationAsync(app, id);

        var response = await officer.PostJsonAsync($"/api/applications/{id}/correction", new { items = new[] { "Sign the report." } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2027", await response.Content.ReadAsStringAsync());
        var after = await Scenario.ApplicationAsync(app, id);
        Assert.Equal((ApplicationState.Intake, before.ConcurrencyStamp, false), (after.State, after.ConcurrencyStamp, after.CorrectionRequested));
        Assert.Equal(0, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.TemplateKey == "CorrectionRequested")));
    }

    [Fact]
    public async Task TheCalendar_CanBeReplacedByAnOfficer()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var officer = await Scenario.OfficerAsync(app);
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "calendar", "cn-public-holidays.json"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(shipped)!;
        node["years"]!.AsObject().Remove("2025");

        using var content = new StringContent(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var response = await officer.PutAsync("/api/calendar/", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([2026], (await officer.GetJsonAsync("/api/calendar/")).GetProperty("years").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));
        Assert.Equal(1, await app.QueryAsync(db => db.CalendarDocuments.CountAsync()));
    }

    [Fact]
    public async Task AnAdministratorWhoIsNotAnOfficer_MayOpenIntake_ButNotDecide()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var id = await Scenario.AtIntakeAsync(app, clock);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TitleBridge.Web.Data.AppUser>>();
            var user = new TitleBridge.Web.Data.AppUser { UserName = "admin-only@test.localhost", Email = "admin-only@test.localhost", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Scenario.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, TitleBridge.Web.Data.Roles.Admin)).Succeeded);
        }
        var admin = app.Client();
        await admin.SignInAsync("admin-only@test.localhost", Scenario.Password);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/officer/intake/{id}")).StatusCode);
        var response = await admin.PostJsonAsync($"/api/applications/{id}/accept");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("transition.role-not-allowed", (await response.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(ApplicationState.Intake, (await Scenario.ApplicationAsync(app, id)).State);
    }
}
