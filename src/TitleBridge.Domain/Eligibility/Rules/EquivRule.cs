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

    public static string Describe(long mask)
    {
        var ids = new List<string>();
        for (var i = 0; i < EligibilityRule.All.Count; i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                ids.Add(EligibilityRule.All[i].Id);
            }
        }
        return string.Join(", ", ids);
    }
}
