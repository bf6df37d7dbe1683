using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.PersonalData;

/// <summary>Personal information rights (policy.md §6, PIPL): the notice, consent, access and copy, correction and deletion.</summary>
public static class PersonalDataApi
{
    public static IServiceCollection AddPersonalData(this IServiceCollection services) => services
        .AddScoped<PrivacyNotices>()
        .AddScoped<MyData>()
        .AddScoped<DataRequests>()
        .AddSingleton<RetentionSweep>()
        .AddHostedService<RetentionSweepService>();

    public static IEndpointRouteBuilder MapPersonalDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/privacy-notice", Notice).WithTags("Personal data").WithName("GetPrivacyNotice")
            .WithSummary("The privacy notice in force: { version, effectiveFrom, text: { en, zh } }. Registration sends its version as privacyNotice.");
        app.MapPost("/api/admin/privacy-notices", Publish).WithTags("Personal data").WithName("PublishPrivacyNotice").RequireAuthorization(Policies.Admin)
            .WithSummary("Publishes a new version of the privacy notice (administrators); people who consented to an earlier one are asked again.");
        var me = app.MapGroup("/api/me").WithTags("Personal data").RequireAuthorization();
        me.MapPost("/consent", Consent).WithName("ConsentToPrivacyNotice")
            .WithSummary("Consents to the privacy notice in force: { privacyNotice: VERSION }.");
        me.MapGet("/data", Data).WithName("DownloadMyData")
            .WithSummary("Everything held about the signed-in person as one JSON document (docs/personal-data-export.md), streamed.");
        me.MapGet("/data/documents.zip", Documents).WithName("DownloadMyDocuments")
            .WithSummary("The signed-in person's documents as a ZIP, streamed (paths in docs/personal-data-export.md).");
        me.MapGet("/data-requests", MyRequests).WithName("ListMyDataRequests").WithSummary("The person's requests about their data and the answers.");
        me.MapPost("/data-requests", MakeRequest).WithName("MakeDataRequest")
            .WithSummary("{ kind: correction|deletion, details }. Deletion with nothing submitted deletes the account at once; otherwise the answer gives the retention reason and date.");
        var admin = app.MapGroup("/api/admin/data-requests").WithTags("Personal data").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", AllRequests).WithName("ListDataRequests").WithSummary("Every request about personal data and its answer (administrators).");
        admin.MapPost("/{id:guid}/answer", Answer).WithName("AnswerDataRequest")
            .WithSummary("Answers an open request: { fulfilled, answer: { en, zh } } (administrators).");
        return app;
    }

    public static async Task<Results<Ok<PrivacyNoticeDto>, ProblemHttpResult>> Notice(PrivacyNotices notices, CancellationToken ct) =>
        await notices.CurrentAsync(ct) is { } n
            ? TypedResults.Ok(n)
            : ProblemAnswers.Refusal(Problem.NotFound("privacy-notice.none", new("No privacy notice is in force.", "没有现行的隐私声明。")));

    public sealed record PublishRequest(string? Version, DateOnly? EffectiveFrom, NoticeText? Text);

    public sealed record NoticeText(string? En, string? Zh);

    public static async Task<Results<Created<PrivacyNoticeDto>, ValidationProblem>> Publish(PublishRequest request, PrivacyNotices notices, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await notices.PublishAsync(request.Version, request.EffectiveFrom, request.Text?.En, request.Text?.Zh, UserId(user), ct);
        return result.Succeeded ? TypedResults.Created("/api/privacy-notice", result.Value) : ProblemAnswers.Invalid(result.Problems);
    }

    public sealed record ConsentRequest(string? PrivacyNotice);

    public static async Task<Results<NoContent, ValidationProblem>> Consent(ConsentRequest request, PrivacyNotices notices, AppDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await notices.CheckAsync(request.PrivacyNotice, ct) is { } problem)
        {
            return ProblemAnswers.Invalid([problem]);
        }
        notices.Record(UserId(user), request.PrivacyNotice!, "sign-in");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task Data(MyData data, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"titlebridge-my-data.json\"";
        http.Response.Headers.CacheControl = "no-store";
        await data.WriteJsonAsync(UserId(user), http.Response.BodyWriter, ct);
    }

    public static async Task Documents(MyData data, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"titlebridge-my-documents.zip\"";
        http.Response.Headers.CacheControl = "no-store";
        // ZipArchive writes its local headers and central directory synchronously on a stream it cannot seek.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }
        await data.WriteZipAsync(UserId(user), http.Response.Body, ct);
    }

    public static async Task<Ok<List<DataRequestDto>>> MyRequests(AppDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = UserId(user);
        var rows = await db.DataRequests.AsNoTracking().Where(r => r.UserId == id).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(r => r.RequestedAt).Select(DataRequestDto.From).ToList());
    }

    public sealed record DataRequestBody(string? Kind, string? Details);

    public static async Task<Results<Ok<DataRequestDto>, ValidationProblem>> MakeRequest(DataRequestBody body, DataRequests requests, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await requests.RequestAsync(UserId(user), body.Kind, body.Details, ct);
        if (!result.Succeeded)
        {
            return ProblemAnswers.Invalid(result.Problems);
        }
        if (result.Value.AccountDeleted)
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        return TypedResults.Ok(DataRequestDto.From(result.Value.Request));
    }

    public static async Task<Ok<List<DataRequestDto>>> AllRequests(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.DataRequests.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(r => r.RequestedAt).Select(DataRequestDto.From).ToList());
    }

    public sealed record AnswerBody(bool? Fulfilled, NoticeText? Answer);

    public static async Task<Results<Ok<DataRequestDto>, ValidationProblem, ProblemHttpResult>> Answer(Guid id, AnswerBody body, DataRequests requests, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await requests.AnswerAsync(id, body.Fulfilled ?? false, body.Answer?.En, body.Answer?.Zh, UserId(user), ct);
        if (result.Succeeded)
        {
            return TypedResults.Ok(DataRequestDto.From(result.Value));
        }
        return ProblemAnswers.Refusal(result.Problems) is { } refusal ? refusal : ProblemAnswers.Invalid(result.Problems);
    }

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
