using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Certificates;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Certificates;

/// <summary>
/// Revocation (撤销, policy.md §5.7) of a title obtained by false materials, plagiarism or other improper means: the
/// register row turns revoked — which every verification path reads, so it shows at once on the page, the API and
/// the credential check — the file goes to Revoked, the holder is told, and an integrity record (诚信档案) starts
/// against the identity document for IntegrityRecordYears (the rule set's integrity-record period, default 3).
/// </summary>
public sealed class Revocation(AppDbContext db, UnitOfWork unit, RuleSetStore rules, TimeProvider time)
{
    public const string AlreadyRevokedCode = "certificate.already-revoked";

    public async Task<Result<Certificate>> RevokeAsync(string number, string? reason, string? evidence, Actor actor, string officer, CancellationToken ct = default)
    {
        var parsed = CertificateNumber.TryParse(number)?.ToString();
        var certificate = parsed is null ? null : await db.Certificates.FirstOrDefaultAsync(c => c.Number == parsed, ct);
        if (certificate is null)
        {
            return Result<Certificate>.Failure(CertificateRegister.NotFound());
        }
        var problems = new List<Problem>();
        var why = Text(reason, "reason", "the reason for revoking (what was false or improper)", "撤销理由（何种材料虚假或以何种不当手段取得）", problems);
        var basis = Text(evidence, "evidence", "the evidence the revocation rests on and where it is filed", "撤销所依据的证据及其存档位置", problems);
        if (problems.Count > 0)
        {
            return Result<Certificate>.Failure(problems);
        }
        if (certificate.Status == CertificateStatus.Revoked)
        {
            return Result<Certificate>.Failure(Problem.Conflict(AlreadyRevokedCode, new(
                $"Certificate {certificate.Number} was already revoked on {certificate.RevokedOn:yyyy-MM-dd}.", $"证书 {certificate.Number} 已于 {certificate.RevokedOn:yyyy-MM-dd} 撤销。")));
        }
        var application = await db.Applications.FirstAsync(a => a.Id == certificate.ApplicationId, ct);
        var profile = await db.ApplicantProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == certificate.HolderUserId, ct);
        var today = time.Today();
        var years = (await rules.InForceAsync(today, ct))?.Procedure.IntegrityRecordYears.Value ?? 3;
        var until = today.AddYears(years).AddDays(-1);
        var fired = unit.Fire(application, ApplicationTrigger.Revoke, actor, officer, reason: why,
            data: new { number = certificate.Number, evidence = basis, integrityRecordUntil = until },
            change: _ =>
            {
                certificate.Status = CertificateStatus.Revoked;
                certificate.RevokedOn = today;
                certificate.RevokedAt = time.GetUtcNow();
                certificate.RevokedBy = officer;
                certificate.RevocationReason = why;
                certificate.RevocationEvidence = basis;
                certificate.ConcurrencyStamp = Guid.NewGuid();
                if (profile is not null)
                {
                    // By identity document (type and number), never by nationality (policy.md §5.7).
                    db.IntegrityRecords.Add(new IntegrityRecord
                    {
                        DocumentType = profile.DocumentType,
                        DocumentNumber = profile.DocumentNumber.Trim().ToUpperInvariant(),
                        From = today,
                        Until = until,
                        Reason = why!,
                        CertificateId = certificate.Id,
                        RecordedAt = time.GetUtcNow(),
                        RecordedBy = officer,
                    });
                }
            });
        if (!fired.Succeeded)
        {
            return Result<Certificate>.Failure(fired.Problems);
        }
        if (await ReviewFile.ApplicantRecipientAsync(db, application, ct) is { } to)
        {
            unit.Email(to, new CertificateRevoked(certificate.Number, why!, until));
        }
        return await unit.CommitAsync(certificate, ct);
    }

    private static string? Text(string? value, string field, string en, string zh, List<Problem> problems)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            problems.Add(new Problem("required", new($"Enter {en}.", $"请填写{zh}。"), field));
            return null;
        }
        if (text.Length > 2000)
        {
            problems.Add(new Problem("too-long", new($"Shorten {en} to at most 2000 characters.", $"{zh}不能超过 2000 个字符。"), field));
            return null;
        }
        return text;
    }
}

/// <summary>The integrity record's bar on applying (policy.md §5.7), asked when an application starts and when it is submitted.</summary>
public static class IntegrityBar
{
    public const string BarredCode = "integrity.record-active";

    /// <summary>The problem that refuses an application by this applicant today, or null when no record runs against their document.</summary>
    public static async Task<Problem?> CheckAsync(AppDbContext db, string applicantId, DateOnly today, CancellationToken ct = default)
    {
        // One query: the applicant's document joined to the records against it (a submission pays for each round trip).
        var record = await ActiveRecord.For(db)(db, applicantId, today, ct);
        return record is null ? null : Explain(record);
    }

    /// <summary>Every submission asks it, so it is compiled once per model (<see cref="CompiledPerModel{TQuery}"/>).</summary>
    private static readonly CompiledPerModel<Func<AppDbContext, string, DateOnly, CancellationToken, Task<IntegrityRecord?>>> ActiveRecord = new(() =>
        EF.CompileAsyncQuery<AppDbContext, string, DateOnly, IntegrityRecord?>((db, applicantId, today, ct) => (
            from p in db.ApplicantProfiles
            where p.UserId == applicantId
            from r in db.IntegrityRecords
            where r.DocumentType == p.DocumentType && r.DocumentNumber == p.DocumentNumber.Trim().ToUpper() && r.From <= today && r.Until >= today
            orderby r.Until descending
            select r).AsNoTracking().FirstOrDefault()));

    /// <summary>
    /// A refusal of the request, not bad input (a conflict: the API answers 409 with this message as the title, as
    /// starting does), with English dates in English whatever the reader's culture, since both texts travel together.
    /// </summary>
    public static Problem Explain(IntegrityRecord record) => Problem.Conflict(BarredCode, new(
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"An integrity record runs against this identity document until {record.Until:d MMMM yyyy} (a title was revoked on {record.From:d MMMM yyyy}). Until then no application can be made with it; from {record.Until.AddDays(1):d MMMM yyyy} you may apply again."),
        $"该身份证件记有职称评审诚信档案，至{record.Until.Year}年{record.Until.Month}月{record.Until.Day}日止（职称已于{record.From.Year}年{record.From.Month}月{record.From.Day}日被撤销）。在此之前不能以该证件申报；自{record.Until.AddDays(1).Year}年{record.Until.AddDays(1).Month}月{record.Until.AddDays(1).Day}日起可重新申报。"));
}
