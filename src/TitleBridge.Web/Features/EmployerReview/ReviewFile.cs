using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.EmployerReview;

/// <summary>One objection raised during the pre-evaluation publicity and how the employer handled it (policy.md §5.2).</summary>
public sealed record PublicityObjection(DateOnly ReceivedOn, string Summary, string Handling, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// An application as the employer and the bureau read it: the applicant's details (identity number
/// masked for the employer, policy: masked except to the owner and officers), the parts, the documents
/// and the timeline.
/// </summary>
public sealed record ReviewFile(
    Application Application,
    string ApplicantName,
    string? ApplicantChineseName,
    string ApplicantEmail,
    IdentityDocumentType? IdentityDocumentType,
    string? IdentityNumber,
    ApplicationContent Content,
    IReadOnlyList<ApplicationDocument> Documents,
    IReadOnlyList<ApplicationEvent> Events,
    Employer? Employer,
    IReadOnlyList<PublicityObjection> Objections,
    IReadOnlyList<CorrectionItem> CorrectionItems,
    IReadOnlyList<string> MissingDocuments)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<PublicityObjection> ReadObjections(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<PublicityObjection>>(json, Json) ?? [];

    public static IReadOnlyList<CorrectionItem> ReadCorrectionItems(string? json) => Domain.Applications.CorrectionItems.Read(json);

    /// <summary>The document kinds a correction notice can name: those ApplicationCompleteness.MissingDocuments reports.</summary>
    public static readonly IReadOnlyDictionary<string, BilingualText> DocumentKindNames =
        new[] { "identity", "qualification", "degree", "degree-certification" }.ToDictionary(k => k, ApplicationLabels.DocumentKind);

    public static BilingualText DocumentKindName(string kind) => ApplicationLabels.DocumentKind(kind);

    public static async Task<ReviewFile?> LoadAsync(AppDbContext db, Guid id, bool unmaskIdentity, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == application.ApplicantId, ct);
        var profile = await db.ApplicantProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == application.ApplicantId, ct);
        var documents = await db.ApplicationDocuments.AsNoTracking().Where(d => d.ApplicationId == id).OrderBy(d => d.Part).ThenBy(d => d.UploadedAt).ToListAsync(ct);
        var events = (await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == id).ToListAsync(ct)).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var employer = application.EmployerId is { } eid ? await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid, ct) : null;
        var content = ApplicationContent.Read(application.Content);
        return new ReviewFile(
            application,
            profile?.DocumentName ?? user?.DisplayName ?? "",
            profile?.ChineseName,
            user?.Email ?? "",
            profile?.DocumentType,
            profile is null ? null : unmaskIdentity ? profile.DocumentNumber : IdentityDocuments.Mask(profile.DocumentNumber),
            content,
            documents,
            events,
            employer,
            ReadObjections(application.PublicityObjections),
            ReadCorrectionItems(application.CorrectionItems),
            ApplicationCompleteness.MissingDocuments(content, documents.Select(d => d.Part).Distinct().ToList()));
    }

    /// <summary>The applicant as an email recipient, in the language they chose.</summary>
    public static async Task<EmailRecipient?> ApplicantRecipientAsync(AppDbContext db, Application application, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == application.ApplicantId, ct);
        if (user?.Email is not { Length: > 0 } email)
        {
            return null;
        }
        var profile = await db.ApplicantProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == application.ApplicantId, ct);
        return new EmailRecipient(email, profile?.DocumentName ?? user.DisplayName, user.PreferredCulture);
    }
}

/// <summary>Who the signed-in employer account acts for: an approved organisation, or none yet.</summary>
public static class EmployerAccess
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The organisation of the account, approved or not (null for an account without one).</summary>
    public static async Task<Employer?> OrganisationAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = UserId(user);
        if (id is null || !user.IsInRole(Roles.Employer))
        {
            return null;
        }
        var employerId = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.EmployerId).FirstOrDefaultAsync(ct);
        return employerId is null ? null : await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employerId, ct);
    }

    /// <summary>The id of the approved organisation the account acts for, or null: an unapproved employer can do nothing.</summary>
    public static async Task<Guid?> ApprovedEmployerIdAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        await OrganisationAsync(db, user, ct) is { Status: EmployerStatus.Approved } e ? e.Id : null;
}

/// <summary>The employer's and the bureau's actions: the shared not-found problem and what a page does afterwards (statuses: <see cref="ProblemAnswers"/>).</summary>
public static class ActionOutcome
{
    /// <summary>The same code as the applicant's own not-found (<see cref="ApplicationProblems.NotFoundCode"/>): one thing, one code.</summary>
    public const string NotFoundCode = ApplicationProblems.NotFoundCode;

    public static Problem NotFound() => Problem.NotFound(NotFoundCode, new("There is no such application among those you may see.", "您可查看的申请中没有该申请。"));

    /// <summary>
    /// What a page does after a state action: on success, back to the file with a "done" note; a file the
    /// user may not see is 404; otherwise the problems are shown (409 for a refused or concurrent change,
    /// 422 for bad input) on the file as it now stands in the database.
    /// </summary>
    public static async Task<Microsoft.AspNetCore.Mvc.IActionResult> ForPageAsync(
        Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, Result<Data.Application> result, string doneUrl,
        Data.AppDbContext db, Action<IReadOnlyList<Problem>> show, Func<Task<Microsoft.AspNetCore.Mvc.IActionResult?>> reload)
    {
        if (result.Succeeded)
        {
            return new Microsoft.AspNetCore.Mvc.RedirectResult(doneUrl);
        }
        if (ProblemAnswers.PageRefusal(result.Problems) is { } refusal)
        {
            return refusal;
        }
        show(result.Problems);
        page.Response.StatusCode = ProblemAnswers.PageStatus(result.Problems);
        db.ChangeTracker.Clear();
        return await reload() ?? new Microsoft.AspNetCore.Mvc.RazorPages.PageResult();
    }

    /// <summary>A state-changing step that is not a transition (confirmation, an objection) must still happen in the right state.</summary>
    public static Problem WrongState(Application application, string en, string zh)
    {
        var s = WorkflowNames.Of(application.State);
        return Problem.Conflict(ApplicationWorkflow.NotAllowedCode, new($"{en} is not possible while the application is “{s.En}”.", $"申请当前状态为“{s.Zh}”，不能{zh}。"));
    }
}
