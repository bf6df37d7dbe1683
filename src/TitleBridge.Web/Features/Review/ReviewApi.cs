using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Review;

public static class ReviewSetup
{
    public static IServiceCollection AddExpertReview(this IServiceCollection services)
    {
        services.AddScoped<ReviewAccess>();
        services.AddScoped<ExpertPool>();
        services.AddScoped<Committees>();
        services.AddScoped<AssignReviewGroups>();
        services.AddScoped<ExpertFiles>();
        services.AddScoped<OfficerConflicts>();
        services.AddScoped<Plenary>();
        return services;
    }
}

/// <summary>
/// Expert review over HTTP (policy.md §5.4), the same handlers as the pages. Officers run the pool,
/// committees, assignment and meetings; an expert sees only their own files (a conflicted or unassigned
/// file is 404) and votes. No response, log line or audit event carries a voter's choice.
/// </summary>
public static class ReviewApi
{
    public sealed record ExpertDto(Guid Id, TextDto Name, string Email, string TitleHeld, string EmployerName, string? EmployerCreditCode,
        IReadOnlyList<string> Specialties, DateOnly TermFrom, DateOnly TermTo, bool Available);

    public sealed record TextDto(string En, string Zh);

    public sealed record CommitteeDto(Guid Id, int CycleYear, string Band, string Organisation, string? SpecialtyGroup, TextDto Name, long DrawSeed,
        IReadOnlyList<MemberDto> Members, IReadOnlyList<ProblemDto> MeetingProblems, IReadOnlyList<string> UncoveredSpecialties, bool AssignmentConfirmed, DateOnly? ReviewDueOn);

    public sealed record MemberDto(Guid ExpertId, TextDto Name, string Role);

    public sealed record ProblemDto(string Code, string Message);

    public sealed record AssignedFileDto(Guid ApplicationId, string? Reference, string? TargetLevel, string? Specialty, DateOnly DueOn, bool Conflicted, string Opinion);

    public sealed record OpinionDto(IReadOnlyDictionary<string, int> Scores, string Text, string Language, bool? Recommend, DateTimeOffset? SubmittedAt);

    public sealed record OpinionViewDto(OpinionDto? Mine, DateOnly DueOn, IReadOnlyList<OpinionDto>? Others);

    public sealed record BallotDto(Guid ApplicationId, string? Reference, string Status, int PresentForItem, bool? YouHaveVoted, TallyDto? Tally);

    public sealed record TallyDto(int Yes, int No, int Abstain, bool? Passed, string? Outcome);

    public sealed record MeetingDto(Guid Id, Guid CommitteeId, DateOnly Date, int Members, int Present, bool HasQuorum, int QuorumOf, IReadOnlyList<BallotDto> Agenda);

    public sealed record CreateMeetingRequest(Guid? CommitteeId, DateOnly? Date);
    public sealed record AttendanceRequest(IReadOnlyList<Guid>? Present);
    public sealed record VoteRequest(VoteChoice? Choice);
    public sealed record SwapRequest(Guid ApplicationId, Guid OutExpertId, Guid? InExpertId, string? Reason);
    public sealed record ReplaceRequest(Guid? NewExpertId, string? Reason);
    public sealed record DeclareRequest(string? Relationship, string? Note);
    public sealed record OfficerConflictRequest(Guid ExpertId, Guid ApplicationId, bool Lift, string? Kind, string? Reason);

    public static IEndpointRouteBuilder MapExpertReviewApi(this IEndpointRouteBuilder app)
    {
        var officer = app.MapGroup("/api").WithTags("Review").RequireAuthorization(Policies.Officer);
        officer.MapGet("/experts", ListExperts).WithName("ListExperts").WithSummary("The expert pool, filtered by specialty and availability (officers).");
        officer.MapPost("/experts", AddExpert).WithName("AddExpert").WithSummary("Adds an expert; the invitation to set a password is emailed in their language.");
        officer.MapGet("/committees", ListCommittees).WithName("ListCommittees").WithSummary("Committees of every cycle (officers).");
        officer.MapPost("/committees", CreateCommittee).WithName("CreateCommittee").WithSummary("Creates a committee: chair and vice-chairs named, the rest drawn with a recorded seed.");
        officer.MapGet("/committees/{id:guid}", GetCommittee).WithName("GetCommittee").WithSummary("A committee, its members and why it could not hold a meeting, if so.");
        officer.MapPost("/committees/{id:guid}/members/{expertId:guid}/replace", ReplaceMember).WithName("ReplaceCommitteeMember").WithSummary("Replaces a member with a reason.");
        officer.MapGet("/committees/{id:guid}/assignment", GetAssignment).WithName("GetAssignment").WithSummary("The review-group proposal or confirmed assignment, with its input, solver and objective.");
        officer.MapPost("/committees/{id:guid}/assignment", ProposeAssignment).WithName("ProposeAssignment").WithSummary("Solves the assignment (OR-Tools); 422 with every reason when infeasible, and nothing saved.");
        officer.MapPost("/committees/{id:guid}/assignment/swap", SwapAssignment).WithName("SwapAssignment").WithSummary("Swaps one expert of one file with a reason (checked for conflict, specialty and load cap).");
        officer.MapPost("/committees/{id:guid}/assignment/confirm", ConfirmAssignment).WithName("ConfirmAssignment").WithSummary("Confirms the groups and starts the review of every file.");
        officer.MapPost("/review/conflicts", RecordConflict).WithName("RecordConflict").WithSummary("An officer adds a conflict, or lifts a detected one, with a reason.");
        officer.MapGet("/meetings", ListMeetings).WithName("ListMeetings").WithSummary("Plenary meetings (officers).");
        officer.MapPost("/meetings", ScheduleMeeting).WithName("ScheduleMeeting").WithSummary("Schedules a meeting with every file whose review opinions are all in.");
        officer.MapGet("/meetings/{id:guid}", GetMeeting).WithName("GetMeeting").WithSummary("Attendance, quorum and the agenda's ballots (tallies only once closed).");
        officer.MapPut("/meetings/{id:guid}/attendance", RecordAttendance).WithName("RecordAttendance").WithSummary("Records the members present.");
        officer.MapPost("/meetings/{id:guid}/ballots/{applicationId:guid}/open", OpenBallot).WithName("OpenBallot").WithSummary("Opens the ballot on one file (quorum and committee size checked).");
        officer.MapPost("/meetings/{id:guid}/ballots/{applicationId:guid}/close", CloseBallot).WithName("CloseBallot").WithSummary("Closes the ballot, applies the pass rule and records the vote on the application.");

        var expert = app.MapGroup("/api").WithTags("Review").RequireAuthorization(Policies.Expert);
        expert.MapGet("/experts/me", GetMe).WithName("GetMyExpertProfile").WithSummary("The signed-in expert's profile.");
        expert.MapPut("/experts/me", UpdateMe).WithName("UpdateMyExpertProfile").WithSummary("The expert corrects their names, employer, specialties and language.");
        expert.MapGet("/review/assignments", MyAssignments).WithName("ListMyReviewAssignments").WithSummary("The signed-in expert's files with due dates.");
        expert.MapGet("/review/files/{id:guid}", ReadFile).WithName("ReadReviewFile").WithSummary("An assigned file, read-only (404 when not assigned or conflicted).");
        expert.MapGet("/review/files/{id:guid}/documents/{documentId:guid}", Download).WithName("DownloadReviewDocument").WithSummary("A document of an assigned file; every download is logged.");
        expert.MapPost("/review/files/{id:guid}/conflict", Declare).WithName("DeclareConflict").WithSummary("Declares a conflict with an assigned file before reading it.");
        expert.MapGet("/review/files/{id:guid}/opinion", GetOpinion).WithName("GetReviewOpinion").WithSummary("One's own opinion; the others' only after submitting one's own.");
        expert.MapPut("/review/files/{id:guid}/opinion", SaveOpinion).WithName("SaveReviewOpinion").WithSummary("Saves the opinion as a draft.");
        expert.MapPost("/review/files/{id:guid}/opinion/submit", SubmitOpinion).WithName("SubmitReviewOpinion").WithSummary("Submits the opinion, once, before the due date.");
        expert.MapGet("/meetings/{id:guid}/ballots/{applicationId:guid}", GetBallot).WithName("GetBallot").WithSummary("Whether the ballot is open and whether one has voted; the tally once closed.");
        expert.MapPost("/meetings/{id:guid}/ballots/{applicationId:guid}", Vote).WithName("Vote").WithSummary("Votes yes, no or abstain, once (409 for a second vote or a closed ballot); nothing links the choice to the voter.");
        return app;
    }

    private static string Name(ClaimsPrincipal user) => user.Identity!.Name!;

    private static Uri SetPasswordLink(HttpContext http, string userId, string token) =>
        new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/account/set-password?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(token)}");

    public static ExpertDto ToDto(Expert e, DateOnly today) => new(e.Id, new(e.NameEn, e.NameZh), e.Email, e.TitleHeld, e.EmployerName, e.EmployerCreditCode, e.Specialties, e.TermFrom, e.TermTo, e.IsAvailableOn(today));

    public static async Task<IResult> ListExperts(string? specialty, bool? available, ExpertPool pool, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await pool.ListAsync(specialty, available, ct)).Select(e => ToDto(e, time.Today())).ToList());

    public static async Task<IResult> AddExpert(ExpertPool.ExpertInput body, ExpertPool pool, HttpContext http, TimeProvider time, CancellationToken ct) =>
        ReviewProblems.Http(await pool.AddAsync(body, Name(http.User), (u, t) => SetPasswordLink(http, u, t), ct), e => TypedResults.Created($"/api/experts/{e.Id}", ToDto(e, time.Today())));

    public static async Task<IResult> GetMe(ReviewAccess access, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        await access.CurrentExpertAsync(user, ct) is { } e ? TypedResults.Ok(ToDto(e, time.Today())) : TypedResults.NotFound();

    public static async Task<IResult> UpdateMe(ExpertPool.ProfileInput body, ReviewAccess access, ExpertPool pool, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        await access.CurrentExpertAsync(user, ct) is { } e
            ? ReviewProblems.Http(await pool.UpdateOwnAsync(e.Id, body, Name(user), ct), x => TypedResults.Ok(ToDto(x, time.Today())))
            : TypedResults.NotFound();

    public static CommitteeDto ToDto(Committees.CommitteeView v) => new(
        v.Committee.Id, v.Committee.CycleYear, v.Committee.Band, v.Committee.Organisation, v.Committee.SpecialtyGroup, new(v.Committee.NameEn, v.Committee.NameZh), v.Committee.DrawSeed,
        v.Members.Select(m => new MemberDto(m.Expert.Id, new(m.Expert.NameEn, m.Expert.NameZh), m.Role)).ToList(),
        v.MeetingProblems.Select(p => new ProblemDto(p.Code, p.Message.Pick())).ToList(), v.UncoveredSpecialties, v.Committee.AssignmentConfirmed, v.Committee.ReviewDueOn);

    public static async Task<IResult> ListCommittees(Committees committees, CancellationToken ct)
    {
        var list = new List<CommitteeDto>();
        foreach (var c in await committees.ListAsync(ct))
        {
            list.Add(ToDto((await committees.ViewAsync(c.Id, ct))!));
        }
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> CreateCommittee(Committees.CreateInput body, Committees committees, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await committees.CreateAsync(body, Name(user), ct);
        return created.Succeeded
            ? TypedResults.Created($"/api/committees/{created.Value.Id}", ToDto((await committees.ViewAsync(created.Value.Id, ct))!))
            : ReviewProblems.Http(created.Problems);
    }

    public static async Task<IResult> GetCommittee(Guid id, Committees committees, CancellationToken ct) =>
        await committees.ViewAsync(id, ct) is { } v ? TypedResults.Ok(ToDto(v)) : TypedResults.NotFound();

    public static async Task<IResult> ReplaceMember(Guid id, Guid expertId, ReplaceRequest body, Committees committees, ClaimsPrincipal user, CancellationToken ct)
    {
        var replaced = await committees.ReplaceMemberAsync(id, expertId, body.NewExpertId, body.Reason, Name(user), ct);
        return replaced.Succeeded ? TypedResults.Ok(ToDto((await committees.ViewAsync(id, ct))!)) : ReviewProblems.Http(replaced.Problems);
    }

    public static async Task<IResult> GetAssignment(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Committees.FindAsync([id], ct) is { } c
            ? AssignReviewGroups.Read(c) is { } stored ? TypedResults.Ok(new { confirmed = c.AssignmentConfirmed, reviewDueOn = c.ReviewDueOn, assignment = stored }) : TypedResults.Ok(new { confirmed = false, reviewDueOn = (DateOnly?)null, assignment = (object?)null })
            : TypedResults.NotFound();

    public static async Task<IResult> ProposeAssignment(Guid id, AssignReviewGroups handler, ClaimsPrincipal user, CancellationToken ct) =>
        ReviewProblems.Http(await handler.ProposeAsync(id, Name(user), ct), s => TypedResults.Ok(new { confirmed = false, assignment = s }));

    public static async Task<IResult> SwapAssignment(Guid id, SwapRequest body, AssignReviewGroups handler, ClaimsPrincipal user, CancellationToken ct) =>
        ReviewProblems.Http(await handler.SwapAsync(id, body.ApplicationId, body.OutExpertId, body.InExpertId, body.Reason, Name(user), ct), s => TypedResults.Ok(new { confirmed = false, assignment = s }));

    public static async Task<IResult> ConfirmAssignment(Guid id, AssignReviewGroups handler, ClaimsPrincipal user, CancellationToken ct) =>
        ReviewProblems.Http(await handler.ConfirmAsync(id, Name(user), IntakeReview.ActorFor(user), ct), s => TypedResults.Ok(new { confirmed = true, assignment = s }));

    public static async Task<IResult> RecordConflict(OfficerConflictRequest body, OfficerConflicts handler, ClaimsPrincipal user, CancellationToken ct) =>
        ReviewProblems.Http(await handler.RecordAsync(body.ExpertId, body.ApplicationId, body.Lift, body.Kind, body.Reason, Name(user), ct),
            list => TypedResults.Ok(list.Select(c => new { kind = c.Kind.ToString(), reason = c.Reason.Pick() }).ToList()));

    public static async Task<IResult> MyAssignments(ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(user, ct) is not { } e)
        {
            return TypedResults.Ok(Array.Empty<AssignedFileDto>());
        }
        return TypedResults.Ok((await files.MineAsync(e, ct)).Select(f => new AssignedFileDto(
            f.Application.Id, f.Application.Reference, f.Application.TargetLevel, f.Application.Specialty, f.DueOn, f.Conflicted,
            f.Opinion is null ? "none" : f.Opinion.SubmittedAt is null ? "draft" : "submitted")).ToList());
    }

    public static async Task<IResult> ReadFile(Guid id, ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(user, ct) is not { } e)
        {
            return TypedResults.NotFound();
        }
        var file = await files.FileAsync(e, id, ct);
        if (!file.Succeeded)
        {
            return ReviewProblems.Http(file.Problems);
        }
        var f = file.Value;
        return TypedResults.Ok(new
        {
            id = f.Application.Id, reference = f.Application.Reference, targetLevel = f.Application.TargetLevel, specialty = f.Application.Specialty,
            applicantName = f.ApplicantName, content = f.Content, eligibility = f.Application.Eligibility is { } json ? System.Text.Json.JsonDocument.Parse(json).RootElement : (System.Text.Json.JsonElement?)null,
            documents = f.Documents.Select(d => new { d.Id, d.Part, d.FileName, d.ContentType, d.Size }),
        });
    }

    public static async Task<IResult> Download(Guid id, Guid documentId, ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(user, ct) is not { } e || await files.DownloadAsync(e, id, documentId, ct) is not { } found)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(found.Content, found.Document.ContentType, found.Document.FileName);
    }

    public static async Task<IResult> Declare(Guid id, DeclareRequest body, ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, CancellationToken ct) =>
        await access.CurrentExpertAsync(user, ct) is { } e
            ? ReviewProblems.Http(await files.DeclareAsync(e, id, body.Relationship, body.Note, ct), _ => TypedResults.NoContent())
            : TypedResults.NotFound();

    private static OpinionDto ToDto(ReviewOpinion o) => new(ExpertFiles.ScoresOf(o), o.Text, o.Language, o.Recommend, o.SubmittedAt);

    public static async Task<IResult> GetOpinion(Guid id, ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, CancellationToken ct) =>
        await access.CurrentExpertAsync(user, ct) is { } e
            ? ReviewProblems.Http(await files.OpinionAsync(e, id, ct), v => TypedResults.Ok(new OpinionViewDto(v.Mine is null ? null : ToDto(v.Mine), v.DueOn, v.Others?.Select(ToDto).ToList())))
            : TypedResults.NotFound();

    public static Task<IResult> SaveOpinion(Guid id, ExpertFiles.OpinionInput body, ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, CancellationToken ct) =>
        Opinion(id, body, false, access, files, user, ct);

    public static Task<IResult> SubmitOpinion(Guid id, ExpertFiles.OpinionInput body, ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, CancellationToken ct) =>
        Opinion(id, body, true, access, files, user, ct);

    private static async Task<IResult> Opinion(Guid id, ExpertFiles.OpinionInput body, bool submit, ReviewAccess access, ExpertFiles files, ClaimsPrincipal user, CancellationToken ct) =>
        await access.CurrentExpertAsync(user, ct) is { } e
            ? ReviewProblems.Http(await files.SaveOpinionAsync(e, id, body, submit, ct), o => TypedResults.Ok(ToDto(o)))
            : TypedResults.NotFound();

    /// <summary>The ballot as anyone may see it: counts only once closed, never who voted how.</summary>
    public static BallotDto ToDto(Ballot b, string? reference, bool? youHaveVoted) => new(
        b.ApplicationId, reference, b.Status.ToString().ToLowerInvariant(), b.PresentForItem, youHaveVoted,
        b.Status == BallotStatus.Closed ? new TallyDto(b.Yes, b.No, b.Abstain, b.Passed, Localization.IsChinese ? b.OutcomeZh : b.OutcomeEn) : null);

    public static MeetingDto ToDto(Plenary.MeetingView v) => new(v.Meeting.Id, v.Committee.Id, v.Meeting.Date, v.Members.Count,
        v.Present.Count, v.HasQuorum, v.QuorumOf, v.Agenda.Select(i => ToDto(i.Ballot, i.Application.Reference, null)).ToList());

    public static async Task<IResult> ListMeetings(Plenary plenary, CancellationToken ct)
    {
        var list = new List<MeetingDto>();
        foreach (var m in await plenary.ListAsync(ct))
        {
            list.Add(ToDto((await plenary.ViewAsync(m.Id, ct))!));
        }
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> ScheduleMeeting(CreateMeetingRequest body, Plenary plenary, ClaimsPrincipal user, CancellationToken ct)
    {
        var scheduled = await plenary.ScheduleAsync(body.CommitteeId, body.Date, Name(user), ct);
        return scheduled.Succeeded
            ? TypedResults.Created($"/api/meetings/{scheduled.Value.Id}", ToDto((await plenary.ViewAsync(scheduled.Value.Id, ct))!))
            : ReviewProblems.Http(scheduled.Problems);
    }

    public static async Task<IResult> GetMeeting(Guid id, Plenary plenary, CancellationToken ct) =>
        await plenary.ViewAsync(id, ct) is { } v ? TypedResults.Ok(ToDto(v)) : TypedResults.NotFound();

    public static async Task<IResult> RecordAttendance(Guid id, AttendanceRequest body, Plenary plenary, ClaimsPrincipal user, CancellationToken ct)
    {
        var recorded = await plenary.RecordAttendanceAsync(id, body.Present, Name(user), ct);
        return recorded.Succeeded ? TypedResults.Ok(ToDto((await plenary.ViewAsync(id, ct))!)) : ReviewProblems.Http(recorded.Problems);
    }

    public static async Task<IResult> OpenBallot(Guid id, Guid applicationId, Plenary plenary, ClaimsPrincipal user, CancellationToken ct) =>
        ReviewProblems.Http(await plenary.OpenBallotAsync(id, applicationId, Name(user), ct), b => TypedResults.Ok(ToDto(b, null, null)));

    public static async Task<IResult> CloseBallot(Guid id, Guid applicationId, Plenary plenary, ClaimsPrincipal user, CancellationToken ct) =>
        ReviewProblems.Http(await plenary.CloseBallotAsync(id, applicationId, Name(user), IntakeReview.ActorFor(user), ct), b => TypedResults.Ok(ToDto(b, null, null)));

    public static async Task<IResult> GetBallot(Guid id, Guid applicationId, ReviewAccess access, Plenary plenary, AppDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(user, ct) is not { } e)
        {
            return TypedResults.NotFound();
        }
        var ballot = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Ballots, b => b.MeetingId == id && b.ApplicationId == applicationId, ct);
        var application = ballot is null ? null : await db.Applications.FindAsync([applicationId], ct);
        var meeting = ballot is null ? null : await db.Meetings.FindAsync([id], ct);
        if (ballot is null || application is null || meeting is null
            || !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.CommitteeMembers, m => m.CommitteeId == meeting.CommitteeId && m.ExpertId == e.Id && m.Active, ct)
            || await access.IsConflictedAsync(e, application, ct))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(ToDto(ballot, application.Reference, await plenary.HasVotedAsync(e, ballot.Id, ct)));
    }

    public static async Task<IResult> Vote(Guid id, Guid applicationId, VoteRequest body, ReviewAccess access, Plenary plenary, ClaimsPrincipal user, CancellationToken ct) =>
        await access.CurrentExpertAsync(user, ct) is { } e
            ? ReviewProblems.Http(await plenary.VoteAsync(e, id, applicationId, body.Choice, ct), _ => TypedResults.NoContent())
            : TypedResults.NotFound();
}
