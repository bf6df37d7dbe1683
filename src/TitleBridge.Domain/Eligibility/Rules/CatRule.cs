using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>CAT (policy.md §2): the qualification is an entry of the catalogue edition in force on the evaluation date.</summary>
public sealed class CatRule : EligibilityRule
{
    public static readonly CatRule Instance = new();

    private CatRule()
        : base(bit: 1)
    {
    }

    public override string Id => "CAT";
    public override BilingualText Name { get; } = new("In the catalogue", "列入目录");
    public override string Source => "[published] Guangzhou 2025 Catalogue";

    /// <summary>An unknown code is an answer (not met), never an exception.</summary>
    internal RuleCheck Evaluate(string? code, CatalogueEntry? entry) =>
        entry is null
            ? Check(code, RuleOutcome.NotMet, ReasonCode.CatNotInCatalogue, new(Text: code))
            : Check(code, RuleOutcome.Met, ReasonCode.CatInCatalogue, new(LevelA: entry.Level, Text: code));
}
