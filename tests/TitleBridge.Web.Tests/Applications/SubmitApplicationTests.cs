using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Applications;

/// <summary>Submission through the handler every UI and API path uses, on both databases.</summary>
public sealed class SubmitApplicationTests
{
    private static async Task<TitleBridge.Domain.Common.Result<SubmitApplication.Submitted>> SubmitAsync(TestApp app, Guid id, string applicantId, bool declaration = true, bool acknowledge = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubmitApplication>().HandleAsync(new(id, declaration, acknowledge, null), applicantId);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Submit_CompleteDraft_GetsAReference_StoresTheEligibility_AndRecordsTheEvent(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, applicant) = await Scenario.CompleteDraftAsync(app);

        var result = await SubmitAsync(app, id, applicant);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
        Assert.Equal("GZ-2026-000001", result.Value.Reference);
        Assert.True(result.Value.SupportedByRules);
        var stored = await app.QueryAsync(db => db.Applications.SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationState.Submitted, stored.State);
        Assert.Contains("\"oneUp\"", stored.Eligibility);
        var events = await app.QueryAsync(db => db.ApplicationEvents.Where(e => e.ApplicationId == id).ToListAsync());
        var submitted = Assert.Single(events);
        Assert.Equal((ApplicationState.Draft, ApplicationState.Submitted), (submitted.FromState, submitted.ToState));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Submit_Twice_IsIdempotent(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, applicant) = await Scenario.CompleteDraftAsync(app);

        var first = await SubmitAsync(app, id, applicant);
        var second = await SubmitAsync(app, id, applicant);

        Assert.Equal(first.Value.Reference, second.Value.Reference);
        Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id)));
        Assert.Equal(2, await app.QueryAsync(db => db.ReferenceCounters.Select(c => c.Next).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Submit_SameDraftSeveralTimesAtOnce_EveryAnswerHasTheSameReference(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, applicant) = await Scenario.CompleteDraftAsync(app);

        // A double click and two retries racing each other: each request in its own scope, as on the server.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SubmitAsync(app, id, applicant))));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Problems.Select(p => p.Code))));
        var stored = await app.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.All(results, r => Assert.Equal(stored.Reference, r.Value.Reference));
        Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id)));
        Assert.Equal(2, await app.QueryAsync(db => db.OutboxEmails.CountAsync()));
    }

    [Fact]
    public async Task Submit_ManyAtOnceOnPostgres_EveryReferenceIsUnique()
    {
        await using var app = await TestApp.StartAsync(Provider.Postgres);
        var drafts = new List<(Guid, string)>();
        for (var i = 0; i < 12; i++)
        {
            drafts.Add(await Scenario.CompleteDraftAsync(app));
        }

        var results = await Task.WhenAll(drafts.Select(d => SubmitAsync(app, d.Item1, d.Item2)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(12, results.Select(r => r.Value.Reference).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"GZ-2026-{n:000000}"), results.Select(r => r.Value.Reference).Order());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Submit_OutsideTheWindow_IsRefused_AndNothingChanges(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, applicant) = await Scenario.CompleteDraftAsync(app, openCycle: false);

        var result = await SubmitAsync(app, id, applicant);

        Assert.Equal("cycle.closed", Assert.Single(result.Problems).Code);
        Assert.Equal(ApplicationState.Draft, await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.ReferenceCounters.CountAsync()));
    }

    [Fact]
    public async Task Submit_WithoutDeclaration_IsRefused()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, applicant) = await Scenario.CompleteDraftAsync(app);

        var result = await SubmitAsync(app, id, applicant, declaration: false);

        Assert.Contains(result.Problems, p => p.Code == "declaration.required");
    }

    [Fact]
    public async Task Submit_UnsupportedLevel_NeedsTheWarningAcknowledged_ThenRecordsIt()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, applicant) = await Scenario.CompleteDraftAsync(app, level: "SE");

        var warned = await SubmitAsync(app, id, applicant);
        Assert.Equal(SubmitApplication.WarningCode, Assert.Single(warned.Problems).Code);
        Assert.Equal(ApplicationState.Draft, await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));

        var acknowledged = await SubmitAsync(app, id, applicant, acknowledge: true);
        Assert.True(acknowledged.Succeeded);
        Assert.False(acknowledged.Value.SupportedByRules);
        Assert.False(await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.SupportedByRules!.Value).SingleAsync()));
    }

    [Fact]
    public async Task Submit_SomeoneElsesApplication_IsNotFound()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, _) = await Scenario.CompleteDraftAsync(app);
        var (_, other) = await Scenario.CompleteDraftAsync(app);

        var result = await SubmitAsync(app, id, other);

        Assert.Equal("application.not-found", Assert.Single(result.Problems).Code);
    }
}
