using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>HELD (policy.md §2): a level at or below a Chinese title already held is reported as "already held", not as eligible.</summary>
public sealed class HeldRule : EligibilityRule
{
    public static readonly HeldRule Instance = new();

    private HeldRule()
        : base(bit: 0)
    {
    }

    public override string Id => "HELD";
    public override BilingualText Name { get; } = new("Title already held", "已取得职称");
    public override string Source => "[default]";

    /// <summary>The highest title held on the evaluation date, or null.</summary>
    internal static (TitleLevel Level, DateOnly ObtainedOn)? Highest(IReadOnlyList<TitleHeld>? titles, DateOnly evaluationDate)
    {
        (TitleLevel Level, DateOnly ObtainedOn)? highest = null;
        if (titles is null)
        {
            return null;
        }
        foreach (var title in titles)
        {
            if (title.ObtainedOn is { } on && on <= evaluationDate && TitleLevels.TryParseCode(title.Level, out var level)
                && (highest is null || level > highest.Value.Level))
            {
                highest = (level, on);
            }
        }
        return highest;
    }

    /// <summary>When no title at or above the level is held the rule does not apply (issue #11: it is not a failure).</summary>
    internal RuleCheck Evaluate(TitleLevel level, (TitleLevel Level, DateOnly ObtainedOn)? highest) =>
        highest is { } held && held.Level >= level
            ? Check(null, RuleOutcome.Met, ReasonCode.HeldMet, new(LevelA: held.Level, LevelB: level, DateA: held.ObtainedOn))
            : Check(null, RuleOutcome.NotApplicable, ReasonCode.HeldNone, new(LevelB: level));
}
