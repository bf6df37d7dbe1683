using Microsoft.AspNetCore.Http.HttpResults;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.EmployerReview;

public sealed record ReviewApplicationDto(Guid Id, string? Reference, string State, string? TargetLevel, string? Specialty, DateTimeOffset? SubmittedAt,
    bool EmploymentConfirmed, DateOnly? PrePublicityFrom, DateOnly? PrePublicityLastDay, IReadOnlyList<PublicityObjection> Objections,
    string? EmployerDeclineReason, bool CorrectionRequested, IReadOnlyList<CorrectionItem> CorrectionItems, DateOnly? CorrectionDueOn,
    bool? SupportedByRules, Guid ConcurrencyStamp)
{
    public static ReviewApplicationDto From(Application a) => new(a.Id, a.Reference, a.State.ToString(), a.TargetLevel, a.Specialty, a.SubmittedAt,
        a.EmploymentConfirmed, a.PrePublicityFrom, a.PrePublicityLastDay, ReviewFile.ReadObjections(a.PublicityObjections), a.EmployerDeclineReason,
        a.CorrectionRequested, ReviewFile.ReadCorrectionItems(a.CorrectionItems), a.CorrectionDueOn, a.SupportedByRules, a.ConcurrencyStamp);
}

/// <summary>The employer's review and pre-evaluation publicity (policy.md §5.2) over HTTP: the same handler as the pages.</summary>
public static class EmployerReviewApi
{
    public sealed record StampRequest(Guid? ConcurrencyStamp);
    public sealed record PublicityRequest(DateOnly? From, Guid? ConcurrencyStamp);
    public sealed record ObjectionRequest(DateOnly? ReceivedOn, string? Summary, string? Handling, Guid? ConcurrencyStamp);
    public sealed record DeclineRequest(string? Reason, Guid? ConcurrencyStamp);

    private const string NotApproved = "Your organisation's employer account has not been approved yet.";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/employer/applications", Queue).WithTags("Employer review").WithName("ListEmployerApplications")
            .RequireAuthorization(p => p.RequireRole(Roles.Employer))
            .WithSummary("The applications naming the signed-in employer (approved organisations only).");
        var api = app.MapGroup("/api/applications/{id:guid}/employer").WithTags("Employer review").RequireAuthorization(p => p.RequireRole(Roles.Employer));
        api.MapPost("/open-review", (Guid id, StampRequest? r, ReviewByEmployer h, AppDbContext db, HttpContext http, CancellationToken ct) =>
            Act(db, http, ct, e => h.OpenReviewAsync(e, id, Name(http), r?.ConcurrencyStamp, ct)))
            .WithName("OpenEmployerReview").WithSummary("Opens the employer's review of a submitted application (policy.md §5.2).");
        api.MapPost("/confirm-employment", (Guid id, StampRequest? r, ReviewByEmployer h, AppDbContext db, HttpContext http, CancellationToken ct) =>
            Act(db, http, ct, e => h.ConfirmEmploymentAsync(e, id, Name(http), r?.ConcurrencyStamp, ct)))
            .WithName("ConfirmEmployment").WithSummary("Confirms the applicant's employment and field of work (policy.md §5.2).");
        api.MapPost("/start-publicity", (Guid id, PublicityRequest r, ReviewByEmployer h, AppDbContext db, HttpContext http, CancellationToken ct) =>
            Act(db, http, ct, e => h.StartPublicityAsync(e, id, r.From, Name(http), r.ConcurrencyStamp, ct)))
            .WithName("StartPrePublicity").WithSummary("Starts the pre-evaluation publicity on a date; its last day is the PrePublicityWorkingDays-th working day (≥ 5, policy.md §5.2).");
        api.MapPost("/objections", (Guid id, ObjectionRequest r, ReviewByEmployer h, AppDbContext db, HttpContext http, CancellationToken ct) =>
            Act(db, http, ct, e => h.RecordObjectionAsync(e, id, new(r.ReceivedOn, r.Summary, r.Handling), Name(http), r.ConcurrencyStamp, ct)))
            .WithName("RecordPublicityObjection").WithSummary("Records an objection raised during the publicity and how it was handled.");
        api.MapPost("/recommend", (Guid id, StampRequest? r, ReviewByEmployer h, AppDbContext db, HttpContext http, CancellationToken ct) =>
            Act(db, http, ct, e => h.RecommendAsync(e, id, Name(http), r?.ConcurrencyStamp, ct)))
            .WithName("RecommendApplication").WithSummary("Recommends the application to the bureau's intake; only after the publicity's last day (409 before).");
        api.MapPost("/decline", (Guid id, DeclineRequest r, ReviewByEmployer h, AppDbContext db, HttpContext http, CancellationToken ct) =>
            Act(db, http, ct, e => h.DeclineAsync(e, id, r.Reason, Name(http), r.ConcurrencyStamp, ct)))
            .WithName("DeclineApplication").WithSummary("Declines to recommend the application, with a required reason; the applicant is emailed.");
    }

    public static async Task<Results<Ok<List<ReviewApplicationDto>>, ProblemHttpResult>> Queue(ReviewByEmployer handler, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await EmployerAccess.ApprovedEmployerIdAsync(db, http.User, ct) is not { } employerId)
        {
            return NotApprovedProblem();
        }
        return TypedResults.Ok((await handler.QueueAsync(employerId, ct)).Select(ReviewApplicationDto.From).ToList());
    }

    private static async Task<Results<Ok<ReviewApplicationDto>, ValidationProblem, ProblemHttpResult>> Act(
        AppDbContext db, HttpContext http, CancellationToken ct, Func<Guid, Task<Result<Application>>> action)
    {
        if (await EmployerAccess.ApprovedEmployerIdAsync(db, http.User, ct) is not { } employerId)
        {
            return NotApprovedProblem();
        }
        var result = await action(employerId);
        if (result.Succeeded)
        {
            return TypedResults.Ok(ReviewApplicationDto.From(result.Value));
        }
        return ProblemAnswers.Refusal(result.Problems) is { } problem ? problem : ProblemAnswers.Invalid(result.Problems);
    }

    private static ProblemHttpResult NotApprovedProblem() =>
        ProblemAnswers.Refusal(Problem.Forbidden("employer.not-approved", new(NotApproved, "贵单位的用人单位账户尚未通过审核。")));

    private static string Name(HttpContext http) => http.User.Identity!.Name!;
}
