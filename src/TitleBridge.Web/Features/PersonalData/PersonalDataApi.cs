using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.PersonalData;

/// <summary>Personal information rights (policy.md §6, PIPL): the notice, consent, access and copy, correction and deletion.</summary>
public static class PersonalDataApi
{
    public static IServiceCollection AddPersonalData(this IServiceCollection services) => services
        .AddScoped<PrivacyNotices>();

    public static IEndpointRouteBuilder MapPersonalDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/privacy-notice", Notice).WithTags("Personal data").WithName("GetPrivacyNotice")
            .WithSummary("The privacy notice in force: { version, effectiveFrom, text: { en, zh } }. Registration sends its version as privacyNotice.");
        app.MapPost("/api/admin/privacy-notices", Publish).WithTags("Personal data").WithName("PublishPrivacyNotice").RequireAuthorization(Policies.Admin)
            .WithSummary("Publishes a new version of the privacy notice (administrators); people who consented to an earlier one are asked again.");
        var me = app.MapGroup("/api/me").WithTags("Personal data").RequireAuthorization();
        me.MapPost("/consent", Consent).WithName("ConsentToPrivacyNotice")
            .WithSummary("Consents to the privacy notice in force: { privacyNotice: VERSION }.");
        return app;
    }

    public static async Task<Results<Ok<PrivacyNoticeDto>, ProblemHttpResult>> Notice(PrivacyNotices notices, CancellationToken ct) =>
        await notices.CurrentAsync(ct) is { } n
            ? TypedResults.Ok(n)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Localization.Pick("No privacy notice is in force.", "没有现行的隐私声明。"));

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

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
