using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// VALID (policy.md §2): the qualification is valid on the evaluation date: a validity period covers
/// it, or the entry needs no renewal. An expired one supports nothing ("renew it first").
/// </summary>
public sealed class ValidRule : EligibilityRule
{
    public static readonly ValidRule Instance = new();

    private ValidRule()
        : base(bit: 2)
    {
    }

    public override string Id => "VALID";
    public override BilingualText Name { get; } = new("Valid", "资格有效");
    public override string Source => "[published] (\"valid overseas qualifications\")";

    internal RuleCheck Evaluate(string? code, CatalogueEntry? entry, in RenewalChain chain, DateOnly evaluationDate)
    {
        if (entry is null)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.NotInCatalogue);
        }
        if (!chain.Obtained)
        {
            return Check(code, RuleOutcome.NotMet, ReasonCode.ValidNotYetObtained, new(DateA: evaluationDate, DateB: chain.ObtainedOn));
        }
        if (!chain.Covered)
        {
            return Check(code, RuleOutcome.NotMet, ReasonCode.ValidExpired,
                new(DateA: evaluationDate, DateB: chain.LastEndBefore is { } end ? DateOnly.FromDayNumber(end) : default));
        }
        return chain.CoveringEnd == DayInterval.Open
            ? Check(code, RuleOutcome.Met, ReasonCode.ValidNoExpiry, new(DateA: evaluationDate))
            : Check(code, RuleOutcome.Met, ReasonCode.ValidUntil, new(DateA: evaluationDate, DateB: DateOnly.FromDayNumber(chain.CoveringEnd)));
    }
}
