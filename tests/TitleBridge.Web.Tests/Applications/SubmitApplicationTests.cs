using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Applications;

/// <summary>Submission through the handler every UI and API path uses, on both databases.</summary>
public sealed class SubmitApplicationTests
{
    private static int _users;

    /// <summary>A complete draft in an open cycle: the AWS associate holder from the eligibility tests, applying for Engineer.</summary>
    internal static async Task<(Guid Id, string ApplicantId)> CompleteDraftAsync(TestApp app, string level = "E", int year = 2026, bool openCycle = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"applicant{Interlocked.Increment(ref _users)}-{Guid.NewGuid():N}@test.localhost";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Applicant-Password-1")).Succeeded);
        if (!await db.Cycles.AnyAsync(c => c.Year == year))
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            db.Cycles.Add(new EvaluationCycle
            {
                Year = year,
                OpensOn = openCycle ? today.AddDays(-10) : today.AddDays(10),
                ClosesOn = openCycle ? today.AddDays(30) : today.AddDays(40),
                CountUntil = new DateOnly(year, 12, 31),
                Levels = ["AE", "E", "SE", "PSE"],
                CreatedBy = "test",
            });
        }
        var employer = new Employer { NameZh = "测试单位", NameEn = "Test Employer", CreditCode = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(), District = "440106", ContactName = "HR", ContactEmail = "hr@test.localhost", Status = EmployerStatus.Approved };
        db.Employers.Add(employer);
        var application = new Application
        {
            ApplicantId = user.Id,
            CycleYear = year,
            TargetLevel = level,
            Specialty = "computer-networks",
            EmployerId = employer.Id,
            Content = new ApplicationContent
            {
                Qualifications = [new QualificationPart("GZ2025-IT-003", new DateOnly(2020, 3, 1), [new(new(2020, 3, 1), new(2023, 2, 28)), new(new(2023, 3, 1), new(2026, 2, 28)), new(new(2026, 3, 1), new(2029, 2, 28))])],
                Degree = new DegreePart("bachelor", new DateOnly(2015, 7, 1), "University of Example", "GB", Overseas: true),
                Work = [new WorkPart(new DateOnly(2016, 1, 1), null, "Test Employer", "Network engineer", "computer-networks", "CN", true, true)],
                Achievements = [new AchievementPart("project", "Campus network", 2023, false, "Designed and delivered.")],
                Report = new string('报', ApplicationCompleteness.MinReportLength),
            }.Write(),
        };
        db.Applications.Add(application);
        foreach (var part in new[] { "identity", "qualification", "degree", "degree-certification" })
        {
            db.ApplicationDocuments.Add(new ApplicationDocument { ApplicationId = application.Id, Part = part, FileName = $"{part}.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), StorageKey = "test/" + part, UploadedBy = user.Id });
        }
        await db.SaveChangesAsync();
        return (application.Id, user.Id);
    }

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
        var (id, applicant) = await CompleteDraftAsync(app);

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
        var (id, applicant) = await CompleteDraftAsync(app);

        var first = await SubmitAsync(app, id, applicant);
        var second = await SubmitAsync(app, id, applicant);

        Assert.Equal(first.Value.Reference, second.Value.Reference);
        Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id)));
        Assert.Equal(2, await app.QueryAsync(db => db.ReferenceCounters.Select(c => c.Next).SingleAsync()));
    }

    [Fact]
    public async Task Submit_ManyAtOnceOnPostgres_EveryReferenceIsUnique()
    {
        await using var app = await TestApp.StartAsync(Provider.Postgres);
        var drafts = new List<(Guid, string)>();
        for (var i = 0; i < 12; i++)
        {
            drafts.Add(await CompleteDraftAsync(app));
        }

        var results = await Task.WhenAll(drafts.Select(d => SubmitAsync(app, d.Item1, d.Item2)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(12, results.Select(r => r.Value.Reference).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"GZ-2026-{n:000000}"), results.Select(r => r.Value.Reference).Order());
    }

    [Fact]
    public async Task Submit_OutsideTheWindow_IsRefused_AndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, applicant) = await CompleteDraftAsync(app, openCycle: false);

        var result = await SubmitAsync(app, id, applicant);

        Assert.Equal("cycle.closed", Assert.Single(result.Problems).Code);
        Assert.Equal(ApplicationState.Draft, await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.ReferenceCounters.CountAsync()));
    }

    [Fact]
    public async Task Submit_WithoutDeclaration_IsRefused()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, applicant) = await CompleteDraftAsync(app);

        var result = await SubmitAsync(app, id, applicant, declaration: false);

        Assert.Contains(result.Problems, p => p.Code == "declaration.required");
    }

    [Fact]
    public async Task Submit_UnsupportedLevel_NeedsTheWarningAcknowledged_ThenRecordsIt()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, applicant) = await CompleteDraftAsync(app, level: "SE");

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
        var (id, _) = await CompleteDraftAsync(app);
        var (_, other) = await CompleteDraftAsync(app);

        var result = await SubmitAsync(app, id, other);

        Assert.Equal("application.notFound", Assert.Single(result.Problems).Code);
    }
}
