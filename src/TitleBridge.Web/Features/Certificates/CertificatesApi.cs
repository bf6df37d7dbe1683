using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TitleBridge.Domain.Certificates;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Certificates;

/// <summary>Results, certificates and verification over HTTP (policy.md §5.5–5.8): the same handlers as the pages.</summary>
public static class CertificatesApi
{
    public static IServiceCollection AddResultsAndCertificates(this IServiceCollection services, IConfiguration configuration)
    {
        // One public address for every absolute link (emails, PDFs, QR codes, credentials): TitleBridge:PublicBaseAddress.
        services.AddOptions<CertificateOptions>().Bind(configuration.GetSection(CertificateOptions.Section))
            .PostConfigure<Microsoft.Extensions.Options.IOptions<TitleBridgeOptions>>((o, site) => o.PublicBaseAddress = site.Value.PublicBaseAddress);
        services.AddScoped<CertificateRegister>();
        services.AddScoped<CredentialKeys>();
        services.AddScoped<CertificateCredential>();
        services.AddSingleton<CertificatePdf>();
        services.AddScoped<ResultPublicity>();
        services.AddScoped<Revocation>();
        services.AddScoped<Reexamination>();
        services.AddScoped<Supervision>();
        return services;
    }

    public sealed record CertificateDto(
        string Number, string Status, DateOnly? RevokedOn, HolderDto Holder, string Level, BilingualDto LevelName,
        string Specialty, BilingualDto SpecialtyName, DateOnly ApprovedOn, BilingualDto Committee, BilingualDto Issuer)
    {
        public static CertificateDto From(Certificate c) => new(
            c.Number, StatusOf(c), c.RevokedOn, new HolderDto(NameMasking.Mask(c.HolderChineseName ?? c.HolderName)), c.Level,
            new(c.LevelNameEn, c.LevelNameZh), c.Specialty, new(c.SpecialtyEn, c.SpecialtyZh), c.ApprovedOn,
            new(c.CommitteeEn, c.CommitteeZh), new(c.ApprovingBodyEn, c.ApprovingBodyZh));
    }

    public sealed record HolderDto(string NameMasked);

    public sealed record BilingualDto(string En, string Zh);

    public sealed record VerifyCredentialRequest(string? Credential, string? Organisation);

    public sealed record VerifyCredentialResponse(bool Valid, string? Status, string? Number, IReadOnlyList<BilingualDto> Problems);

    public sealed record MyVerificationDto(DateTimeOffset At, string? Organisation, string Method);

    public sealed record MyCertificateDto(string Number, string Code, string Status, string Pdf, string Credential, CertificateDto Certificate, IReadOnlyList<MyVerificationDto> Verifications);

    public sealed record PublishRequestDto(IReadOnlyList<Guid>? ApplicationIds, DateOnly? StartsOn);

    public sealed record NoticeDto(Guid Id, DateOnly StartsOn, DateOnly LastDay, BilingualDto Committee, IReadOnlyList<NoticeEntryDto> Entries);

    public sealed record NoticeEntryDto(Guid Id, string NameMasked, BilingualDto Employer, BilingualDto Specialty, BilingualDto Level);

    public sealed record ObjectionDto(Guid Id, Guid ApplicationId, string? Reference, string ObjectorName, string Contact, string Grounds, string? Attachment, DateTimeOffset ReceivedAt, string Status, string? Findings);

    public sealed record DecisionRequest(string? Decision, string? Findings);

    public sealed record RevokeRequest(string? Reason, string? Evidence);

    public sealed record ReexaminationRequest(string? Grounds);

    public sealed record SampleRequest(int? CycleYear, int? Seed);

    public sealed record OutcomeRequest(string? Outcome, string? Notes);

    public static string StatusOf(Certificate c) => c.Status == CertificateStatus.Revoked ? "revoked" : "valid";

    public static IEndpointRouteBuilder MapResultsAndCertificatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", async (CredentialKeys keys, CancellationToken ct) =>
            TypedResults.Json(new { keys = await keys.PublicKeysAsync(ct) }, contentType: "application/jwk-set+json"))
            .WithTags("Certificates").WithName("CredentialKeys").WithSummary("The bureau's public keys (JWK set) that credentials are signed with, including retired ones.");

        var verify = app.MapGroup("/api/certificates").WithTags("Verification").RequireRateLimiting(RateLimits.Verification);
        verify.MapGet("/{number}", Lookup).WithName("VerifyCertificate")
            .WithSummary("The register entry for a number and its verification code; an unknown number and a wrong or missing code give the same 404. The check is recorded (organisation optional).");
        verify.MapPost("/verify-credential", VerifyCredential).WithName("VerifyCredential").DisableAntiforgery()
            .WithSummary("Checks a signed credential (compact JWS): form, key id, signature, issuer, dates and the register's current status.");

        var mine = app.MapGroup("/api/me/certificates").WithTags("Certificates").RequireAuthorization(p => p.RequireRole(Roles.Applicant));
        mine.MapGet("/", Mine).WithName("ListMyCertificates").WithSummary("The signed-in holder's certificates with the PDF link, the signed credential and who checked them.");
        mine.MapGet("/{number}/pdf", Pdf).WithName("DownloadCertificatePdf").WithSummary("The certificate as a bilingual PDF with a QR code to the verification page.");
        mine.MapGet("/{number}/credential", Credential).WithName("DownloadCertificateCredential").WithSummary("The certificate as a signed verifiable credential (application/vc+jwt).");

        app.MapPost("/api/admin/credential-keys/rotate", async (CredentialKeys keys, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(new { kid = (await keys.RotateAsync(http.User.Identity!.Name!, ct)).KeyId }))
            .WithTags("Certificates").WithName("RotateCredentialKey").RequireAuthorization(Policies.Admin)
            .WithSummary("Starts signing credentials with a new key; earlier keys stay published so earlier credentials verify.");

        var results = app.MapGroup("/api/results").WithTags("Results");
        results.MapGet("/notices", Notices).WithName("ListResultNotices").WithSummary("Running result publicity notices: masked name, employer, specialty and level only.");
        results.MapPost("/notices", Publish).WithName("PublishResults").RequireAuthorization(Policies.Officer)
            .WithSummary("Publishes a result publicity notice for files one committee passed, for ResultPublicityWorkingDays working days.");
        results.MapPost("/entries/{id:guid}/objections", Object).WithName("ObjectToResult").DisableAntiforgery().RequireRateLimiting(RateLimits.Objection)
            .WithSummary("An objection by anyone during the publicity (form: name, contact, grounds; optional attachment file).");
        results.MapGet("/objections", Objections).WithName("ListObjections").RequireAuthorization(Policies.Officer)
            .WithSummary("The office's queue of objections, undecided first.");
        results.MapPost("/objections/{id:guid}/decision", Decide).WithName("DecideObjection").RequireAuthorization(Policies.Officer)
            .WithSummary("Upholds (the result is overturned) or dismisses an objection, with the findings; the applicant is emailed.");

        var files = app.MapGroup("/api/applications/{id:guid}").WithTags("Results");
        files.MapPost("/confirm", Confirm).WithName("ConfirmResult").RequireAuthorization(Policies.Officer)
            .WithSummary("Confirms the result after the publicity (no upheld or undecided objection) and issues the certificate.");
        files.MapPost("/reexamination", RequestReexamination).WithName("RequestReexamination").RequireAuthorization(p => p.RequireRole(Roles.Applicant))
            .WithSummary("The applicant asks once, with grounds, within ReexaminationDays of the result's publication.");

        app.MapPost("/api/certificates/{number}/revoke", Revoke).WithTags("Certificates").WithName("RevokeCertificate").RequireAuthorization(Policies.Officer)
            .WithSummary("Revokes a certificate with reason and evidence; it shows revoked everywhere at once and an integrity record starts.");

        var supervision = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(Policies.Officer);
        supervision.MapPost("/samples", Sample).WithName("DrawSupervisionSample").WithSummary("Draws a reproducible sample (seed) of a year's decided files for a second look.");
        supervision.MapPost("/items/{id:long}/outcome", Outcome).WithName("RecordSupervisionOutcome")
            .WithSummary("Records the second look by an officer who did not handle the file.");
        return app;
    }

    private static async Task<Results<Ok<CertificateDto>, ProblemHttpResult>> Lookup(
        string number, [FromQuery] string? code, [FromQuery] string? organisation, CertificateRegister register, CancellationToken ct)
    {
        if (await register.FindAsync(number, code, ct) is not { } c)
        {
            return NotFound();
        }
        await register.RecordVerificationAsync(c, "code", organisation, ct);
        return TypedResults.Ok(CertificateDto.From(c));
    }

    /// <summary>The one answer for an unknown number, a wrong code and a certificate not the caller's: nothing to probe.</summary>
    public static ProblemHttpResult NotFound() => ProblemAnswers.Refusal(CertificateRegister.NotFound());

    private static async Task<Ok<VerifyCredentialResponse>> VerifyCredential(VerifyCredentialRequest request, CertificateCredential credentials, CertificateRegister register, CancellationToken ct)
    {
        var (result, certificate) = await credentials.VerifyAsync(request.Credential, ct);
        if (certificate is not null)
        {
            await register.RecordVerificationAsync(certificate, "credential", request.Organisation, ct);
        }
        return TypedResults.Ok(new VerifyCredentialResponse(result.Valid, result.Status, result.Number, [.. result.Problems.Select(p => new BilingualDto(p.En, p.Zh))]));
    }

    private static async Task<Ok<List<MyCertificateDto>>> Mine(AppDbContext db, CertificateCredential credentials, HttpContext http, CancellationToken ct)
    {
        var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.HolderUserId == user).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var checks = await db.CertificateVerifications.AsNoTracking().Where(v => ids.Contains(v.CertificateId)).ToListAsync(ct);
        var list = new List<MyCertificateDto>();
        foreach (var c in rows.OrderByDescending(r => r.IssuedAt))
        {
            list.Add(new MyCertificateDto(c.Number, c.VerificationCode, StatusOf(c), $"/api/me/certificates/{c.Number}/pdf", await credentials.SignAsync(c, ct), CertificateDto.From(c),
                [.. checks.Where(v => v.CertificateId == c.Id).OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Select(v => new MyVerificationDto(v.At, v.Organisation, v.Method))]));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<Certificate?> OwnAsync(AppDbContext db, HttpContext http, string number, CancellationToken ct)
    {
        var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Number == number && c.HolderUserId == user, ct);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(string number, AppDbContext db, CertificatePdf pdf, HttpContext http, CancellationToken ct) =>
        await OwnAsync(db, http, number, ct) is { } c
            ? TypedResults.File(pdf.Render(c), "application/pdf", $"{c.Number}.pdf")
            : NotFound();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Credential(string number, AppDbContext db, CertificateCredential credentials, HttpContext http, CancellationToken ct) =>
        await OwnAsync(db, http, number, ct) is { } c
            ? TypedResults.File(System.Text.Encoding.ASCII.GetBytes(await credentials.SignAsync(c, ct)), CertificateCredential.MediaType, $"{c.Number}.jwt")
            : NotFound();

    private static async Task<Ok<List<NoticeDto>>> Notices(ResultPublicity results, CancellationToken ct)
    {
        var list = new List<NoticeDto>();
        foreach (var n in await results.RunningAsync(ct))
        {
            var entries = await results.EntriesAsync(n, ct);
            list.Add(new NoticeDto(n.Id, n.StartsOn, n.LastDay, new(n.CommitteeEn, n.CommitteeZh),
                [.. entries.Select(e => new NoticeEntryDto(e.ApplicationId, e.NameMasked, B(e.Employer), B(e.Specialty), B(e.Level)))]));
        }
        return TypedResults.Ok(list);
    }

    private static BilingualDto B(BilingualText t) => new(t.En, t.Zh);

    private static async Task<Results<Ok<NoticeDto>, ValidationProblem, ProblemHttpResult>> Publish(PublishRequestDto request, ResultPublicity results, HttpContext http, CancellationToken ct)
    {
        var published = await results.PublishAsync(new(request.ApplicationIds, request.StartsOn), IntakeReview.ActorFor(http.User), http.User.Identity!.Name!, ct);
        if (!published.Succeeded)
        {
            return Problem<NoticeDto>(published.Problems);
        }
        var n = published.Value;
        var entries = await results.EntriesAsync(n, ct);
        return TypedResults.Ok(new NoticeDto(n.Id, n.StartsOn, n.LastDay, new(n.CommitteeEn, n.CommitteeZh),
            [.. entries.Select(e => new NoticeEntryDto(e.ApplicationId, e.NameMasked, B(e.Employer), B(e.Specialty), B(e.Level)))]));
    }

    private static async Task<Results<Ok<ObjectionDto>, ValidationProblem, ProblemHttpResult>> Object(
        Guid id, [FromForm] string? name, [FromForm] string? contact, [FromForm] string? grounds, IFormFile? attachment, ResultPublicity results, CancellationToken ct)
    {
        var made = await results.ObjectAsync(id, new(name, contact, grounds), attachment, ct);
        return made.Succeeded ? TypedResults.Ok(ToDto(made.Value, null)) : Problem<ObjectionDto>(made.Problems);
    }

    private static ObjectionDto ToDto(ResultObjection o, string? reference) =>
        new(o.Id, o.ApplicationId, reference, o.ObjectorName, o.Contact, o.Grounds, o.AttachmentName, o.ReceivedAt, o.Status.ToString().ToLowerInvariant(), o.Findings);

    private static async Task<Ok<List<ObjectionDto>>> Objections(ResultPublicity results, CancellationToken ct) =>
        TypedResults.Ok((await results.QueueAsync(ct)).Select(r => ToDto(r.Objection, r.Reference)).ToList());

    private static async Task<Results<Ok<ObjectionDto>, ValidationProblem, ProblemHttpResult>> Decide(Guid id, DecisionRequest request, ResultPublicity results, HttpContext http, CancellationToken ct)
    {
        if (request.Decision is not ("uphold" or "dismiss"))
        {
            return Problem<ObjectionDto>([new Problem("required", new("Choose whether to uphold or dismiss the objection (decision: uphold or dismiss).", "请选择异议成立或不成立。"), "decision")]);
        }
        var decided = await results.DecideAsync(id, request.Decision == "uphold", request.Findings, IntakeReview.ActorFor(http.User), http.User.Identity!.Name!, ct);
        return decided.Succeeded ? TypedResults.Ok(ToDto(decided.Value, null)) : Problem<ObjectionDto>(decided.Problems);
    }

    private static async Task<Results<Ok<CertificateDto>, ValidationProblem, ProblemHttpResult>> Confirm(Guid id, ResultPublicity results, HttpContext http, CancellationToken ct)
    {
        var confirmed = await results.ConfirmAsync(id, IntakeReview.ActorFor(http.User), http.User.Identity!.Name!, ct: ct);
        return confirmed.Succeeded ? TypedResults.Ok(CertificateDto.From(confirmed.Value)) : Problem<CertificateDto>(confirmed.Problems);
    }

    private static async Task<Results<Ok<CertificateDto>, ValidationProblem, ProblemHttpResult>> Revoke(string number, RevokeRequest request, Revocation revocation, HttpContext http, CancellationToken ct)
    {
        var revoked = await revocation.RevokeAsync(number, request.Reason, request.Evidence, IntakeReview.ActorFor(http.User), http.User.Identity!.Name!, ct);
        return revoked.Succeeded ? TypedResults.Ok(CertificateDto.From(revoked.Value)) : Problem<CertificateDto>(revoked.Problems);
    }

    private static async Task<Results<Ok<ReviewApplicationDto>, ValidationProblem, ProblemHttpResult>> RequestReexamination(Guid id, ReexaminationRequest request, Reexamination reexamination, HttpContext http, CancellationToken ct)
    {
        var requested = await reexamination.RequestAsync(id, http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, request.Grounds, ct);
        return requested.Succeeded ? TypedResults.Ok(ReviewApplicationDto.From(requested.Value)) : Problem<ReviewApplicationDto>(requested.Problems);
    }

    private static async Task<Results<Ok<Supervision.SampleDto>, ValidationProblem, ProblemHttpResult>> Sample(SampleRequest request, Supervision supervision, HttpContext http, CancellationToken ct)
    {
        var drawn = await supervision.DrawAsync(request.CycleYear, request.Seed, http.User.Identity!.Name!, ct);
        return drawn.Succeeded ? TypedResults.Ok(drawn.Value) : Problem<Supervision.SampleDto>(drawn.Problems);
    }

    private static async Task<Results<Ok<Supervision.ItemDto>, ValidationProblem, ProblemHttpResult>> Outcome(long id, OutcomeRequest request, Supervision supervision, HttpContext http, CancellationToken ct)
    {
        var recorded = await supervision.RecordAsync(id, request.Outcome, request.Notes, http.User.Identity!.Name!, ct);
        return recorded.Succeeded ? TypedResults.Ok(recorded.Value) : Problem<Supervision.ItemDto>(recorded.Problems);
    }

    /// <summary>The error contract's answer: 404, 403 or 409 by the problem's kind (set where the refusal is made), else 400 with the fields.</summary>
    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Problem<T>(IReadOnlyList<Problem> problems) =>
        TitleBridge.Web.Infrastructure.Problems.ProblemAnswers.Refusal(problems) is { } problem ? problem : TitleBridge.Web.Infrastructure.Problems.ProblemAnswers.Invalid(problems);
}
