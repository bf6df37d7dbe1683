using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>EQUIV (policy.md §2): a person meeting CAT, VALID and LOCAL may apply for the entry's own level.</summary>
public sealed class EquivRule : EligibilityRule
{
    public static readonly EquivRule Instance = new();

    private EquivRule()
        : base(bit: 6)
    {
    }

    public override string Id => "EQUIV";
    public override BilingualText Name { get; } = new("Equivalent level", "对应级别");
    public override string Source => "[published]";

    internal RuleCheck Evaluate(string? code, CatalogueEntry? entry, TitleLevel level, in RuleCheck valid, in RuleCheck local, TimeCondition localTime)
    {
        if (entry is null)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.NotInCatalogue);
        }
        if (entry.Level != level)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.EquivOtherLevel, new(LevelA: entry.Level, LevelB: level));
        }
        var missing = RuleMask.Of(valid) | RuleMask.Of(local);
        if (missing == 0)
        {
            return Check(code, RuleOutcome.Met, ReasonCode.EquivMet, new(LevelA: entry.Level));
        }
        return localTime.OnlyTimeMissing && valid.Outcome == RuleOutcome.Met
            ? Check(code, RuleOutcome.NotMet, ReasonCode.EquivOnlyTime, new(LevelA: entry.Level, DateA: localTime.From!.Value))
            : Check(code, RuleOutcome.NotMet, ReasonCode.EquivNotMet, new(LevelA: entry.Level, NumberA: missing));
    }
}

/// <summary>A set of rule ids as bits, so a reason can list unmet rules without building a string.</summary>
internal static class RuleMask
{
    public static int Of(in RuleCheck check) =>
        check.Outcome == RuleOutcome.NotMet ? 1 << check.Rule.Bit : 0;

    /// <summary>The unmet rules by name, in both languages ("Holding period and relevant experience").</summary>
    public static BilingualText Names(long mask)
    {
        var names = EligibilityRule.All.Where(r => (mask & (1L << r.Bit)) != 0).Select(r => r.Name).ToList();
        var en = names.Select((n, i) => i == 0 ? n.En : char.ToLowerInvariant(n.En[0]) + n.En[1..]).ToList();
        return new(en.Count <= 1 ? string.Join("", en) : string.Join(", ", en[..^1]) + " and " + en[^1], string.Join("、", names.Select(n => n.Zh)));
    }
}
