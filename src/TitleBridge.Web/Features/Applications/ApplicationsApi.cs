using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Accounts;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// The applicant's API: the same handlers as the pages. Someone else's application answers 404 (its
/// existence is not acknowledged); a wrong state or a concurrent change 409; bad input 400 with the fields.
/// </summary>
public static class ApplicationsApi
{
    public static IServiceCollection AddApplicantSide(this IServiceCollection services)
    {
        services.AddScoped<StartApplication>();
        services.AddScoped<SaveSection>();
        services.AddScoped<ApplicationDocuments>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<ApplicantActions>();
        services.AddScoped<ApplicationDetails>();
        services.AddScoped<RegisterApplicant>();
        services.AddScoped<AccountAddresses>();
        services.AddScoped<Applicants.SaveProfile>();
        return services;
    }

    public static IEndpointRouteBuilder MapApplicantApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/account/register", Register).WithTags("Accounts").WithName("RegisterApplicant").DisableAntiforgery().RequireRateLimiting(RateLimits.Registration)
            .WithSummary("Registers an applicant account; a confirmation link is emailed in the chosen language (zh-Hans or en).");

        var api = app.MapGroup("/api/applications").WithTags("Applications");
        var mine = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Applicant));
        mine.MapPost("/", Start).WithName("StartApplication").WithSummary("Starts the applicant's application in the cycle open today, or returns the one already started.");
        mine.MapGet("/", List).WithName("ListMyApplications").WithSummary("The signed-in applicant's applications, newest cycle first.");
        mine.MapGet("/{id:guid}", Get).WithName("GetMyApplication")
            .WithSummary("One of the applicant's applications: state, sections with their status, documents, permitted actions, timeline and concurrencyStamp.");
        mine.MapPut("/{id:guid}/sections/{section}", Save).WithName("SaveApplicationSection").Accepts<SectionRequest>("application/json")
            .WithSummary("Saves one section (target, qualifications, degree, work, achievements, report, employer) while the application is a draft or being corrected.");
        mine.MapPost("/{id:guid}/documents", Upload).WithName("UploadApplicationDocument").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Uploads a document (multipart: part, file). PDF, JPEG or PNG checked by content; size and count limits.");
        mine.MapDelete("/{id:guid}/documents/{documentId:guid}", Delete).WithName("DeleteApplicationDocument")
            .WithSummary("Removes a document while the application is a draft.");
        mine.MapPost("/{id:guid}/submit", Submit).WithName("SubmitApplication").Accepts<SubmitRequest>("application/json")
            .WithSummary("Submits with the declaration of authenticity; idempotent. An unsupported level needs acknowledgeEligibilityWarning.");
        mine.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawApplication").Accepts<WithdrawRequest>("application/json").WithSummary("Withdraws the application, with an optional reason, where the workflow permits it.");
        mine.MapPost("/{id:guid}/resubmit", Resubmit).WithName("ResubmitApplication").Accepts<ResubmitRequest>("application/json").WithSummary("Resubmits once after the correction notice, before its deadline.");
        api.MapGet("/{id:guid}/documents/{documentId:guid}", Download).RequireAuthorization().WithName("DownloadApplicationDocument")
            .WithSummary("Downloads a document as an attachment: its applicant, officers, and the employer the application names.");
        return app;
    }

    public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? Culture, string? PrivacyNotice = null);

    public static async Task<Results<Created, ValidationProblem>> Register(RegisterRequest request, RegisterApplicant handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new(request.Email, request.Password, request.DisplayName, request.Culture, request.PrivacyNotice), ConfirmLink(http), ct);
        return result.Succeeded ? TypedResults.Created() : ProblemAnswers.Invalid(result.Problems);
    }

    /// <summary>The absolute link of the confirmation page, for the email: from the configured public address, never from the request.</summary>
    public static Func<string, string, Uri> ConfirmLink(HttpContext http) => (userId, code) =>
        http.RequestServices.GetRequiredService<PublicLinks>().To($"/account/confirm-email?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}");

    public static async Task<Results<Created<ApplicationSummaryDto>, Ok<ApplicationSummaryDto>, ProblemHttpResult>> Start(
        StartApplication handler, ApplicationDetails details, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await handler.HandleAsync(UserId(user), ct);
        if (!result.Succeeded)
        {
            return ProblemAnswers.Refusal(result.Problems) ?? ProblemAnswers.Refusal(Problem.Conflict(result.Problems[0].Code, result.Problems[0].Message));
        }
        var summary = (await details.MineAsync(UserId(user), ct)).Single(a => a.Id == result.Value.Id);
        return result.Value.Existing ? TypedResults.Ok(summary) : TypedResults.Created($"/api/applications/{summary.Id}", summary);
    }

    public static async Task<Ok<IReadOnlyList<ApplicationSummaryDto>>> List(ApplicationDetails details, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await details.MineAsync(UserId(user), ct));

    public static async Task<Results<Ok<ApplicationDto>, ProblemHttpResult>> Get(Guid id, ApplicationDetails details, ClaimsPrincipal user, CancellationToken ct) =>
        await details.GetAsync(id, UserId(user), ct) is { } found ? TypedResults.Ok(found.Dto) : NotFound();

    /// <summary>A section's values as the API takes them: the handler's input plus the concurrency stamp.</summary>
    public sealed record SectionRequest : SaveSection.Input
    {
        public Guid? ConcurrencyStamp { get; init; }
    }

    public static async Task<Results<Ok<ApplicationDto>, ValidationProblem, ProblemHttpResult>> Save(
        Guid id, string section, HttpRequest http, SaveSection handler, ApplicationDetails details, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Enum.TryParse<ApplicationSection>(section, ignoreCase: true, out var parsed) || parsed == ApplicationSection.Documents || int.TryParse(section, out _))
        {
            return ProblemAnswers.Invalid([new Problem("section", new("Name a section: target, qualifications, degree, work, achievements, report or employer.",
                "请指定部分：target、qualifications、degree、work、achievements、report 或 employer。"), "section")]);
        }
        var (body, bad) = await ReadJsonAsync<SectionRequest>(http, ct);
        if (bad is not null)
        {
            return bad;
        }
        var result = await handler.HandleAsync(id, parsed, body!, UserId(user), body!.ConcurrencyStamp, ct);
        if (!result.Succeeded)
        {
            return Status(result.Problems) is { } status ? status : ProblemAnswers.Invalid(result.Problems);
        }
        return TypedResults.Ok((await details.GetAsync(id, UserId(user), ct))!.Value.Dto);
    }

    public static async Task<Results<Created<DocumentDto>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, HttpRequest http, ApplicationDocuments handler, ClaimsPrincipal user, CancellationToken ct)
    {
        // Ownership is checked before the body: someone else's application is not found, whatever is sent.
        var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
        var result = await handler.UploadAsync(id, form?["part"].ToString() ?? "", form?.Files.GetFile("file"), UserId(user), ct);
        if (!result.Succeeded)
        {
            return Status(result.Problems) is { } status ? status : ProblemAnswers.Invalid(result.Problems);
        }
        var d = result.Value;
        return TypedResults.Created($"/api/applications/{id}/documents/{d.Id}", new DocumentDto(d.Id, d.Part, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedAt));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        Guid id, Guid documentId, ApplicationDocuments handler, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(id, documentId, UserId(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : Status(result.Problems) is { } status ? status : ProblemAnswers.Invalid(result.Problems);
    }

    public static async Task<IResult> Download(Guid id, Guid documentId, ApplicationDocuments handler, ClaimsPrincipal user, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await handler.OpenAsync(id, documentId, await ReaderAsync(user, db, ct), ct);
        if (found is not { } f)
        {
            return NotFound();
        }
        // Never rendered by the browser: an attachment, with the type fixed by the content check.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(f.Content, f.Document.ContentType, f.Document.FileName);
    }

    /// <summary>The reader's rights for documents: their id, whether staff, and the employer they act for.</summary>
    public static async Task<DocumentReader> ReaderAsync(ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var id = UserId(user);
        var employerId = user.IsInRole(Roles.Employer)
            ? await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Users.Where(u => u.Id == id).Select(u => u.EmployerId), ct)
            : null;
        return new DocumentReader(id, user.IsInRole(Roles.Officer) || user.IsInRole(Roles.Admin), employerId);
    }

    public sealed record SubmitRequest(bool Declaration, bool AcknowledgeEligibilityWarning, Guid? ConcurrencyStamp);

    public static async Task<Results<Ok<SubmitApplication.Submitted>, ValidationProblem, ProblemHttpResult>> Submit(
        Guid id, HttpRequest http, SubmitApplication handler, ApplicationDetails details, ClaimsPrincipal user, CancellationToken ct)
    {
        // Someone else's application is not found, whatever is sent: the handler reads only the caller's own
        // file (and answers not found otherwise), so ownership is asked here only when the body is refused —
        // every submission of the busiest day saves the three reads of the whole file (bench/README.md).
        var (body, bad) = await ReadJsonAsync<SubmitRequest>(http, ct);
        if (bad is not null)
        {
            return await details.IsMineAsync(id, UserId(user), ct) ? bad : NotFound();
        }
        var result = await handler.HandleAsync(new(id, body!.Declaration, body.AcknowledgeEligibilityWarning, body.ConcurrencyStamp), UserId(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : Status(result.Problems) is { } status ? status : ProblemAnswers.Invalid(result.Problems);
    }

    public sealed record WithdrawRequest(string? Reason, Guid? ConcurrencyStamp);

    public static async Task<Results<Ok<ApplicationDto>, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, HttpRequest http, ApplicantActions handler, ApplicationDetails details, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, bad) = await ReadJsonAsync<WithdrawRequest>(http, ct);
        if (bad is not null)
        {
            return bad;
        }
        var result = await handler.WithdrawAsync(id, UserId(user), body!.Reason, body.ConcurrencyStamp, ct);
        return result.Succeeded ? TypedResults.Ok((await details.GetAsync(id, UserId(user), ct))!.Value.Dto) : Status(result.Problems) is { } status ? status : ProblemAnswers.Invalid(result.Problems);
    }

    /// <summary>The declaration of authenticity is made again with the corrected application.</summary>
    public sealed record ResubmitRequest(Guid? ConcurrencyStamp, bool Declaration = false);

    public static async Task<Results<Ok<ApplicationDto>, ValidationProblem, ProblemHttpResult>> Resubmit(
        Guid id, HttpRequest http, ApplicantActions handler, ApplicationDetails details, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, bad) = await ReadJsonAsync<ResubmitRequest>(http, ct);
        if (bad is not null)
        {
            return bad;
        }
        var result = await handler.ResubmitAsync(id, UserId(user), body!.Declaration, body.ConcurrencyStamp, ct);
        return result.Succeeded ? TypedResults.Ok((await details.GetAsync(id, UserId(user), ct))!.Value.Dto) : Status(result.Problems) is { } status ? status : ProblemAnswers.Invalid(result.Problems);
    }

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    /// <summary>404 for someone else's application, 409 for a wrong state or a concurrent change; null for bad input (400 with the fields).</summary>
    public static ProblemHttpResult? Status(IReadOnlyList<Problem> problems) => ProblemAnswers.Refusal(problems);

    private static ProblemHttpResult NotFound() => ProblemAnswers.Refusal(ApplicationProblems.NotFound);

    private static async Task<(T? Body, ValidationProblem? Bad)> ReadJsonAsync<T>(HttpRequest http, CancellationToken ct) where T : class
    {
        var (body, problems) = await ApiJson.ReadAsync<T>(http, http.HttpContext.RequestServices.GetRequiredService<InputLimits>(), ct);
        return body is null ? (null, ProblemAnswers.Invalid(problems)) : (body, null);
    }
}
