using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// A rule of policy.md §2 with its stable id and source. Each rule is one class in
/// <c>Eligibility/Rules</c>; the evaluator calls them all for every qualification and level.
/// </summary>
public abstract class EligibilityRule
{
    private protected EligibilityRule(int bit)
    {
        Bit = bit;
    }

    /// <summary>The rule's position in <see cref="All"/>: its bit in a set of unmet rules.</summary>
    internal int Bit { get; }

    /// <summary>Stable id cited by every decision: CAT, VALID, HOLD, LOCAL, EXP, EQUIV, UP, HELD, COUNT.</summary>
    public abstract string Id { get; }

    public abstract BilingualText Name { get; }

    /// <summary>The source column of policy.md §2, with its confidence label.</summary>
    public abstract string Source { get; }

    /// <summary>The documents of <see cref="Source"/>, as pages and the API cite them (policy.md §2's source column).</summary>
    public IReadOnlyList<SourceDocument> Cites => Id switch
    {
        "CAT" or "VALID" or "EQUIV" => [PolicySources.Published],
        "HOLD" or "LOCAL" or "EXP" => [PolicySources.Published, PolicySources.Default],
        "UP" => [PolicySources.Published, PolicySources.National16, PolicySources.Shenzhen2022, PolicySources.ShanghaiList, PolicySources.ShenzhenHongKongMacaoTaiwan],
        "COUNT" => [PolicySources.GuangdongPractice, PolicySources.Default],
        _ => [PolicySources.Default],
    };

    /// <summary>Every rule, in the order the trace lists them for a qualification (HELD first, for the person).</summary>
    public static IReadOnlyList<EligibilityRule> All { get; } =
    [
        HeldRule.Instance, CatRule.Instance, ValidRule.Instance, HoldRule.Instance, LocalRule.Instance,
        ExpRule.Instance, EquivRule.Instance, UpRule.Instance, CountRule.Instance,
    ];

    public override string ToString() => Id;

    internal RuleCheck Check(string? qualification, RuleOutcome outcome, ReasonCode reason, in ReasonArguments arguments = default) =>
        new(this, qualification, outcome, reason, arguments);
}

/// <summary>
/// A time-based condition (holding period, experience, months in Guangzhou): met on the counting date,
/// or not yet with the first day it will be (<see cref="From"/>), or never by time alone.
/// </summary>
internal readonly record struct TimeCondition(bool Met, DateOnly? From)
{
    public static readonly TimeCondition Satisfied = new(true, null);
    public static readonly TimeCondition Never = new(false, null);

    public bool OnlyTimeMissing => !Met && From is not null;
}
