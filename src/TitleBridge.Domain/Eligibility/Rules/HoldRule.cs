using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// The renewal chain of a qualification on the evaluation date (rule HOLD): where the holding period
/// starts, and whether a validity period covers the date (rule VALID).
/// </summary>
internal readonly record struct RenewalChain(
    DateOnly ObtainedOn,
    bool Obtained,
    bool Covered,
    DateOnly ChainStart,
    int CoveringEnd,
    int? LastEndBefore);

/// <summary>
/// HOLD (policy.md §2): renewal periods accumulate with the original validity. The holding period runs
/// from the date first obtained through each renewal that starts no later than the day after the
/// previous period's last day plus <c>renewalGraceDays</c>; a later start is a gap, and the holding period
/// restarts at the first period after the gap. Its length is compared with §3 <c>holdYears</c> for rule UP.
/// </summary>
public sealed class HoldRule : EligibilityRule
{
    public static readonly HoldRule Instance = new();

    private HoldRule()
        : base(bit: 3)
    {
    }

    public override string Id => "HOLD";
    public override BilingualText Name { get; } = new("Holding period", "持证年限");
    public override string Source => "[published] (accumulation); grace [default]";

    /// <summary>Most people list a handful of renewals; beyond this the periods go to the heap.</summary>
    private const int StackPeriods = 32;

    internal static RenewalChain Chain(QualificationHeld qualification, CatalogueEntry? entry, DateOnly evaluationDate, int renewalGraceDays)
    {
        var obtainedOn = qualification.ObtainedOn ?? throw new ArgumentException("obtainedOn is required; validate the request first.", nameof(qualification));
        if (obtainedOn > evaluationDate)
        {
            return new RenewalChain(obtainedOn, false, false, obtainedOn, 0, null);
        }

        var given = qualification.ValidityPeriods;
        var count = given is { Count: > 0 } ? given.Count : 1;
        Span<DayInterval> periods = count <= StackPeriods ? stackalloc DayInterval[count] : new DayInterval[count];
        if (given is { Count: > 0 })
        {
            for (var i = 0; i < count; i++)
            {
                var from = given[i].From ?? throw new ArgumentException("validityPeriods[].from is required; validate the request first.", nameof(qualification));
                periods[i] = new DayInterval(from.DayNumber, given[i].To?.DayNumber ?? DayInterval.Open);
            }
            periods.Sort(DayInterval.Compare);
        }
        else if (entry?.ValidityYears is { } years)
        {
            // No periods given: the catalogue's validity from the date obtained, both end dates included.
            periods[0] = new DayInterval(obtainedOn.DayNumber, Anniversary.After(obtainedOn, years).DayNumber - 1);
        }
        else
        {
            periods[0] = new DayInterval(obtainedOn.DayNumber, DayInterval.Open);
        }

        var day = evaluationDate.DayNumber;
        var chainStart = obtainedOn.DayNumber;
        var chainEnd = periods[0].End;
        var covered = false;
        var coveringEnd = 0;
        var coveringChainStart = chainStart;
        int? lastEndBefore = null;
        for (var i = 0; i < periods.Length && periods[i].Start <= day; i++)
        {
            var period = periods[i];
            if (i > 0 && period.Start > chainEnd + 1 + renewalGraceDays)
            {
                chainStart = period.Start;
                chainEnd = period.End;
            }
            else
            {
                chainEnd = Math.Max(chainEnd, period.End);
            }
            if (period.End >= day)
            {
                covered = true;
                coveringEnd = Math.Max(coveringEnd, period.End);
                coveringChainStart = chainStart;
            }
            else
            {
                lastEndBefore = Math.Max(lastEndBefore ?? period.End, period.End);
            }
        }
        return new RenewalChain(obtainedOn, true, covered, DateOnly.FromDayNumber(coveringChainStart), coveringEnd, lastEndBefore);
    }

    /// <summary>
    /// The holding condition for the level one up; the qualification is assumed to be kept valid up to
    /// the counting date (policy.md §4).
    /// </summary>
    internal RuleCheck Evaluate(string? code, CatalogueEntry? entry, bool upRoute, in RenewalChain chain, int holdYears,
        DateOnly countingDate, CountingConvention convention, out TimeCondition time)
    {
        time = TimeCondition.Never;
        if (entry is null)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.NotInCatalogue);
        }
        if (!upRoute)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.HoldNotOneUp);
        }
        if (!chain.Covered)
        {
            return Check(code, RuleOutcome.NotMet, ReasonCode.HoldNotValid);
        }
        var completeOn = YearsCompleteOn(chain.ChainStart, holdYears, convention);
        var arguments = new ReasonArguments(DateA: chain.ChainStart, DateB: completeOn, NumberA: holdYears);
        if (completeOn <= countingDate)
        {
            time = TimeCondition.Satisfied;
            return Check(code, RuleOutcome.Met, ReasonCode.HoldMet, arguments);
        }
        time = new TimeCondition(false, CountRule.FirstEvaluationDay(completeOn, convention));
        return Check(code, RuleOutcome.NotMet, ReasonCode.HoldNotYet, arguments);
    }

    /// <summary>
    /// COUNT: N years are complete on the N-th anniversary of the start; under the calendar-year
    /// convention on 31 December of the N-th year after the start's year (counting from 1 January of the
    /// year after the start).
    /// </summary>
    internal static DateOnly YearsCompleteOn(DateOnly start, int years, CountingConvention convention) =>
        convention == CountingConvention.GuangdongCalendarYear
            ? new DateOnly(start.Year + years, 12, 31)
            : Anniversary.After(start, years);
}
