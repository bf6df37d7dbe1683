using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Applications;

namespace TitleBridge.Web.Data;

public enum EmployerStatus
{
    PendingApproval,
    Approved,
    Rejected,
}

/// <summary>An employer (用人单位): an organisation whose first account an officer approves.</summary>
public sealed class Employer
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }

    /// <summary>Unified social credit code (统一社会信用代码), validated with its check character.</summary>
    public required string CreditCode { get; set; }

    /// <summary>Guangzhou district code (data/reference/guangzhou-districts.json).</summary>
    public required string District { get; set; }

    public required string ContactName { get; set; }
    public required string ContactEmail { get; set; }
    public string ContactPhone { get; set; } = "";
    public EmployerStatus Status { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>An applicant's profile, reused across years. Identity numbers are shown masked to anyone but the owner and officers.</summary>
public sealed class ApplicantProfile
{
    public required string UserId { get; set; }

    /// <summary>The name exactly as in the passport or travel document.</summary>
    public required string DocumentName { get; set; }

    public string? ChineseName { get; set; }
    public IdentityDocumentType DocumentType { get; set; }
    public required string DocumentNumber { get; set; }

    /// <summary>Issuing country of a passport (ISO 3166 code); empty for Chinese documents.</summary>
    public string? DocumentCountry { get; set; }

    public string Phone { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// An application in an annual cycle. Its parts are one JSON document (<see cref="Content"/>); its life is
/// <see cref="State"/>, changed only through the workflow table (TitleBridge.Domain.Applications).
/// </summary>
public sealed partial class Application
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>GZ-{year}-{sequence}, given at submission.</summary>
    public string? Reference { get; set; }

    public int CycleYear { get; set; }
    public required string ApplicantId { get; set; }
    public Guid? EmployerId { get; set; }
    public ApplicationState State { get; set; } = ApplicationState.Draft;
    public string? TargetLevel { get; set; }
    public string? Specialty { get; set; }

    /// <summary>The parts as the applicant entered them (ApplicationContent as JSON).</summary>
    public string Content { get; set; } = "{}";

    /// <summary>The eligibility engine's whole result at submission (the API's response shape, JSON).</summary>
    public string? Eligibility { get; set; }

    /// <summary>Whether the engine supported the target level at submission; false means the applicant saw and accepted the warning.</summary>
    public bool? SupportedByRules { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DeclarationMadeAt { get; set; }

    // §5.2 employer review and pre-evaluation publicity
    public bool EmploymentConfirmed { get; set; }
    public DateOnly? PrePublicityFrom { get; set; }
    public DateOnly? PrePublicityLastDay { get; set; }
    public string? PublicityObjections { get; set; }
    public string? EmployerDeclineReason { get; set; }

    // §5.3 intake: one correction notice, all items together, with a deadline
    public bool CorrectionRequested { get; set; }
    public string? CorrectionItems { get; set; }
    public DateOnly? CorrectionDueOn { get; set; }
    public string? WithdrawalReason { get; set; }

    /// <summary>Optimistic concurrency: two people acting at once, one wins, the other gets 409.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A document of an application: checked by content, stored outside the web root with its SHA-256.</summary>
public sealed class ApplicationDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ApplicationId { get; set; }

    /// <summary>Which part it supports: qualification, degree, work, achievement, report, identity, other.</summary>
    public required string Part { get; set; }

    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>One step in an application's life, written in the same transaction as the change (who, when, what, before, after).</summary>
public sealed class ApplicationEvent
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Role { get; set; }
    public required string What { get; set; }
    public ApplicationState? FromState { get; set; }
    public ApplicationState? ToState { get; set; }
    public string? Reason { get; set; }
    public string Data { get; set; } = "{}";
}

/// <summary>The next reference sequence number of an evaluation year.</summary>
public sealed class ReferenceCounter
{
    public int Year { get; set; }
    public int Next { get; set; } = 1;
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>The working-day calendar officers maintain (format of data/calendar/cn-public-holidays.json).</summary>
public sealed class CalendarDocument
{
    public int Id { get; set; } = 1;
    public required string Json { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
