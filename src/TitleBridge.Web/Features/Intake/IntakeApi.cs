using Microsoft.AspNetCore.Http.HttpResults;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Intake;

/// <summary>Intake (受理, policy.md §5.3) over HTTP for officers: the same handler as the pages.</summary>
public static class IntakeApi
{
    public sealed record StampRequest(Guid? ConcurrencyStamp);
    public sealed record CorrectionRequest(IReadOnlyList<string>? Items, IReadOnlyList<string>? MissingDocuments, Guid? ConcurrencyStamp);
    public sealed record RejectRequest(string? Reason, Guid? ConcurrencyStamp);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/intake", Queue).WithTags("Intake").WithName("ListIntake").RequireAuthorization(Policies.Officer)
            .WithSummary("Applications waiting for intake, then those waiting for a correction with their due dates (officers).");
        var api = app.MapGroup("/api/applications/{id:guid}").WithTags("Intake").RequireAuthorization(Policies.Officer);
        api.MapPost("/accept", (Guid id, StampRequest? r, IntakeReview h, HttpContext http, CancellationToken ct) =>
            Act(h.AcceptAsync(id, IntakeReview.ActorFor(http.User), Name(http), r?.ConcurrencyStamp, ct)))
            .WithName("AcceptApplication").WithSummary("Accepts the file for expert review; the applicant is emailed (409 if someone else acted first).");
        api.MapPost("/correction", (Guid id, CorrectionRequest r, IntakeReview h, HttpContext http, CancellationToken ct) =>
            Act(h.RequestCorrectionAsync(id, IntakeReview.ActorFor(http.User), new(r.Items, r.MissingDocuments), Name(http), r.ConcurrencyStamp, ct)))
            .WithName("RequestCorrection").WithSummary("Sends the one correction notice listing every missing item, due in CorrectionWorkingDays working days (a second notice: 409).");
        api.MapPost("/reject", (Guid id, RejectRequest r, IntakeReview h, HttpContext http, CancellationToken ct) =>
            Act(h.RejectAsync(id, IntakeReview.ActorFor(http.User), r.Reason, Name(http), r.ConcurrencyStamp, ct)))
            .WithName("RejectAtIntake").WithSummary("Refuses the file at intake with a reason; the applicant is emailed.");
    }

    public static async Task<Ok<List<ReviewApplicationDto>>> Queue(IntakeReview handler, CancellationToken ct) =>
        TypedResults.Ok((await handler.QueueAsync(ct)).Select(ReviewApplicationDto.From).ToList());

    private static async Task<Results<Ok<ReviewApplicationDto>, ValidationProblem, ProblemHttpResult>> Act(Task<Result<Application>> action)
    {
        var result = await action;
        if (result.Succeeded)
        {
            return TypedResults.Ok(ReviewApplicationDto.From(result.Value));
        }
        return ProblemAnswers.Refusal(result.Problems) is { } problem ? problem : ProblemAnswers.Invalid(result.Problems);
    }

    private static string Name(HttpContext http) => http.User.Identity!.Name!;
}
