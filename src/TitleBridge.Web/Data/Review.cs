namespace TitleBridge.Web.Data;

// Expert review (policy.md §5.4): the pool, committees, conflicts, review groups, opinions and the
// plenary's anonymous ballot. Anonymity is by construction (docs/decisions/0020-anonymous-ballot.md):
// BallotVoter says only that an expert has voted; Ballot holds only counts.

/// <summary>An expert of the pool (评审专家库). Ended terms make an expert unavailable; experts are never deleted.</summary>
public sealed class Expert
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The expert's sign-in account (role Expert).</summary>
    public required string UserId { get; set; }

    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string Email { get; set; }

    /// <summary>The senior title held: SE or PSE (policy.md §5.4).</summary>
    public required string TitleHeld { get; set; }

    public required string EmployerName { get; set; }

    /// <summary>Unified social credit code of a Chinese employer; null for others.</summary>
    public string? EmployerCreditCode { get; set; }

    /// <summary>Catalogue specialty keys.</summary>
    public List<string> Specialties { get; set; } = [];

    public DateOnly TermFrom { get; set; }
    public DateOnly TermTo { get; set; }
    public string PreferredCulture { get; set; } = "zh-Hans";
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsAvailableOn(DateOnly date) => TermFrom <= date && date <= TermTo;
}

/// <summary>A committee (评审委员会) of a cycle and level band, organised by series or by one specialty group.</summary>
public sealed class Committee
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int CycleYear { get; set; }

    /// <summary>LevelBand code: senior or intermediate-junior.</summary>
    public required string Band { get; set; }

    /// <summary>by-series or by-specialty.</summary>
    public required string Organisation { get; set; }

    /// <summary>For a committee by specialty: the specialty group it decides.</summary>
    public string? SpecialtyGroup { get; set; }

    public required string NameZh { get; set; }
    public required string NameEn { get; set; }

    /// <summary>The seed of the member draw, so the draw replays (policy.md §5.4).</summary>
    public long DrawSeed { get; set; }

    /// <summary>The draw's input (pool ids, size, fixed members, specialties) as JSON, to replay it.</summary>
    public string DrawInput { get; set; } = "{}";

    /// <summary>The review-group proposal or confirmed assignment: input, solver, objective and groups (JSON), or null.</summary>
    public string? Assignment { get; set; }

    public bool AssignmentConfirmed { get; set; }
    public DateOnly? ReviewDueOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public static class CommitteeRoles
{
    public const string Chair = "chair";
    public const string ViceChair = "vice-chair";
    public const string Member = "member";
}

/// <summary>A seat on a committee. A replaced member stays as a row with the reason; only active rows count.</summary>
public sealed class CommitteeMember
{
    public long Id { get; set; }
    public Guid CommitteeId { get; set; }
    public Guid ExpertId { get; set; }
    public required string Role { get; set; }
    public bool Active { get; set; } = true;
    public string? ReplacedReason { get; set; }
    public Guid? ReplacedBy { get; set; }
}

/// <summary>A conflict recorded by a person (declared, added or lifted by an officer) between an expert and a file.</summary>
public sealed class ConflictRecord
{
    public long Id { get; set; }
    public Guid ExpertId { get; set; }
    public Guid ApplicationId { get; set; }

    /// <summary>Domain.Review.ConflictKind.</summary>
    public required string Kind { get; set; }

    public bool Lifted { get; set; }

    /// <summary>For a declaration: Domain.Review.DeclaredRelationship.</summary>
    public string? Relationship { get; set; }

    public required string Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One expert of one file's review group (评议组), written when the officer confirms the assignment.</summary>
public sealed class ReviewAssignment
{
    public long Id { get; set; }
    public Guid CommitteeId { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ExpertId { get; set; }

    /// <summary>same-key or same-group.</summary>
    public required string Match { get; set; }

    public DateOnly DueOn { get; set; }
}

/// <summary>An expert's structured opinion on one file: scores on the rule set's criteria, a text and a recommendation.</summary>
public sealed class ReviewOpinion
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ExpertId { get; set; }

    /// <summary>Criterion key → score (JSON object).</summary>
    public string Scores { get; set; } = "{}";

    public string Text { get; set; } = "";

    /// <summary>zh-Hans or en: the language the opinion is written in.</summary>
    public string Language { get; set; } = "zh-Hans";

    public bool? Recommend { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
}

public enum MeetingStatus
{
    Scheduled,
    Closed,
}

/// <summary>A plenary meeting (评审会议) of a committee on a date, with an agenda of files and the attendance.</summary>
public sealed class Meeting
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CommitteeId { get; set; }
    public DateOnly Date { get; set; }
    public MeetingStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? AttendanceRecordedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A committee member recorded present at a meeting.</summary>
public sealed class MeetingAttendance
{
    public Guid MeetingId { get; set; }
    public Guid ExpertId { get; set; }
}

public enum BallotStatus
{
    Pending,
    Open,
    Closed,
}

/// <summary>
/// The anonymous ballot on one agenda file: only counts, incremented in the transaction that records
/// that an expert has voted (<see cref="BallotVoter"/>), hidden until closed. No column names a voter.
/// </summary>
public sealed class Ballot
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid MeetingId { get; set; }
    public Guid ApplicationId { get; set; }
    public BallotStatus Status { get; set; }

    /// <summary>Members present for this file when the ballot opened: present at the meeting less those recused.</summary>
    public int PresentForItem { get; set; }

    public int Yes { get; set; }
    public int No { get; set; }
    public int Abstain { get; set; }
    public bool? Passed { get; set; }

    /// <summary>The tally's reason in English and Chinese, once closed.</summary>
    public string? OutcomeEn { get; set; }

    public string? OutcomeZh { get; set; }
}

/// <summary>That an expert has voted on a ballot — to refuse a second vote — and nothing else: no choice, no time, no order.</summary>
public sealed class BallotVoter
{
    public Guid BallotId { get; set; }
    public Guid ExpertId { get; set; }
}

/// <summary>A document an expert downloaded from an assigned file (policy.md §5.4: every download logged).</summary>
public sealed class ReviewDocumentDownload
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid DocumentId { get; set; }
    public Guid ExpertId { get; set; }
    public DateTimeOffset At { get; set; }
}
