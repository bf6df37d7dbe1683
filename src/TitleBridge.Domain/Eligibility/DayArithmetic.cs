namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// Calendar arithmetic of rule COUNT (policy.md §2). See docs/decisions/0002-eligibility-day-arithmetic.md
/// for why each choice was made.
/// </summary>
public static class Anniversary
{
    /// <summary>
    /// The day on which <paramref name="years"/> years and <paramref name="months"/> months starting on
    /// <paramref name="start"/> are complete: the same day of the month that many years/months later
    /// (policy.md COUNT: obtained 2020-03-01 → 2 years on 2022-03-01). When that day does not exist
    /// (29 February in a common year, 31st of a short month) the period is complete on the first day of the
    /// next month, because the last day of the short month would be one day short of the full period.
    /// </summary>
    public static DateOnly After(DateOnly start, int years, int months = 0)
    {
        var monthIndex = (start.Year + years) * 12 + (start.Month - 1) + months;
        var year = monthIndex / 12;
        var month = monthIndex % 12 + 1;
        var daysInMonth = DateTime.DaysInMonth(year, month);
        return start.Day <= daysInMonth
            ? new DateOnly(year, month, start.Day)
            : new DateOnly(year, month, daysInMonth).AddDays(1);
    }
}

/// <summary>A closed interval of day numbers (<see cref="DateOnly.DayNumber"/>), both ends included.</summary>
internal struct DayInterval(int start, int end)
{
    /// <summary>The day number standing for "no end": an ongoing period or a validity without expiry.</summary>
    public static readonly int Open = DateOnly.MaxValue.DayNumber;

    public int Start = start;
    public int End = end;

    public static int Compare(DayInterval a, DayInterval b) => a.Start.CompareTo(b.Start);

    /// <summary>Sorts and merges overlapping and adjacent intervals in place; returns the count kept (overlaps counted once, rule EXP).</summary>
    public static int Merge(Span<DayInterval> intervals)
    {
        if (intervals.Length == 0)
        {
            return 0;
        }
        intervals.Sort(Compare);
        var kept = 0;
        for (var i = 1; i < intervals.Length; i++)
        {
            // Adjacent periods join too, so a run of work split into pieces is one run (LOCAL months).
            if (intervals[i].Start <= intervals[kept].End + 1)
            {
                intervals[kept].End = Math.Max(intervals[kept].End, intervals[i].End);
            }
            else
            {
                intervals[++kept] = intervals[i];
            }
        }
        return kept + 1;
    }

    /// <summary>Days of merged intervals on or before <paramref name="until"/>, both end dates included.</summary>
    public static long DaysUntil(ReadOnlySpan<DayInterval> merged, int until)
    {
        long days = 0;
        foreach (var interval in merged)
        {
            if (interval.Start > until)
            {
                break;
            }
            days += Math.Min(interval.End, until) - interval.Start + 1;
        }
        return days;
    }
}

/// <summary>
/// Relevant experience in exact units (rule EXP): a full-time day is worth the part-time factor's
/// denominator, a part-time day its numerator (1/2 → 2 and 1), so no rounding ever happens. A day covered
/// by both full-time and part-time work counts once, as full-time. Because every full-time day is also in
/// the union of all work, units = days(full-time) × (denominator − numerator) + days(all) × numerator.
/// </summary>
internal ref struct ExperienceUnion
{
    private readonly Span<DayInterval> _fullTime;
    private readonly Span<DayInterval> _all;
    private readonly int _fullWeight;
    private readonly int _partWeight;

    public ExperienceUnion(Span<DayInterval> fullTime, Span<DayInterval> all, Fraction partTimeFactor)
    {
        _fullTime = fullTime[..DayInterval.Merge(fullTime)];
        _all = all[..DayInterval.Merge(all)];
        _fullWeight = partTimeFactor.Denominator - partTimeFactor.Numerator;
        _partWeight = partTimeFactor.Numerator;
    }

    public readonly long UnitsUntil(int day) =>
        DayInterval.DaysUntil(_fullTime, day) * _fullWeight + DayInterval.DaysUntil(_all, day) * _partWeight;

    /// <summary>
    /// The first day on which the units reach <paramref name="required"/>, counting work as given (ongoing
    /// periods continue: "if the work continues", policy.md §4), or null if they never do.
    /// </summary>
    public readonly int? FirstDayReaching(long required)
    {
        if (_all.Length == 0)
        {
            return required <= 0 ? DateOnly.MinValue.DayNumber : null;
        }
        int low = _all[0].Start, high = _all[^1].End;
        if (UnitsUntil(high) < required)
        {
            return null;
        }
        // Units never decrease with the day, so the first day reaching them is found by bisection.
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (UnitsUntil(middle) >= required)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }
}
