using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// LOCAL (policy.md §2): on the evaluation date the person works in Guangzhou (a work period covering
/// that date, employer in Guangzhou) in the same or a similar specialty to the qualification; and has
/// done so for at least <c>minLocalMonths</c>, counted over the unbroken run of such work that covers
/// the date and up to the counting date.
/// </summary>
public sealed class LocalRule : EligibilityRule
{
    public static readonly LocalRule Instance = new();

    private LocalRule()
        : base(bit: 4)
    {
    }

    public override string Id => "LOCAL";
    public override BilingualText Name { get; } = new("Working in Guangzhou", "在穗工作");
    public override string Source => "[published]; months [default]";

    private const int StackPeriods = 32;

    internal RuleCheck Evaluate(string? code, CatalogueEntry? entry, IReadOnlyList<WorkPeriod> work, ReadOnlySpan<bool> relevant,
        DateOnly evaluationDate, DateOnly countingDate, CountingConvention convention, int minLocalMonths, out TimeCondition time)
    {
        time = TimeCondition.Never;
        if (entry is null)
        {
            return Check(code, RuleOutcome.NotApplicable, ReasonCode.NotInCatalogue);
        }

        var day = evaluationDate.DayNumber;
        var inGuangzhou = false;
        var relevantCount = 0;
        var covering = false;
        for (var i = 0; i < work.Count; i++)
        {
            var period = work[i];
            if (period.InGuangzhou != true)
            {
                continue;
            }
            var covers = Covers(period, day);
            inGuangzhou |= covers;
            if (relevant[i])
            {
                relevantCount++;
                covering |= covers;
            }
        }
        var specialty = new ReasonArguments(DateA: evaluationDate, Text: entry.Specialty);
        if (!inGuangzhou)
        {
            return Check(code, RuleOutcome.NotMet, ReasonCode.LocalNotInGuangzhou, specialty);
        }
        if (!covering)
        {
            return Check(code, RuleOutcome.NotMet, ReasonCode.LocalDissimilar, specialty);
        }
        if (minLocalMonths == 0)
        {
            time = TimeCondition.Satisfied;
            return Check(code, RuleOutcome.Met, ReasonCode.LocalMet, specialty);
        }

        // The unbroken run of relevant Guangzhou work that covers the evaluation date.
        Span<DayInterval> runs = relevantCount <= StackPeriods ? stackalloc DayInterval[relevantCount] : new DayInterval[relevantCount];
        var n = 0;
        for (var i = 0; i < work.Count; i++)
        {
            var period = work[i];
            if (period.InGuangzhou == true && relevant[i] && period.From is { } from)
            {
                runs[n++] = new DayInterval(from.DayNumber, period.To?.DayNumber ?? DayInterval.Open);
            }
        }
        runs = runs[..DayInterval.Merge(runs[..n])];
        var runStart = evaluationDate;
        foreach (var run in runs)
        {
            if (run.Start <= day && day <= run.End)
            {
                runStart = DateOnly.FromDayNumber(run.Start);
            }
        }
        var completeOn = Anniversary.After(runStart, 0, minLocalMonths);
        var arguments = new ReasonArguments(DateA: runStart, DateB: completeOn, NumberA: minLocalMonths, Text: entry.Specialty);
        if (completeOn <= countingDate)
        {
            time = TimeCondition.Satisfied;
            return Check(code, RuleOutcome.Met, ReasonCode.LocalMonthsMet, arguments);
        }
        time = new TimeCondition(false, CountRule.FirstEvaluationDay(completeOn, convention));
        return Check(code, RuleOutcome.NotMet, ReasonCode.LocalMonthsNotYet, arguments);
    }

    private static bool Covers(WorkPeriod period, int day) =>
        period.From is { } from && from.DayNumber <= day && (period.To is not { } to || day <= to.DayNumber);
}
