using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// COUNT (policy.md §2): the counting date and the counting convention. Holding periods by anniversary,
/// experience in days with N years = N × <c>experienceDaysPerYear</c>; or, with
/// <c>guangdong-calendar-year</c>, from 1 January of the year after the start to 31 December of the
/// evaluation year.
/// </summary>
public sealed class CountRule : EligibilityRule
{
    public static readonly CountRule Instance = new();

    private CountRule()
        : base(bit: 8)
    {
    }

    public override string Id => "COUNT";
    public override BilingualText Name { get; } = new("Counting of time", "年限计算");
    public override string Source => "[precedent] Guangdong title rules; day arithmetic [default]";

    /// <summary>
    /// The counting date: <paramref name="countUntil"/> (a cycle's 31 December) or the evaluation date;
    /// under the calendar-year convention, 31 December of that year.
    /// </summary>
    internal static DateOnly CountingDate(DateOnly evaluationDate, DateOnly? countUntil, CountingConvention convention)
    {
        var date = countUntil ?? evaluationDate;
        return convention == CountingConvention.GuangdongCalendarYear ? new DateOnly(date.Year, 12, 31) : date;
    }

    /// <summary>Where counting of a period begins: its start, or 1 January of the next year (calendar-year convention).</summary>
    internal static DateOnly CountingStart(DateOnly start, CountingConvention convention) =>
        convention == CountingConvention.GuangdongCalendarYear ? new DateOnly(start.Year + 1, 1, 1) : start;

    /// <summary>
    /// The first day on which a condition first reached on <paramref name="reachedOn"/> holds for an
    /// evaluation: that day itself, or, under the calendar-year convention (which counts to 31 December of
    /// the evaluation year), 1 January of its year.
    /// </summary>
    internal static DateOnly FirstEvaluationDay(DateOnly reachedOn, CountingConvention convention) =>
        convention == CountingConvention.GuangdongCalendarYear ? new DateOnly(reachedOn.Year, 1, 1) : reachedOn;

    internal RuleCheck Evaluate(string? qualification, bool upRoute, DateOnly countingDate, CountingConvention convention) =>
        upRoute
            ? Check(qualification, RuleOutcome.Met, ReasonCode.CountCounted, new(DateA: countingDate, NumberA: (int)convention))
            : Check(qualification, RuleOutcome.NotApplicable, ReasonCode.CountNotOneUp);
}
