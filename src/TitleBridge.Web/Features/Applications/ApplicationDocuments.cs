using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Features.Applications;

/// <summary>Who may read an application's documents: its applicant, officers, and the employer it names.</summary>
public sealed record DocumentReader(string UserId, bool IsOfficer, Guid? EmployerId);

/// <summary>
/// The documents of an application: PDF, JPEG or PNG checked by content, a size limit and a count limit,
/// stored outside the web root with their SHA-256 (issue #4 "Documents"). Added and removed by the
/// applicant while the application can be edited; read by the applicant, officers and the named employer.
/// </summary>
public sealed class ApplicationDocuments(AppDbContext db, IFileStore files, UploadCheck check, UnitOfWork unit, IConfiguration configuration, TimeProvider time,
    Infrastructure.Audit.AuditWriter audit)
{
    public const int DefaultMaxPerApplication = 20;

    public static readonly IReadOnlyList<string> Parts =
        ["identity", "qualification", "degree", "degree-certification", "work", "achievement", "report", "other"];

    public int MaxPerApplication => configuration.GetValue("Applications:MaxDocuments", DefaultMaxPerApplication);

    public async Task<Result<ApplicationDocument>> UploadAsync(Guid applicationId, string part, IFormFile? file, string applicantId, CancellationToken ct = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.ApplicantId == applicantId, ct);
        if (application is null)
        {
            return Result<ApplicationDocument>.Failure(ApplicationProblems.NotFound);
        }
        if (!ApplicationProblems.IsEditable(application.State))
        {
            return Result<ApplicationDocument>.Failure(ApplicationProblems.NotEditable(application.State));
        }
        if (!Parts.Contains(part))
        {
            return Fail("document.part", "part", "Choose which part of the application the document supports.", "请选择该材料所证明的申报内容。");
        }
        if (file is null)
        {
            return Fail("document.file", UploadCheck.Field, "Choose a file to upload.", "请选择要上传的文件。");
        }
        var count = await db.ApplicationDocuments.CountAsync(d => d.ApplicationId == applicationId, ct);
        if (count >= MaxPerApplication)
        {
            return Fail("document.tooMany", UploadCheck.Field,
                $"An application can have at most {MaxPerApplication} documents. Remove one before adding another.",
                $"每份申请最多上传 {MaxPerApplication} 份材料。请先删除一份再上传。");
        }
        await using var stream = file.OpenReadStream();
        var checkedKind = await check.CheckAsync(file.FileName, stream, ct);
        if (!checkedKind.Succeeded)
        {
            return Result<ApplicationDocument>.Failure(checkedKind.Problems.Select(p => p with { Field = UploadCheck.Field }).ToList());
        }
        var stored = await files.SaveAsync(stream, ct);
        var document = new ApplicationDocument
        {
            ApplicationId = applicationId,
            Part = part,
            FileName = SafeName(file.FileName),
            ContentType = UploadCheck.ContentType(checkedKind.Value),
            Size = stored.Size,
            Sha256 = stored.Sha256,
            StorageKey = stored.Key,
            UploadedAt = time.GetUtcNow(),
            UploadedBy = applicantId,
        };
        db.ApplicationDocuments.Add(document);
        application.UpdatedAt = time.GetUtcNow();
        application.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(new Infrastructure.Audit.DocumentUploaded(applicationId, document.Id, part, document.Size, document.Sha256));
        if (application.State == ApplicationState.CorrectionRequested)
        {
            unit.Record(application, Actor.Applicant, applicantId, "DocumentAdded", new { part, document.FileName, document.Sha256 });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // The row was not written: the stored file must not outlive it.
            await files.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }
        return Result<ApplicationDocument>.Success(document);
    }

    public async Task<Result<bool>> DeleteAsync(Guid applicationId, Guid documentId, string applicantId, CancellationToken ct = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.ApplicantId == applicantId, ct);
        var document = application is null ? null
            : await db.ApplicationDocuments.FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId, ct);
        if (application is null || document is null)
        {
            return Result<bool>.Failure(ApplicationProblems.NotFound);
        }
        // In the draft, and while a correction is open so a document can be replaced (ApplicationWorkflow.Steps);
        // otherwise what was sent stays part of the file (policy.md §5.1).
        if (!ApplicationWorkflow.Allows(ApplicationStep.RemoveDocument, application.State, Actor.Applicant))
        {
            return Result<bool>.Failure(ApplicationProblems.NotEditable(application.State));
        }
        db.ApplicationDocuments.Remove(document);
        audit.Add(new Infrastructure.Audit.DocumentRemoved(applicationId, document.Id, document.Part));
        if (application.State == ApplicationState.CorrectionRequested)
        {
            // The timeline keeps what was removed (name and digest), so the file's history stays whole.
            unit.Record(application, Actor.Applicant, applicantId, ApplicationWorkflow.Row(ApplicationStep.RemoveDocument).Event,
                new { document.Part, document.FileName, document.Sha256 });
        }
        application.UpdatedAt = time.GetUtcNow();
        application.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await files.DeleteAsync(document.StorageKey, ct);
        return Result<bool>.Success(true);
    }

    /// <summary>A document for a reader allowed to see it, or null (the caller answers 404, not 403: others' files are not acknowledged).</summary>
    public async Task<(ApplicationDocument Document, Stream Content)?> OpenAsync(Guid applicationId, Guid documentId, DocumentReader reader, CancellationToken ct = default)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null || !MayRead(application, reader))
        {
            return null;
        }
        var document = await db.ApplicationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId, ct);
        if (document is null)
        {
            return null;
        }
        var content = await files.OpenReadAsync(document.StorageKey, ct);
        if (application.ApplicantId != reader.UserId)
        {
            // Every read of someone else's document is on the record (issue #9).
            await DownloadedAsync(applicationId, documentId, reader.IsOfficer ? Roles.Officer : Roles.Employer, ct);
        }
        return (document, content);
    }

    /// <summary>Writes the audit event of someone other than the applicant reading a document.</summary>
    public async Task DownloadedAsync(Guid applicationId, Guid documentId, string role, CancellationToken ct = default)
    {
        audit.Add(new Infrastructure.Audit.DocumentDownloaded(applicationId, documentId, role));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The owner always; officers and the named employer once the application has left the draft (a draft is the applicant's alone).</summary>
    public static bool MayRead(Application application, DocumentReader reader) =>
        application.ApplicantId == reader.UserId
        || (application.State != ApplicationState.Draft
            && (reader.IsOfficer || (reader.EmployerId is { } employer && employer == application.EmployerId)));

    private static string SafeName(string name)
    {
        var bare = Path.GetFileName(name.Replace('\\', '/'));
        var cleaned = new string(bare.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray()).Trim();
        return cleaned.Length == 0 ? "document" : cleaned.Length > 200 ? cleaned[^200..] : cleaned;
    }

    private static Result<ApplicationDocument> Fail(string code, string field, string en, string zh) =>
        Result<ApplicationDocument>.Failure(new Problem(code, new(en, zh), field));
}
