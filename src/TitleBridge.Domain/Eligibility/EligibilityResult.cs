using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>The four answers of policy.md §4 for one level.</summary>
public enum EligibilityStatus
{
    Eligible,

    /// <summary>Only time-based conditions are missing; see <see cref="LevelEligibility.EligibleFrom"/>.</summary>
    EligibleFrom,

    AlreadyHeld,
    NotEligible,
}

/// <summary>How a qualification supports a level: its own level (rule EQUIV) or one above (rule UP).</summary>
public enum EligibilityRoute
{
    Equivalent,
    OneUp,
}

public enum RuleOutcome : byte
{
    Met,
    NotMet,
    NotApplicable,
}

/// <summary>The codes the API and data use for the enumerations of a result.</summary>
public static class EligibilityCodes
{
    public static string Code(this EligibilityStatus status) => status switch
    {
        EligibilityStatus.Eligible => "eligible",
        EligibilityStatus.EligibleFrom => "eligibleFrom",
        EligibilityStatus.AlreadyHeld => "alreadyHeld",
        EligibilityStatus.NotEligible => "notEligible",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Code(this EligibilityRoute route) => route switch
    {
        EligibilityRoute.Equivalent => "equivalent",
        EligibilityRoute.OneUp => "oneUp",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    public static string Code(this RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Met => "met",
        RuleOutcome.NotMet => "notMet",
        RuleOutcome.NotApplicable => "notApplicable",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}

/// <summary>
/// The answer for one level (policy.md §4). <see cref="EligibleFrom"/> and
/// <see cref="EligibleFromEvaluationYear"/> are set only for <see cref="EligibilityStatus.EligibleFrom"/>;
/// <see cref="SupportingQualification"/> and <see cref="Route"/> for eligible and eligible-from.
/// </summary>
public sealed record LevelEligibility(
    TitleLevel Level,
    EligibilityStatus Status,
    DateOnly? EligibleFrom,
    int? EligibleFromEvaluationYear,
    string? SupportingQualification,
    EligibilityRoute? Route,
    IReadOnlyList<RuleCheck> Trace);

/// <summary>
/// The evaluation of one person: the four levels lowest first (AE, E, SE, PSE). Ordering best first is
/// the UI's concern. It is advice: the policy grants no title automatically (policy.md §4).
/// </summary>
public sealed record EligibilityResult(
    string RuleSetId,
    string RuleSetVersion,
    DateOnly EvaluationDate,
    DateOnly CountingDate,
    CountingConvention CountingConvention,
    IReadOnlyList<LevelEligibility> Levels)
{
    public LevelEligibility For(TitleLevel level) => Levels[(int)level - (int)TitleLevel.AssistantEngineer];
}

/// <summary>
/// One line of the trace: a rule, for one qualification (null for rules about the person, like HELD),
/// its outcome and why. The reason is composed only when read, so an evaluation stays cheap when the
/// caller needs only the statuses.
/// </summary>
public readonly struct RuleCheck
{
    internal RuleCheck(EligibilityRule rule, string? qualificationCode, RuleOutcome outcome, ReasonCode reason, in ReasonArguments arguments)
    {
        Rule = rule;
        QualificationCode = qualificationCode;
        Outcome = outcome;
        ReasonCode = reason;
        Arguments = arguments;
    }

    public EligibilityRule Rule { get; }
    public string RuleId => Rule.Id;

    /// <summary>The rule's source with its confidence label (policy.md §2); parameters carry theirs in the rule set.</summary>
    public string Source => Rule.Source;
    public string? QualificationCode { get; }
    public RuleOutcome Outcome { get; }

    /// <summary>Stable code of the reason, for programs and tests.</summary>
    public ReasonCode ReasonCode { get; }

    internal ReasonArguments Arguments { get; }

    /// <summary>One sentence in Chinese and English.</summary>
    public BilingualText Reason => Reasons.Compose(this);

    public override string ToString() => $"{RuleId} {QualificationCode} {Outcome.Code()}: {Reason.En}";
}

/// <summary>The values a reason sentence mentions.</summary>
internal readonly record struct ReasonArguments(
    DateOnly DateA = default,
    DateOnly DateB = default,
    DateOnly DateC = default,
    int NumberA = 0,
    int NumberB = 0,
    int NumberC = 0,
    TitleLevel LevelA = default,
    TitleLevel LevelB = default,
    string? Text = null,
    int Scale = 1);
