using Microsoft.AspNetCore.Identity;

namespace TitleBridge.Web.Data;

/// <summary>A person who signs in: for now bureau officers and administrators (roles Officer, Admin).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The UI culture the user last chose ("zh-Hans" or "en"); emails follow it.</summary>
    public string PreferredCulture { get; set; } = "zh-Hans";

    /// <summary>For employer accounts: the organisation the account acts for.</summary>
    public Guid? EmployerId { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Officer = "Officer";
    public const string Applicant = "Applicant";
    public const string Employer = "Employer";
    public const string Expert = "Expert";
    public static readonly IReadOnlyList<string> All = [Admin, Officer, Applicant, Employer, Expert];
}

public enum EditionStatus
{
    Draft,
    Published,
}

/// <summary>A catalogue edition as stored: its announced metadata, declared totals and publication state.</summary>
public sealed class CatalogueEditionRecord
{
    public required string Id { get; set; }
    public required string NameEn { get; set; }
    public required string NameZh { get; set; }
    public required string IssuerEn { get; set; }
    public required string IssuerZh { get; set; }
    public DateOnly AnnouncedOn { get; set; }

    /// <summary>First day in force; set when published.</summary>
    public DateOnly? EffectiveFrom { get; set; }

    /// <summary>Last day in force; set when a later edition is published.</summary>
    public DateOnly? EffectiveTo { get; set; }

    public EditionStatus Status { get; set; }
    public Domain.Catalogue.DataStatus DataStatus { get; set; }
    public string DataNoteEn { get; set; } = "";
    public string DataNoteZh { get; set; } = "";
    public int DeclaredTotal { get; set; }
    public Dictionary<string, int> DeclaredByLevel { get; set; } = [];
    public Dictionary<string, int> DeclaredBySector { get; set; } = [];

    /// <summary>Why an officer published although the imported counts differ from the declared totals.</summary>
    public string? TotalsOverrideReason { get; set; }

    public string? PublishedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
    public string SourceFile { get; set; } = "";

    /// <summary>Optimistic concurrency: two officers acting at once, one wins.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<CatalogueEntryRecord> Entries { get; set; } = [];
}

/// <summary>One row of a catalogue edition, every column of the catalogue table.</summary>
public sealed class CatalogueEntryRecord
{
    public int Id { get; set; }
    public required string EditionId { get; set; }
    public required string Code { get; set; }
    public required string Sector { get; set; }
    public required string Level { get; set; }
    public required string NameEn { get; set; }
    public required string NameZh { get; set; }
    public string Abbreviation { get; set; } = "";
    public required string IssuerEn { get; set; }
    public required string IssuerZh { get; set; }
    public required string CountryRegion { get; set; }
    public required string Specialty { get; set; }
    public List<string> Aliases { get; set; } = [];
    public required string Basis { get; set; }
    public string Notes { get; set; } = "";

    /// <summary>The notes in Chinese (<c>notes_zh</c>); empty when the imported table had English notes only.</summary>
    public string NotesZh { get; set; } = "";
    public int? ValidityYears { get; set; }
}

/// <summary>
/// What happened, who did it, when and why: one row per change, written in the same transaction as
/// the change. Each row carries the hash of the previous one so tampering shows (DESIGN.md).
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Type { get; set; }
    public required string Subject { get; set; }
    public string? Reason { get; set; }
    public string Data { get; set; } = "{}";

    /// <summary>Position in the sealed chain; null until the sealer has chained it (Infrastructure/AuditChain.cs).</summary>
    public long? Sequence { get; set; }

    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 over the previous hash and this event's content: changing or deleting a sealed event breaks the chain.</summary>
    public string? Hash { get; set; }
}

/// <summary>A rule-set version an officer loaded (policy.md: every number is a parameter of a versioned rule set).</summary>
public sealed class RuleSetRecord
{
    public long Id { get; set; }
    public required string RuleSetId { get; set; }
    public required string Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The rule-set document exactly as loaded, in the format of data/policy/*.json.</summary>
    public required string Json { get; set; }

    public required string LoadedBy { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}
