using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Employers;

public sealed record EmployerDto(Guid Id, string NameZh, string NameEn, string CreditCode, string District, string ContactName, string ContactEmail,
    string ContactPhone, string Status, DateTimeOffset RegisteredAt, string? DecisionReason, Guid ConcurrencyStamp)
{
    public static EmployerDto From(Employer e) => new(e.Id, e.NameZh, e.NameEn, e.CreditCode, e.District, e.ContactName, e.ContactEmail,
        e.ContactPhone, e.Status.ToString(), e.RegisteredAt, e.DecisionReason, e.ConcurrencyStamp);
}

/// <summary>Employer organisations: anyone registers one with its first account; officers approve or reject.</summary>
public static class EmployersApi
{
    public sealed record RegisterRequest(string? NameZh, string? NameEn, string? CreditCode, string? District, string? ContactName,
        string? ContactEmail, string? ContactPhone, string? AccountEmail, string? Password, string? Culture, string? PrivacyNotice = null);

    public sealed record DecisionRequest(string? Reason, Guid? ConcurrencyStamp);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/employers").WithTags("Employers");
        api.MapPost("/", Register).WithName("RegisterEmployer").RequireRateLimiting(RateLimits.Registration)
            .WithSummary("Registers an employer organisation (names, unified social credit code, Guangzhou district, contacts) and its first account, which confirms its address by email; the organisation waits for an officer's approval. An account address already in use gets the same answer and its owner an email.");
        api.MapGet("/", List).WithName("ListEmployers").RequireAuthorization(Policies.Officer)
            .WithSummary("Employer organisations, pending ones first (officers). Filter with ?status=PendingApproval|Approved|Rejected.");
        api.MapPost("/{id:guid}/approve", Approve).WithName("ApproveEmployer").RequireAuthorization(Policies.Officer)
            .WithSummary("Approves a pending organisation; its accounts are emailed and can act from now on (officers).");
        api.MapPost("/{id:guid}/reject", Reject).WithName("RejectEmployer").RequireAuthorization(Policies.Officer)
            .WithSummary("Rejects a pending organisation with a reason (officers).");
    }

    public static async Task<Results<Created, ValidationProblem, ProblemHttpResult>> Register(RegisterRequest request, RegisterEmployer handler, HttpContext http, CancellationToken ct)
    {
        var culture = request.Culture ?? (Localization.IsChinese ? "zh-Hans" : "en");
        var result = await handler.HandleAsync(new(request.NameZh, request.NameEn, request.CreditCode, request.District, request.ContactName,
            request.ContactEmail, request.ContactPhone, request.AccountEmail, request.Password, culture, request.PrivacyNotice), Applications.ApplicationsApi.ConfirmLink(http), ct);
        if (result.Succeeded)
        {
            // The same answer whether the account address was new or not: nothing to tell a stranger.
            return TypedResults.Created();
        }
        return ProblemAnswers.Refusal(result.Problems) is { } problem ? problem : ProblemAnswers.Invalid(result.Problems);
    }

    public static async Task<Ok<List<EmployerDto>>> List(string? status, AppDbContext db, CancellationToken ct)
    {
        var query = db.Employers.AsNoTracking();
        if (Enum.TryParse<EmployerStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(e => e.Status == s);
        }
        var rows = await query.ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(e => e.Status == EmployerStatus.PendingApproval ? 0 : 1).ThenBy(e => e.RegisteredAt).Select(EmployerDto.From).ToList());
    }

    public static Task<Results<Ok<EmployerDto>, ValidationProblem, ProblemHttpResult>> Approve(Guid id, DecisionRequest? request, DecideEmployer handler, HttpContext http, CancellationToken ct) =>
        Decide(id, true, request, handler, http, ct);

    public static Task<Results<Ok<EmployerDto>, ValidationProblem, ProblemHttpResult>> Reject(Guid id, DecisionRequest? request, DecideEmployer handler, HttpContext http, CancellationToken ct) =>
        Decide(id, false, request, handler, http, ct);

    private static async Task<Results<Ok<EmployerDto>, ValidationProblem, ProblemHttpResult>> Decide(Guid id, bool approve, DecisionRequest? request, DecideEmployer handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, approve, request?.Reason, http.User.Identity!.Name!, request?.ConcurrencyStamp, ct);
        if (result.Succeeded)
        {
            return TypedResults.Ok(EmployerDto.From(result.Value));
        }
        return ProblemAnswers.Refusal(result.Problems) is { } problem ? problem : ProblemAnswers.Invalid(result.Problems);
    }
}
