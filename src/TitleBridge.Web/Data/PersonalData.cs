namespace TitleBridge.Web.Data;

/// <summary>A version of the privacy notice (policy.md §6): published once, never changed; the one in force is the latest that has started.</summary>
public sealed class PrivacyNoticeRecord
{
    public required string Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public required string TextEn { get; set; }
    public required string TextZh { get; set; }
    public required string PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>A person consented to a version of the privacy notice (PIPL Art. 14): when, and on which occasion.</summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string NoticeVersion { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>registration, or sign-in (a changed notice asked again).</summary>
    public required string Occasion { get; set; }
}

public enum DataRequestKind
{
    /// <summary>PIPL Art. 46: correct the profile while a file is under evaluation.</summary>
    Correction,

    /// <summary>PIPL Art. 47: delete the account.</summary>
    Deletion,
}

public enum DataRequestStatus
{
    /// <summary>Waiting for the office.</summary>
    Open,

    /// <summary>Done as asked.</summary>
    Fulfilled,

    /// <summary>Refused, with the reason (PIPL Art. 50) — for deletion, the retention reason and date.</summary>
    Refused,
}

/// <summary>
/// A request about one's personal information and its answer (PIPL Art. 50: every request is answered, a refusal
/// gives its reason). Kept for the person and administrators. When an account is deleted its requests stay,
/// with <see cref="UserId"/> cleared so that they no longer point at anyone.
/// </summary>
public sealed class DataRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string? UserId { get; set; }
    public DataRequestKind Kind { get; set; }
    public DataRequestStatus Status { get; set; }

    /// <summary>What the person asked, in their words (corrections); at most <see cref="MaxDetailsLength"/> characters.</summary>
    public string Details { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnswerEn { get; set; }
    public string? AnswerZh { get; set; }

    /// <summary>For a refused deletion: the day the files are due to be anonymised.</summary>
    public DateOnly? RetainedUntil { get; set; }

    public const int MaxDetailsLength = 2000;
}

/// <summary>
/// A file anonymised by the retention sweep (policy.md §6): one row per application, its key the application's, so a
/// second sweep racing the first cannot insert it again and rolls back (exactly once).
/// </summary>
public sealed class AnonymisedFile
{
    public Guid ApplicationId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The day of the final decision the retention ran from.</summary>
    public DateOnly DecidedOn { get; set; }

    public int RetentionYears { get; set; }
}
