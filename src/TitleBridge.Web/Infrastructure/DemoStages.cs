using Microsoft.AspNetCore.Identity;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// One demo applicant per stage of the application's life (issue #11: "every page of every role can be
/// seen at once"). Each stage starts from the stage before it and moves the file on through the same
/// handlers people use, so the sample data is what production writes. A later stage (expert review,
/// certificates) adds one entry to <see cref="All"/>, naming the stage it continues from.
/// </summary>
public static class DemoStages
{
    /// <summary>
    /// One stage. <see cref="Advance"/> takes a file that has reached <see cref="After"/> to this stage;
    /// <see cref="Landing"/> is the page the applicant sees it on.
    /// </summary>
    public sealed record Stage(string Key, string? After, BilingualText Name, Func<DemoContext, Application, Task<Result<Application>>> Advance)
    {
        /// <summary>The draft keeps the address the first demo applicant always had.</summary>
        public string Email => After is null ? "applicant@titlebridge.localhost" : $"applicant-{Key}@titlebridge.localhost";

        public static string Landing(Application application) => $"/applications/{application.Id}";
    }

    /// <summary>The stages in order. The draft is made by <see cref="DemoData.CreateCompleteDraftAsync"/>; every other stage goes through the handlers.</summary>
    public static List<Stage> All { get; } =
    [
        new("draft", null, new("a complete draft", "已填写完整的草稿"), (_, a) => Task.FromResult(Result<Application>.Success(a))),
        new("with-employer", "draft", new("with the employer for review", "单位审核中"), async (c, a) =>
        {
            // Submitted some weeks ago, so the later stages' publicity has run its working days by today.
            var submitted = await c.Submit(c.Past).HandleAsync(new SubmitApplication.Request(a.Id, true, true, null), a.ApplicantId);
            if (!submitted.Succeeded)
            {
                return Result<Application>.Failure(submitted.Problems);
            }
            var opened = await c.Employer(c.Past).OpenReviewAsync(c.EmployerId, a.Id, c.EmployerActor, null);
            return opened.Succeeded ? await c.Employer(c.Past).ConfirmEmploymentAsync(c.EmployerId, a.Id, c.EmployerActor, null) : opened;
        }),
        new("in-publicity", "with-employer", new("in the employer's pre-evaluation publicity", "评前公示中"), (c, a) =>
            c.Employer(c.Now).StartPublicityAsync(c.EmployerId, a.Id, c.Now.Today(), c.EmployerActor, null)),
        new("at-intake", "with-employer", new("recommended, at the bureau's intake", "单位已推荐，受理审查中"), async (c, a) =>
        {
            var started = await c.Employer(c.Past).StartPublicityAsync(c.EmployerId, a.Id, c.Past.Today(), c.EmployerActor, null);
            return started.Succeeded ? await c.Employer(c.Now).RecommendAsync(c.EmployerId, a.Id, c.EmployerActor, null) : started;
        }),
        new("correction-requested", "at-intake", new("asked to correct the application", "待补正"), (c, a) =>
            c.Intake(c.Now).RequestCorrectionAsync(a.Id, Actor.Officer, new IntakeReview.CorrectionNotice([], ["degree", "identity"]), c.OfficerActor, null)),
        new("accepted", "at-intake", new("accepted for expert review", "已受理"), (c, a) =>
            c.Intake(c.Now).AcceptAsync(a.Id, Actor.Officer, c.OfficerActor, null)),
    ];

    /// <summary>Creates one applicant per stage, each with a file at that stage; returns the accounts to print.</summary>
    public static async Task<List<(Stage Stage, string Email, string Password, Application Application)>> SeedAsync(
        IServiceProvider services, Guid employerId, string employerActor, string officerActor, int cycleYear)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var made = new List<(Stage, string, string, Application)>();
        foreach (var stage in All)
        {
            var (_, email, password) = await DemoData.CreateUserAsync(users, stage.Email, DisplayName(stage), Roles.Applicant, null);
            var applicantId = (await users.FindByEmailAsync(email))!.Id;
            made.Add((stage, email, password, await FileAtStageAsync(services, stage.Key, applicantId, employerId, employerActor, officerActor, cycleYear)));
        }
        return made;
    }

    /// <summary>
    /// A complete draft of <paramref name="applicantId"/>, moved through the handlers people use to the stage
    /// <paramref name="stageKey"/> (e.g. "accepted"): submitted and publicised some weeks ago, decided today.
    /// </summary>
    public static async Task<Application> FileAtStageAsync(
        IServiceProvider services, string stageKey, string applicantId, Guid employerId, string employerActor, string officerActor, int cycleYear)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>();
        var context = new DemoContext(services, now, new ShiftedTime(now, TimeSpan.FromDays(-35)), employerId, employerActor, officerActor);
        var application = await DemoData.CreateCompleteDraftAsync(db, services.GetRequiredService<IFileStore>(), context.Past, applicantId, employerId, cycleYear);
        foreach (var step in Path(All.Single(s => s.Key == stageKey)))
        {
            db.ChangeTracker.Clear();
            var current = await db.Applications.FindAsync(application.Id) ?? throw new InvalidOperationException("The demo application vanished.");
            var result = await step.Advance(context, current);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo stage {step.Key}: " + string.Join(" ", result.Problems.Select(p => p.Message.En)));
            }
            application = result.Value;
        }
        db.ChangeTracker.Clear();
        return application;
    }

    private static string DisplayName(Stage stage) => $"Demo applicant ({stage.Name.En})";

    /// <summary>The stages from the draft to <paramref name="stage"/>, in order.</summary>
    public static IReadOnlyList<Stage> Path(Stage stage)
    {
        var path = new List<Stage>();
        for (Stage? s = stage; s is not null; s = s.After is null ? null : All.Single(x => x.Key == s.After))
        {
            path.Insert(0, s);
        }
        return path;
    }
}

/// <summary>What a stage's step needs: the handlers, built on the clock the step happens at.</summary>
public sealed class DemoContext(IServiceProvider services, TimeProvider now, TimeProvider past, Guid employerId, string employerActor, string officerActor)
{
    public TimeProvider Now => now;

    /// <summary>Some weeks ago: when the files were submitted and publicised.</summary>
    public TimeProvider Past => past;

    public Guid EmployerId => employerId;
    public string EmployerActor => employerActor;
    public string OfficerActor => officerActor;

    public ApplicationTransitions Transitions(TimeProvider time) => ActivatorUtilities.CreateInstance<ApplicationTransitions>(services, time);

    /// <summary>A unit of work whose events and guards read <paramref name="time"/>.</summary>
    public UnitOfWork Unit(TimeProvider time) => ActivatorUtilities.CreateInstance<UnitOfWork>(services, time, Transitions(time));

    public SubmitApplication Submit(TimeProvider time) =>
        ActivatorUtilities.CreateInstance<SubmitApplication>(services, time, Unit(time),
            ActivatorUtilities.CreateInstance<Features.Eligibility.CheckEligibility>(services, time));

    public ReviewByEmployer Employer(TimeProvider time) => ActivatorUtilities.CreateInstance<ReviewByEmployer>(services, time, Unit(time));

    public IntakeReview Intake(TimeProvider time) => ActivatorUtilities.CreateInstance<IntakeReview>(services, time, Unit(time));
}

/// <summary>A clock a fixed distance from another: the demo's "some weeks ago".</summary>
public sealed class ShiftedTime(TimeProvider inner, TimeSpan shift) : TimeProvider
{
    /// <summary>Why this clock is not the real one, for the console and the page banner (null for the demo's own "weeks ago").</summary>
    public string? Note { get; init; }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + shift;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
