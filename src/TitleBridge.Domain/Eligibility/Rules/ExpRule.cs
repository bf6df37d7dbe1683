using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// EXP (policy.md §2): relevant experience is the union of work periods in the same or a similar
/// specialty, overseas and domestic alike (overlaps counted once; part-time counts
/// <c>partTimeFactor</c>), from the highest degree's award date up to the counting date. Compared with
/// §3 <c>workYearsAfterDegree</c> × <c>experienceDaysPerYear</c> for rule UP.
/// </summary>
public sealed class ExpRule : EligibilityRule
{
    public static readonly ExpRule Instance = new();

    private ExpRule()
        : base(bit: 5)
    {
    }

    public override string Id => "EXP";
    public override BilingualText Name { get; } = new("Relevant experience", "相关工作经历");
    public override string Source => "[published] (overseas = domestic); part-time [default]";

    private const int StackPeriods = 32;

    internal RuleCheck Evaluate(string? code, CatalogueEntry? entry, bool upRoute, DegreeLevel? degree, DateOnly? awardedOn, int? workYears,
        IReadOnlyList<WorkPeriod> work, ReadOnlySpan<bool> relevant, EligibilityParameters parameters,
        DateOnly countingDate, CountingConvention convention, out TimeCondition time)
    {
        time = TimeCondition.Never;
        if (entry is null)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.NotInCatalogue);
        }
        if (!upRoute)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.ExpNotOneUp);
        }
        if (degree is not { } level || workYears is not { } years || awardedOn is not { } cutOff)
        {
            // §3: a degree with no value (—) cannot use this route.
            return Check(code, RuleOutcome.NotMet, ReasonCode.ExpDegreeNoRoute, new(NumberA: (int)(degree ?? DegreeLevel.Other)));
        }

        var factor = parameters.PartTimeFactor.Value;
        var required = (long)years * parameters.ExperienceDaysPerYear.Value * factor.Denominator;
        Span<DayInterval> fullTime = work.Count <= StackPeriods ? stackalloc DayInterval[work.Count] : new DayInterval[work.Count];
        Span<DayInterval> all = work.Count <= StackPeriods ? stackalloc DayInterval[work.Count] : new DayInterval[work.Count];
        int full = 0, any = 0;
        var firstDay = int.MaxValue;
        for (var i = 0; i < work.Count; i++)
        {
            var period = work[i];
            if (period.From is not { } from || !relevant[i])
            {
                continue;
            }
            // Experience counts from the degree's award date (§3 "since the highest degree was awarded").
            var start = CountRule.CountingStart(from < cutOff ? cutOff : from, convention).DayNumber;
            var end = period.To?.DayNumber ?? DayInterval.Open;
            if (start > end)
            {
                continue;
            }
            all[any++] = new DayInterval(start, end);
            firstDay = Math.Min(firstDay, start);
            if (period.FullTime == true)
            {
                fullTime[full++] = new DayInterval(start, end);
            }
        }
        var union = new ExperienceUnion(fullTime[..full], all[..any], factor);
        var units = union.UnitsUntil(countingDate.DayNumber);
        // The count runs from the first relevant day counted, not from the degree (issue #11).
        var countedFrom = firstDay == int.MaxValue ? cutOff : DateOnly.FromDayNumber(firstDay);
        var arguments = new ReasonArguments(DateA: countedFrom, DateB: countingDate, NumberA: (int)Math.Min(units, int.MaxValue), NumberB: years,
            NumberC: parameters.ExperienceDaysPerYear.Value, Scale: factor.Denominator, Text: level.Code());
        if (units >= required)
        {
            time = TimeCondition.Satisfied;
            return Check(code, RuleOutcome.Met, ReasonCode.ExpMet, arguments);
        }
        if (union.FirstDayReaching(required) is { } day)
        {
            var from = CountRule.FirstEvaluationDay(DateOnly.FromDayNumber(day), convention);
            time = new TimeCondition(false, from);
            return Check(code, RuleOutcome.NotMet, ReasonCode.ExpNotYet, arguments with { DateC = from });
        }
        return Check(code, RuleOutcome.NotMet, ReasonCode.ExpNever, arguments);
    }
}
