using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Certificates;

namespace TitleBridge.Web.Data;

/// <summary>The result and certificate facts of an application (policy.md §5.5–5.7), kept beside its other steps.</summary>
public sealed partial class Application
{
    /// <summary>The result publicity notice the file was published in (the latest, after a re-examination).</summary>
    public Guid? ResultNoticeId { get; set; }

    /// <summary>The day the result was published: re-examination may be asked for until ReexaminationDays after it (§5.7).</summary>
    public DateOnly? ResultPublishedOn { get; set; }

    /// <summary>The last working day of the result publicity (the ResultPublicityWorkingDays-th, §5.5).</summary>
    public DateOnly? ResultPublicityLastDay { get; set; }

    /// <summary>
    /// The last day re-examination may be asked for: ReexaminationDays after the result was published (§5.7),
    /// set when it is published (a failing vote's result is published by the review side, which sets it too).
    /// </summary>
    public DateOnly? ReexaminationDueOn { get; set; }

    /// <summary>When the applicant asked for re-examination (once, §5.7), with their grounds.</summary>
    public DateTimeOffset? ReexaminationRequestedAt { get; set; }

    public string? ReexaminationGrounds { get; set; }

    /// <summary>
    /// The experts who read the file before the re-examination (JSON array of expert ids): a conflict input of
    /// the new review group's assignment (policy.md §5.4 "earlier involvement", §5.7).
    /// </summary>
    public string? EarlierReviewers { get; set; }
}

/// <summary>
/// A certificate in the register (policy.md §5.6). The row is authoritative: the page, the API and the
/// credential check all read it, so a revocation shows everywhere at once. Names and dates are copied at
/// issue, as the certificate states them; later profile edits do not rewrite an issued certificate.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>GZZC-{year}-{sequence}-{check} (CertificateNumber).</summary>
    public required string Number { get; set; }

    public int Year { get; set; }
    public int Sequence { get; set; }

    /// <summary>XXXXX-XXXXX (VerificationCode); shown to the holder and printed on the PDF.</summary>
    public required string VerificationCode { get; set; }

    public Guid ApplicationId { get; set; }
    public required string HolderUserId { get; set; }

    /// <summary>The name as in the identity document (profile's DocumentName).</summary>
    public required string HolderName { get; set; }

    /// <summary>The Chinese name from the profile, when the holder has one.</summary>
    public string? HolderChineseName { get; set; }

    public IdentityDocumentType IdentityDocumentType { get; set; }

    /// <summary>Masked as on anything public (IdentityDocuments.Mask); the full number never leaves the profile.</summary>
    public required string IdentityDocumentMasked { get; set; }

    /// <summary>The catalogue level code (AE, E, SE, PSE) and its names.</summary>
    public required string Level { get; set; }
    public required string LevelNameEn { get; set; }
    public required string LevelNameZh { get; set; }

    public required string SeriesEn { get; set; }
    public required string SeriesZh { get; set; }

    public required string Specialty { get; set; }
    public required string SpecialtyEn { get; set; }
    public required string SpecialtyZh { get; set; }

    public required string CommitteeEn { get; set; }
    public required string CommitteeZh { get; set; }

    public required string ApprovingBodyEn { get; set; }
    public required string ApprovingBodyZh { get; set; }

    /// <summary>The day the bureau confirmed the result (审核确认, §5.6).</summary>
    public DateOnly ApprovedOn { get; set; }

    /// <summary>The catalogue qualification the title was recognised through, with its names at issue.</summary>
    public string? QualificationCode { get; set; }
    public string? QualificationEn { get; set; }
    public string? QualificationZh { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
    public required string IssuedBy { get; set; }

    public CertificateStatus Status { get; set; }
    public DateOnly? RevokedOn { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevocationReason { get; set; }

    /// <summary>What the revocation rests on (the officer's description of the evidence and where it is filed).</summary>
    public string? RevocationEvidence { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>The next certificate sequence number of an evaluation year.</summary>
public sealed class CertificateCounter
{
    public int Year { get; set; }
    public int Next { get; set; } = 1;
}

/// <summary>One check of a certificate by someone (page, API or credential), shown to the holder.</summary>
public sealed class CertificateVerification
{
    public long Id { get; set; }
    public Guid CertificateId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>code, name or credential.</summary>
    public required string Method { get; set; }

    /// <summary>The organisation the verifier named, if they gave one.</summary>
    public string? Organisation { get; set; }
}

/// <summary>A result publicity notice (评后公示, policy.md §5.5): the files of one committee, for a period of working days.</summary>
public sealed class ResultNotice
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int CycleYear { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly LastDay { get; set; }
    public required string CommitteeEn { get; set; }
    public required string CommitteeZh { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
}

public enum ObjectionStatus
{
    Open,
    Upheld,
    Dismissed,
}

/// <summary>An objection to a published result (§5.5): from anyone, with a name and contact so the office can follow up.</summary>
public sealed class ResultObjection
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid NoticeId { get; set; }
    public Guid ApplicationId { get; set; }
    public required string ObjectorName { get; set; }
    public required string Contact { get; set; }
    public required string Grounds { get; set; }
    public string? AttachmentName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? AttachmentKey { get; set; }
    public string? AttachmentSha256 { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public ObjectionStatus Status { get; set; }
    public string? Findings { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>
/// An integrity record (职称评审诚信档案, §5.7): kept against the identity document — type and number, never the
/// nationality — from the revocation for IntegrityRecordYears; while it runs, that document cannot apply.
/// </summary>
public sealed class IntegrityRecord
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public IdentityDocumentType DocumentType { get; set; }
    public required string DocumentNumber { get; set; }
    public DateOnly From { get; set; }

    /// <summary>The last day of the record: applications are refused up to and including it.</summary>
    public DateOnly Until { get; set; }

    public required string Reason { get; set; }
    public Guid? CertificateId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A supervision sample (§5.8): drawn reproducibly from a seed over the decided files of a year, and recorded.</summary>
public sealed class SupervisionSample
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int CycleYear { get; set; }
    public int Seed { get; set; }
    public int Population { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public required string DrawnBy { get; set; }
}

/// <summary>One sampled file, its second look by an officer who did not handle it, and the outcome.</summary>
public sealed class SupervisionItem
{
    public long Id { get; set; }
    public Guid SampleId { get; set; }
    public Guid ApplicationId { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>confirmed or concerns.</summary>
    public string? Outcome { get; set; }

    public string? Notes { get; set; }
}

/// <summary>A key the bureau signs credentials with, its private half protected by the data-protection key ring.</summary>
public sealed class CredentialSigningKey
{
    /// <summary>The JWS <c>kid</c>.</summary>
    public required string KeyId { get; set; }

    /// <summary>The PKCS#8 private key, protected with IDataProtector (never stored in the clear).</summary>
    public required string ProtectedPrivateKey { get; set; }

    /// <summary>The public key as a JWK (JSON), published at /.well-known/jwks.json.</summary>
    public required string PublicJwk { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when a newer key takes over signing; the key stays published so earlier credentials still verify.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
