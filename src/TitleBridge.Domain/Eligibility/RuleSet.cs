using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;

namespace TitleBridge.Domain.Eligibility;

/// <summary>The confidence labels of policy.md (top of the file).</summary>
public enum SourceLabel
{
    Published,
    National,
    Precedent,
    Default,
}

/// <summary>
/// A parameter value with where it comes from. <see cref="ConfirmedForGuangzhou"/> is false for
/// [precedent] and [default] values: the UI and API show them as "default, not confirmed for Guangzhou".
/// <see cref="Cites"/> are the keys of the <see cref="PolicySources"/> documents the value comes from
/// (empty: the document its label names).
/// </summary>
public sealed record Sourced<T>(T Value, SourceLabel Label, string Source, bool ConfirmedForGuangzhou, IReadOnlyList<string>? Cites = null);

/// <summary>An exact fraction such as 2/3 (quorum) or 1/2 (part-time work), kept exact to avoid rounding.</summary>
public sealed record Fraction(int Numerator, int Denominator)
{
    public override string ToString() => $"{Numerator}/{Denominator}";
}

/// <summary>How time is counted (rule COUNT).</summary>
public enum CountingConvention
{
    /// <summary>Anniversaries for holding periods, days (N years = N × experienceDaysPerYear) for experience.</summary>
    Days,

    /// <summary><c>guangdong-calendar-year</c>: from 1 January of the year after the start to 31 December of the evaluation year.</summary>
    GuangdongCalendarYear,
}

/// <summary>The highest degree, as policy.md §2 lists them; master's includes a second bachelor's.</summary>
public enum DegreeLevel
{
    Doctorate,
    Master,
    Bachelor,
    Associate,
    Other,
}

public static class DegreeLevels
{
    public static readonly IReadOnlyList<DegreeLevel> All =
        [DegreeLevel.Doctorate, DegreeLevel.Master, DegreeLevel.Bachelor, DegreeLevel.Associate, DegreeLevel.Other];

    /// <summary>The code used in data files and the API: doctorate, master, bachelor, associate, other.</summary>
    public static string Code(this DegreeLevel level) => level switch
    {
        DegreeLevel.Doctorate => "doctorate",
        DegreeLevel.Master => "master",
        DegreeLevel.Bachelor => "bachelor",
        DegreeLevel.Associate => "associate",
        DegreeLevel.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static BilingualText Name(this DegreeLevel level) => level switch
    {
        DegreeLevel.Doctorate => new("doctorate", "博士"),
        DegreeLevel.Master => new("master's (or second bachelor's)", "硕士（或第二学士）"),
        DegreeLevel.Bachelor => new("bachelor's", "学士"),
        DegreeLevel.Associate => new("associate (dazhuan)", "大专"),
        DegreeLevel.Other => new("other", "其他"),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParseCode(string? code, out DegreeLevel level)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }
}

/// <summary>
/// One row of policy.md §3: the thresholds for using a qualification of level <see cref="From"/> to apply
/// for <see cref="To"/> (rule UP). A degree whose <see cref="WorkYearsAfterDegree"/> value is null ("—")
/// cannot use this route.
/// </summary>
public sealed record UpThreshold(
    TitleLevel From,
    TitleLevel To,
    Sourced<int> HoldYears,
    IReadOnlyDictionary<DegreeLevel, Sourced<int>> HoldYearsByDegree,
    IReadOnlyDictionary<DegreeLevel, Sourced<int?>> WorkYearsAfterDegree)
{
    /// <summary>Holding years for a degree: the exception of the row (e.g. doctorate: 2) or the row's value.</summary>
    public int HoldYearsFor(DegreeLevel degree) =>
        HoldYearsByDegree.TryGetValue(degree, out var exception) ? exception.Value : HoldYears.Value;

    /// <summary>Years of relevant experience since the degree; null means the degree cannot use this route.</summary>
    public int? WorkYearsFor(DegreeLevel degree) =>
        WorkYearsAfterDegree.TryGetValue(degree, out var years) ? years.Value : null;
}

/// <summary>The parameters of the eligibility rules (policy.md §2, COUNT).</summary>
public sealed record EligibilityParameters(
    Sourced<int> RenewalGraceDays,
    Sourced<int> MinLocalMonths,
    Sourced<Fraction> PartTimeFactor,
    Sourced<int> ExperienceDaysPerYear,
    Sourced<CountingConvention> CountingConvention);

/// <summary>The parameters of the evaluation procedure (policy.md §5), read by the application workflow.</summary>
public sealed record ProcedureParameters(
    Sourced<int> CorrectionWorkingDays,
    Sourced<int> PrePublicityWorkingDays,
    Sourced<int> ResultPublicityWorkingDays,
    Sourced<Fraction> QuorumFraction,
    Sourced<Fraction> PassFraction,
    Sourced<int> MinCommitteeSize,
    Sourced<int> ReexaminationDays,
    Sourced<int> IntegrityRecordYears,
    Sourced<Fraction> SupervisionSampleFraction);

/// <summary>The parameters of policy.md §6 (personal information).</summary>
public sealed record PersonalDataParameters(Sourced<int> RetentionYears);

/// <summary>
/// A versioned rule set (<c>data/policy/*.json</c>): every number of policy.md §2–5 with its source.
/// Decisions cite <see cref="Id"/> and <see cref="Version"/>.
/// </summary>
public sealed record RuleSet(
    string Id,
    string Version,
    DateOnly EffectiveFrom,
    BilingualText Name,
    string Source,
    EligibilityParameters Eligibility,
    IReadOnlyList<UpThreshold> UpThresholds,
    ProcedureParameters Procedure,
    ReviewParameters Review)
{
    /// <summary>Policy.md §7: rounding and suppression of the open statistics.</summary>
    public required Statistics.DisclosureParameters Statistics { get; init; }

    /// <summary>Policy.md §6: how long submitted files are kept after their decision.</summary>
    public required PersonalDataParameters PersonalData { get; init; }

    /// <summary>The §3 row starting at <paramref name="from"/>, or null at the top of the ladder.</summary>
    public UpThreshold? UpThresholdFrom(TitleLevel from)
    {
        foreach (var row in UpThresholds)
        {
            if (row.From == from)
            {
                return row;
            }
        }
        return null;
    }
}
