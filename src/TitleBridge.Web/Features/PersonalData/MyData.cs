using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Features.PersonalData;

/// <summary>
/// PIPL Art. 45 access and copy: everything held about the signed-in person, as one JSON document and a ZIP of
/// their documents, both written straight to the response (docs/personal-data-export.md is the format). Other
/// people appear only by role: an officer's or employer's account id is theirs, not the person's.
/// </summary>
public sealed class MyData(AppDbContext db, UserManager<AppUser> users, IFileStore files, TimeProvider time)
{
    public const string Format = "titlebridge-personal-data/1";

    public async Task WriteJsonAsync(string userId, System.IO.Pipelines.PipeWriter output, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        // Written into the response's pipe: the writer's flushes only hand buffers over, the pipe's FlushAsync sends them.
        await using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = ApplicationContent.Json.Encoder });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("generatedAt", time.GetUtcNow());

        w.WritePropertyName("account");
        JsonSerializer.Serialize(w, new
        {
            id = user.Id, email = user.Email, displayName = user.DisplayName, preferredCulture = user.PreferredCulture, emailConfirmed = user.EmailConfirmed,
            twoFactorEnabled = user.TwoFactorEnabled, roles = await users.GetRolesAsync(user), employerId = user.EmployerId,
        }, ApplicationContent.Json);

        w.WritePropertyName("profile");
        var profile = await db.ApplicantProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        JsonSerializer.Serialize(w, profile is null ? null : new
        {
            documentName = profile.DocumentName, chineseName = profile.ChineseName, documentType = profile.DocumentType.ToString(),
            documentNumber = profile.DocumentNumber, documentCountry = profile.DocumentCountry, phone = profile.Phone, updatedAt = profile.UpdatedAt,
        }, ApplicationContent.Json);

        w.WriteStartArray("applications");
        var applications = await db.Applications.AsNoTracking().Where(a => a.ApplicantId == userId).OrderBy(a => a.CycleYear).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        foreach (var a in applications)
        {
            // Each application goes out before the next is read: a large file set never sits in memory whole.
            w.Flush();
            await output.FlushAsync(ct);
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteString("reference", a.Reference);
            w.WriteNumber("cycleYear", a.CycleYear);
            w.WriteString("state", a.State.ToString());
            w.WriteString("targetLevel", a.TargetLevel);
            w.WriteString("specialty", a.Specialty);
            w.WritePropertyName("content");
            w.WriteRawValue(string.IsNullOrWhiteSpace(a.Content) ? "{}" : a.Content);
            w.WritePropertyName("eligibility");
            if (a.Eligibility is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteRawValue(a.Eligibility);
            }
            w.WritePropertyName("dates");
            JsonSerializer.Serialize(w, new { a.CreatedAt, a.UpdatedAt, a.SubmittedAt, a.DeclarationMadeAt, a.PrePublicityFrom, a.PrePublicityLastDay, a.CorrectionDueOn }, ApplicationContent.Json);
            w.WritePropertyName("documents");
            var documents = await db.ApplicationDocuments.AsNoTracking().Where(d => d.ApplicationId == a.Id).ToListAsync(ct);
            JsonSerializer.Serialize(w, documents.OrderBy(d => d.UploadedAt)
                .Select(d => new { d.Id, d.Part, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedAt, zipPath = ZipPath(a, d.Id, d.Part, d.FileName) }), ApplicationContent.Json);
            w.WritePropertyName("events");
            JsonSerializer.Serialize(w, (await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == a.Id).ToListAsync(ct)).OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new { e.At, byRole = e.Role, e.What, fromState = e.FromState?.ToString(), toState = e.ToState?.ToString(), e.Reason }), ApplicationContent.Json);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WritePropertyName("emails");
        var address = user.Email ?? "";
        JsonSerializer.Serialize(w, (await db.OutboxEmails.AsNoTracking().Where(m => m.To == address).ToListAsync(ct)).OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Id, m.TemplateKey, m.Culture, m.Subject, m.TextBody, m.CreatedAt, m.SentAt }), ApplicationContent.Json);

        w.WritePropertyName("certificates");
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.HolderUserId == userId).ToListAsync(ct);
        var certificateIds = certificates.Select(c => c.Id).ToList();
        var verifications = (await db.CertificateVerifications.AsNoTracking().Where(v => certificateIds.Contains(v.CertificateId)).ToListAsync(ct)).ToLookup(v => v.CertificateId);
        JsonSerializer.Serialize(w, certificates.OrderBy(c => c.IssuedAt).Select(c => new
        {
            c.Number, c.VerificationCode, status = c.Status.ToString(), c.ApplicationId, c.HolderName, c.HolderChineseName,
            identityDocumentType = c.IdentityDocumentType.ToString(), c.IdentityDocumentMasked, c.Level, c.LevelNameEn, c.LevelNameZh,
            c.Specialty, c.SpecialtyEn, c.SpecialtyZh, c.CommitteeEn, c.CommitteeZh, c.ApprovedOn, c.QualificationCode, c.QualificationEn, c.QualificationZh,
            c.IssuedAt, c.RevokedOn, c.RevocationReason,
            // Who checked the certificate, as the holder sees it on their page (an organisation only when the verifier gave one).
            verifications = verifications[c.Id].OrderBy(v => v.At).Select(v => new { v.At, v.Method, v.Organisation }),
        }), ApplicationContent.Json);

        w.WritePropertyName("consents");
        JsonSerializer.Serialize(w, (await db.Consents.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(ct)).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { version = c.NoticeVersion, c.At, c.Occasion }), ApplicationContent.Json);

        w.WritePropertyName("dataRequests");
        JsonSerializer.Serialize(w, (await db.DataRequests.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct)).OrderBy(r => r.RequestedAt).Select(DataRequestDto.From), ApplicationContent.Json);
        w.WriteEndObject();
        w.Flush();
        await output.FlushAsync(ct);
    }

    /// <summary>Each document at <c>applications/{reference or id}/{part}/{document id}-{file name}</c>, read from the store one at a time.</summary>
    public async Task WriteZipAsync(string userId, Stream output, CancellationToken ct = default)
    {
        var applications = await db.Applications.AsNoTracking().Where(a => a.ApplicantId == userId).ToListAsync(ct);
        var ids = applications.Select(a => a.Id).ToList();
        var documents = await db.ApplicationDocuments.AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).ToListAsync(ct);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var d in documents.OrderBy(d => d.UploadedAt))
        {
            var a = applications.Single(x => x.Id == d.ApplicationId);
            var entry = zip.CreateEntry(ZipPath(a, d.Id, d.Part, d.FileName), CompressionLevel.Fastest);
            if (d.UploadedAt.Year >= 1980)
            {
                entry.LastWriteTime = d.UploadedAt; // ZIP timestamps start in 1980
            }
            await using var target = await entry.OpenAsync(ct);
            await using var source = await files.OpenReadAsync(d.StorageKey, ct);
            await source.CopyToAsync(target, ct);
        }
    }

    public static string ZipPath(Application a, Guid documentId, string part, string fileName) =>
        $"applications/{a.Reference ?? a.Id.ToString()}/{part}/{documentId:N}-{SafeName(fileName)}";

    private static string SafeName(string name) =>
        new(Path.GetFileName(name).Select(c => char.IsControl(c) || c is '/' or '\\' or ':' ? '_' : c).ToArray());
}
