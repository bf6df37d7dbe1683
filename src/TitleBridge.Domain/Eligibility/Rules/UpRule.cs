using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// UP (policy.md §2–3): the qualification may serve, with enough years, to apply for one level above its
/// own, never two: CAT, VALID and LOCAL, plus §3 <c>holdYears</c> (rule HOLD) and
/// <c>workYearsAfterDegree</c> (rule EXP).
/// </summary>
public sealed class UpRule : EligibilityRule
{
    public static readonly UpRule Instance = new();

    private UpRule()
        : base(bit: 7)
    {
    }

    public override string Id => "UP";
    public override BilingualText Name { get; } = new("One level up", "高一级申报");
    public override string Source => "[published] (tiered application); thresholds [precedent]/[national]";

    internal RuleCheck Evaluate(string? code, CatalogueEntry? entry, TitleLevel level, bool hasThreshold,
        in RuleCheck valid, in RuleCheck local, in RuleCheck hold, in RuleCheck experience,
        TimeCondition localTime, TimeCondition holdTime, TimeCondition experienceTime, out DateOnly? eligibleFrom)
    {
        eligibleFrom = null;
        if (entry is null)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.NotInCatalogue);
        }
        var levels = new ReasonArguments(LevelA: entry.Level, LevelB: level);
        if (level <= entry.Level)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.UpNotAbove, levels);
        }
        if (level > entry.Level + 1)
        {
            return Check(code, RuleOutcome.NotMet, ReasonCode.UpTwoOrMore, levels);
        }
        if (!hasThreshold)
        {
            return Check(code, RuleOutcome.NotMet, ReasonCode.UpNoThreshold, levels);
        }
        var missing = RuleMask.Of(valid) | RuleMask.Of(local) | RuleMask.Of(hold) | RuleMask.Of(experience);
        if (missing == 0)
        {
            return Check(code, RuleOutcome.Met, ReasonCode.UpMet, levels);
        }
        // Only time is missing when every unmet condition is a time condition that will be reached.
        var onlyTime = valid.Outcome == RuleOutcome.Met
            && (localTime.Met || localTime.OnlyTimeMissing)
            && (holdTime.Met || holdTime.OnlyTimeMissing)
            && (experienceTime.Met || experienceTime.OnlyTimeMissing);
        if (onlyTime)
        {
            var from = Latest(Latest(localTime.From, holdTime.From), experienceTime.From)!.Value;
            eligibleFrom = from;
            return Check(code, RuleOutcome.NotMet, ReasonCode.UpOnlyTime, levels with { DateA = from, NumberA = missing });
        }
        return Check(code, RuleOutcome.NotMet, ReasonCode.UpNotMet, levels with { NumberA = missing });
    }

    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
