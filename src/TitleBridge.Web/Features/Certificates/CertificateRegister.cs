using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Certificates;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Certificates;

/// <summary>
/// The register of electronic title certificates (policy.md §5.6). Issuing fires IssueCertificate
/// (Confirmed → CertificateIssued) and writes the register row in one transaction, with a number taken from
/// the year's counter in that transaction: concurrent issues never share a number, and a failed issue uses none.
/// </summary>
public sealed class CertificateRegister(
    AppDbContext db, UnitOfWork unit, CatalogueSnapshots catalogue, ReferenceData reference,
    IOptions<CertificateOptions> options, TimeProvider time)
{
    public const string NotFoundCode = "certificate.not-found";

    /// <summary>The one answer for an unknown number, a wrong code and a missing code alike: nothing to probe.</summary>
    public static Problem NotFound() => Problem.NotFound(NotFoundCode, new(
        "No certificate matches this number and verification code. Check both against the certificate.",
        "没有与该证书编号和验证码相符的证书，请核对证书上的编号和验证码。"));

    /// <summary>
    /// The committee that decided the file: the one of its latest review group (after a re-examination, the new
    /// group's). Null for a file with no stored review group, where the configured committee of the level stands in.
    /// </summary>
    public static async Task<BilingualText?> CommitteeOfAsync(AppDbContext db, Guid applicationId, CancellationToken ct = default)
    {
        var committee = await (from r in db.ReviewAssignments.AsNoTracking()
                               where r.ApplicationId == applicationId
                               join c in db.Committees.AsNoTracking() on r.CommitteeId equals c.Id
                               orderby r.Id descending
                               select new { c.NameEn, c.NameZh }).FirstOrDefaultAsync(ct);
        return committee is null ? null : new BilingualText(committee.NameEn, committee.NameZh);
    }

    /// <summary>
    /// Stages the certificate of a confirmed file on the <see cref="UnitOfWork"/>, inside the caller's transaction
    /// (the number's counter is updated there); the caller commits the unit, then the transaction.
    /// </summary>
    public async Task<Result<Certificate>> IssueAsync(Application application, Actor actor, string officer, CancellationToken ct = default)
    {
        if (application.State != ApplicationState.Confirmed)
        {
            return Result<Certificate>.Failure(ActionOutcome.WrongState(application, "Issuing a certificate", "签发证书"));
        }
        var profile = await db.ApplicantProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == application.ApplicantId, ct);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == application.ApplicantId, ct);
        TitleLevels.TryParseCode(application.TargetLevel, out var level);
        var today = time.Today();
        var qualification = await QualificationAsync(application, level, ct);
        var settings = options.Value;
        var committee = await CommitteeOfAsync(db, application.Id, ct) ?? settings.CommitteeFor(level);
        var number = await NextNumberAsync(application.CycleYear, ct);
        var specialty = reference.SpecialtyName(application.Specialty ?? "");
        var certificate = new Certificate
        {
            Number = number.ToString(),
            Year = number.Year,
            Sequence = number.Sequence,
            VerificationCode = VerificationCode.New(),
            ApplicationId = application.Id,
            HolderUserId = application.ApplicantId,
            HolderName = profile?.DocumentName ?? user.DisplayName,
            HolderChineseName = string.IsNullOrWhiteSpace(profile?.ChineseName) ? null : profile.ChineseName.Trim(),
            IdentityDocumentType = profile?.DocumentType ?? IdentityDocumentType.Passport,
            IdentityDocumentMasked = IdentityDocuments.Mask(profile?.DocumentNumber),
            Level = level.Code(),
            LevelNameEn = level.Name().En,
            LevelNameZh = level.Name().Zh,
            SeriesEn = settings.SeriesEn,
            SeriesZh = settings.SeriesZh,
            Specialty = application.Specialty ?? "",
            SpecialtyEn = specialty.En,
            SpecialtyZh = specialty.Zh,
            CommitteeEn = committee.En,
            CommitteeZh = committee.Zh,
            ApprovingBodyEn = settings.ApprovingBodyEn,
            ApprovingBodyZh = settings.ApprovingBodyZh,
            ApprovedOn = today,
            QualificationCode = qualification?.Code,
            QualificationEn = qualification?.NameEn,
            QualificationZh = qualification?.NameZh,
            IssuedAt = time.GetUtcNow(),
            IssuedBy = officer,
            Status = CertificateStatus.Valid,
        };
        var fired = unit.Fire(application, ApplicationTrigger.IssueCertificate, actor, officer,
            data: new { number = certificate.Number },
            change: _ => db.Certificates.Add(certificate));
        if (!fired.Succeeded)
        {
            return Result<Certificate>.Failure(fired.Problems);
        }
        if (await ReviewFile.ApplicantRecipientAsync(db, application, ct) is { } to)
        {
            unit.Email(to, new CertificateIssued(certificate.Number, certificate.VerificationCode, level.Name(), options.Value.VerificationUrl(certificate.Number, certificate.VerificationCode)));
        }
        return Result<Certificate>.Success(certificate);
    }

    /// <summary>The register row for a number and its code, or null for an unknown number or a wrong code alike.</summary>
    public async Task<Certificate?> FindAsync(string? number, string? code, CancellationToken ct = default)
    {
        if (CertificateNumber.TryParse(number) is not { } parsed)
        {
            return null;
        }
        var text = parsed.ToString();
        var row = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Number == text, ct);
        // Compare a code even when the number is unknown, so both take the same time.
        var matches = VerificationCode.Matches(row?.VerificationCode ?? "00000-00000", code);
        return row is not null && matches ? row : null;
    }

    /// <summary>
    /// The register row for a number and the holder's full name as on the certificate (either name, any case and
    /// spacing), or null; an alternative to the code for someone holding a paper copy (issue #8).
    /// </summary>
    /// <remarks>
    /// A name is guessable where the 50-bit code is not, and numbers are sequential, so this path confirms a guess
    /// "number N belongs to this person". That is accepted (decision 0025): the issue asks for it; the caller must
    /// already know the number and the whole name, and the answer gives no more than the result publicity notice
    /// already published about the person (masked name, level, specialty, committee; policy.md §5.5, §6) — never the
    /// identity document, contact or verification code; a wrong name answers exactly as an unknown number does; and
    /// the page is rate-limited per client address by the same <c>verification</c> policy as the code.
    /// </remarks>
    public async Task<Certificate?> FindByNameAsync(string? number, string? fullName, CancellationToken ct = default)
    {
        if (CertificateNumber.TryParse(number) is not { } parsed || string.IsNullOrWhiteSpace(fullName) || fullName.Length > 200)
        {
            return null;
        }
        var text = parsed.ToString();
        var row = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Number == text, ct);
        if (row is null)
        {
            return null;
        }
        var given = NameKey(fullName);
        return given == NameKey(row.HolderName) || (row.HolderChineseName is { } zh && given == NameKey(zh)) ? row : null;
    }

    private static string NameKey(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c != '·' && c != '-')).ToUpperInvariant();

    public Task<Certificate?> ByNumberAsync(string number, CancellationToken ct = default) =>
        db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Number == number, ct);

    /// <summary>Records that someone checked a certificate; the holder sees it on their account.</summary>
    public async Task RecordVerificationAsync(Certificate certificate, string method, string? organisation, CancellationToken ct = default)
    {
        var org = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim();
        db.CertificateVerifications.Add(new CertificateVerification
        {
            CertificateId = certificate.Id,
            At = time.GetUtcNow(),
            Method = method,
            Organisation = org is { Length: > 200 } ? org[..200] : org,
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task<CatalogueEntry?> QualificationAsync(Application application, TitleLevel level, CancellationToken ct)
    {
        var content = ApplicationContent.Read(application.Content);
        var snapshot = await catalogue.InForceAsync(ct: ct);
        if (snapshot is null)
        {
            return null;
        }
        var entries = content.Qualifications.Select(q => snapshot.ByCode.GetValueOrDefault(q.Code)).OfType<CatalogueEntry>().ToList();
        // The qualification the level was recognised through: the one the catalogue matches to this level, else the highest.
        return entries.FirstOrDefault(e => e.Level == level) ?? entries.OrderByDescending(e => e.Level).FirstOrDefault();
    }

    /// <summary>The next number of the year: one atomic UPDATE … RETURNING on the counter row, as application references do.</summary>
    private async Task<CertificateNumber> NextNumberAsync(int year, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "CertificateCounters" ("Year", "Next") VALUES ({year}, 1) ON CONFLICT ("Year") DO NOTHING""", ct);
        var numbers = await db.Database.SqlQuery<int>(
            $"""UPDATE "CertificateCounters" SET "Next" = "Next" + 1 WHERE "Year" = {year} RETURNING "Next" - 1 AS "Value" """).ToListAsync(ct);
        var created = CertificateNumber.Create(year, numbers.Single());
        return created.Succeeded ? created.Value : throw new InvalidOperationException(created.Problems[0].Message.En);
    }
}
