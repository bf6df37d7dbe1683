using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Tests.TestData;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Applications;

/// <summary>
/// The unit of work (decision record 0038): the transitions, timeline records, audit events and emails of one
/// change are committed together or not at all, and a refusal or a conflict leaves nothing pending.
/// </summary>
public sealed class UnitOfWorkTests
{
    private static readonly EmailRecipient Someone = new("someone@test.localhost", "Someone", "en");

    /// <summary>What is stored for one application: its state, its timeline, its audit events and the test's emails.</summary>
    private static Task<(ApplicationState State, List<string> Events, int Audited, int Emails)> StoredAsync(TestApp app, Guid id, string emailKey = "ApplicationAccepted") =>
        app.QueryAsync(async db => (
            (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).State,
            await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == id && e.What != "Submit").OrderBy(e => e.Id).Select(e => e.What).ToListAsync(),
            await db.AuditEvents.AsNoTracking().CountAsync(e => e.Subject == $"application:{id}" && e.Type == "ApplicationStateChanged" && !e.Data.Contains("\"Submit\"")),
            await db.OutboxEmails.AsNoTracking().CountAsync(e => e.TemplateKey == emailKey && e.To == Someone.Address)));

    private static bool Pending(AppDbContext db) =>
        db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Commit_WritesStateEventAuditEventAndEmailTogether(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var a = await db.Applications.SingleAsync(x => x.Id == id);
        var stamp = a.ConcurrencyStamp;

        Assert.True(unit.Fire(a, ApplicationTrigger.OpenEmployerReview, Actor.Employer, "employer", expectedStamp: stamp).Succeeded);
        unit.Record(a, Actor.Employer, "employer", "EmploymentConfirmed", new { specialty = a.Specialty });
        unit.Email(Someone, new ApplicationAccepted(a.Reference!, a.Id));

        // Staged, not written: another reader sees the application as it was.
        Assert.Equal((ApplicationState.Submitted, 0, 0, 0), Count(await StoredAsync(app, id)));

        var committed = await unit.CommitAsync(a);

        Assert.True(committed.Succeeded);
        var stored = await StoredAsync(app, id);
        Assert.Equal(ApplicationState.EmployerReview, stored.State);
        Assert.Equal(["OpenEmployerReview", "EmploymentConfirmed"], stored.Events);
        Assert.Equal((1, 1), (stored.Audited, stored.Emails));
        Assert.NotEqual(stamp, (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp);
        Assert.False(Pending(db));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RefusedTrigger_WritesNothing_AndLeavesNoPendingEmail(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var a = await db.Applications.SingleAsync(x => x.Id == id);

        // An email staged before the trigger, and side data the trigger's change sets: both go with the refusal.
        unit.Email(Someone, new ApplicationAccepted(a.Reference!, a.Id));
        var refused = unit.Fire(a, ApplicationTrigger.Decline, Actor.Employer, "employer", reason: "No.", change: x => x.EmployerDeclineReason = "No.");

        Assert.False(refused.Succeeded);
        Assert.Equal(ApplicationWorkflow.NotAllowedCode, refused.Problems[0].Code);
        Assert.False(Pending(db));
        Assert.Empty(db.ChangeTracker.Entries<OutboxEmail>());
        Assert.Equal((ApplicationState.Submitted, null), (a.State, a.EmployerDeclineReason));

        // A later save in the same scope carries nothing of the refused change.
        await db.SaveChangesAsync();
        Assert.Equal((ApplicationState.Submitted, 0, 0, 0), Count(await StoredAsync(app, id)));
        Assert.Null((await Scenario.ApplicationAsync(app, id)).EmployerDeclineReason);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task StaleStamp_IsTheChangedConflict_WithNothingWritten(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var a = await db.Applications.SingleAsync(x => x.Id == id);

        // The stamp the client read is no longer the stored one.
        var stale = unit.Fire(a, ApplicationTrigger.OpenEmployerReview, Actor.Employer, "employer", expectedStamp: Guid.NewGuid());

        Assert.False(stale.Succeeded);
        Assert.Equal((ApplicationTransitions.ChangedCode, ProblemKind.Conflict), (stale.Problems[0].Code, stale.Problems[0].Kind));
        Assert.False(Pending(db));
        Assert.Equal((ApplicationState.Submitted, 0, 0, 0), Count(await StoredAsync(app, id)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ConcurrentChange_BeforeCommit_IsTheChangedConflict_WithNothingOfTheUnitWritten(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var a = await db.Applications.SingleAsync(x => x.Id == id);
        Assert.True(unit.Fire(a, ApplicationTrigger.OpenEmployerReview, Actor.Employer, "employer", expectedStamp: a.ConcurrencyStamp).Succeeded);
        unit.Email(Someone, new ApplicationAccepted(a.Reference!, a.Id));

        // Meanwhile the employer's own request opens the review (the real handler, another scope).
        await using (var other = app.Services.CreateAsyncScope())
        {
            Assert.True((await other.ServiceProvider.GetRequiredService<ReviewByEmployer>().OpenReviewAsync(employerId, id, "employer", null)).Succeeded);
        }

        var committed = await unit.CommitAsync(a);

        Assert.False(committed.Succeeded);
        Assert.Equal((ApplicationTransitions.ChangedCode, ProblemKind.Conflict), (committed.Problems[0].Code, committed.Problems[0].Kind));
        Assert.False(Pending(db));
        // Only the other request's transition is stored, and no email of this unit.
        var stored = await StoredAsync(app, id);
        Assert.Equal((ApplicationState.EmployerReview, 1, 0), (stored.State, stored.Audited, stored.Emails));
        Assert.Equal(["OpenEmployerReview"], stored.Events);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoTransitionsStagedInOneUnit_CommitTogether(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var a = await db.Applications.SingleAsync(x => x.Id == id);

        Assert.True(unit.Fire(a, ApplicationTrigger.OpenEmployerReview, Actor.Employer, "employer", expectedStamp: a.ConcurrencyStamp).Succeeded);
        // The second trigger's guards read the state the first one staged.
        Assert.True(unit.Fire(a, ApplicationTrigger.Decline, Actor.Employer, "employer", reason: "Not our field.", change: x => x.EmployerDeclineReason = "Not our field.").Succeeded);
        unit.Email(Someone, new ApplicationAccepted(a.Reference!, a.Id));
        Assert.Equal((ApplicationState.Submitted, 0, 0, 0), Count(await StoredAsync(app, id)));

        Assert.True((await unit.CommitAsync(a)).Succeeded);

        var stored = await StoredAsync(app, id);
        Assert.Equal(ApplicationState.DeclinedByEmployer, stored.State);
        Assert.Equal(["OpenEmployerReview", "Decline"], stored.Events);
        Assert.Equal((2, 1), (stored.Audited, stored.Emails));
        Assert.Equal("Not our field.", (await Scenario.ApplicationAsync(app, id)).EmployerDeclineReason);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoFilesInOneUnit_AConflictOnTheSecond_WritesNothingOfTheFirst(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var first = await Scenario.SubmittedAsync(app, employerId);
        var second = await Scenario.SubmittedAsync(app, employerId);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var a = await db.Applications.SingleAsync(x => x.Id == first);
        var b = await db.Applications.SingleAsync(x => x.Id == second);
        Assert.True(unit.Fire(a, ApplicationTrigger.OpenEmployerReview, Actor.Employer, "employer").Succeeded);
        Assert.True(unit.Fire(b, ApplicationTrigger.OpenEmployerReview, Actor.Employer, "employer").Succeeded);
        unit.Email(Someone, new ApplicationAccepted(a.Reference!, a.Id));

        await using (var other = app.Services.CreateAsyncScope())
        {
            Assert.True((await other.ServiceProvider.GetRequiredService<ReviewByEmployer>().OpenReviewAsync(employerId, second, "employer", null)).Succeeded);
        }

        var committed = await unit.CommitAsync(true);

        Assert.Equal(ApplicationTransitions.ChangedCode, Assert.Single(committed.Problems).Code);
        Assert.Equal((ApplicationState.Submitted, 0, 0, 0), Count(await StoredAsync(app, first)));
        Assert.Equal(0, await app.QueryAsync(d => d.OutboxEmails.CountAsync(e => e.To == Someone.Address)));
        Assert.False(Pending(db));
    }

    private static (ApplicationState, int, int, int) Count((ApplicationState State, List<string> Events, int Audited, int Emails) s) =>
        (s.State, s.Events.Count, s.Audited, s.Emails);
}
