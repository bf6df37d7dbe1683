using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Calendar;

/// <summary>One named holiday of a year's schedule, such as "春节 Spring Festival", with its days off.</summary>
public sealed record NamedHoliday(string Name, IReadOnlyList<DateOnly> Dates)
{
    /// <summary>
    /// The name in each language: the calendar file keeps both in one key, Chinese first ("春节 Spring
    /// Festival"); a key in one language only serves both.
    /// </summary>
    public BilingualText Names
    {
        get
        {
            var space = Name.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || Name[..space].Any(c => c < 0x2E80))
            {
                return new(Name, Name);
            }
            return new(Name[(space + 1)..].Trim(), Name[..space]);
        }
    }
}

/// <summary>
/// One year of the State Council's holiday schedule (国务院办公厅关于部分节假日安排的通知): the days off
/// by holiday, and the weekend days declared working days (调休上班).
/// </summary>
public sealed record CalendarYear(
    int Year,
    string Source,
    IReadOnlyList<NamedHoliday> Holidays,
    IReadOnlyList<DateOnly> WorkingWeekendDays);

/// <summary>
/// Working days as policy.md §5 counts them: Monday to Friday unless a public holiday, plus the weekend days
/// the State Council declares working days (调休). Built from <c>data/calendar/cn-public-holidays.json</c>.
/// The schedule is published one year at a time, so a day in a year the calendar does not hold is unknown:
/// every computation that needs such a day fails with <see cref="YearUnknownCode"/> instead of guessing
/// Monday–Friday, because a guessed deadline could fall inside a holiday that is not yet announced.
/// </summary>
public sealed partial class WorkingDayCalendar
{
    public const string YearUnknownCode = "calendar.year-unknown";
    public const string NegativeCountCode = "calendar.negative-working-days";
    public const string PublicityTooShortCode = "calendar.publicity-too-short";
    public const string RangeReversedCode = "calendar.range-reversed";

    private readonly Dictionary<int, CalendarYear> _years;
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _workingWeekendDays = [];

    private WorkingDayCalendar(string? id, string? descriptionEn, string? descriptionZh, IReadOnlyList<CalendarYear> years)
    {
        Id = id;
        DescriptionEn = descriptionEn;
        DescriptionZh = descriptionZh;
        Years = years.OrderBy(y => y.Year).ToList();
        _years = Years.ToDictionary(y => y.Year);
        foreach (var year in Years)
        {
            foreach (var holiday in year.Holidays)
            {
                _holidays.UnionWith(holiday.Dates);
            }
            _workingWeekendDays.UnionWith(year.WorkingWeekendDays);
        }
    }

    public string? Id { get; }
    public string? DescriptionEn { get; }
    public string? DescriptionZh { get; }

    /// <summary>The years held, oldest first.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>This calendar with <paramref name="year"/> added, or put in place of the same year.</summary>
    public WorkingDayCalendar WithYear(CalendarYear year) =>
        new(Id, DescriptionEn, DescriptionZh, [.. Years.Where(y => y.Year != year.Year), year]);

    /// <summary>Whether the State Council's schedule for <paramref name="year"/> is in the calendar.</summary>
    public bool Covers(int year) => _years.ContainsKey(year);

    /// <summary>
    /// Whether <paramref name="date"/> is a working day: a declared working weekend day (调休), or Monday to
    /// Friday and not a public holiday. Fails when the date's year is not in the calendar.
    /// </summary>
    public Result<bool> IsWorkingDay(DateOnly date) =>
        Covers(date.Year) ? Result<bool>.Success(IsWorkingDayKnown(date)) : Result<bool>.Failure(YearUnknown(date.Year));

    /// <summary>
    /// The date that is <paramref name="n"/> working days after <paramref name="start"/>; the start day
    /// itself is never counted. This is the reading of "within N working days" for the correction notice
    /// (policy.md §5 step 3, <c>correctionWorkingDays</c>): the deadline is the N-th working day after the
    /// notice date, so a notice given on a working day does not lose that day. <paramref name="n"/> = 0 is
    /// <paramref name="start"/> itself (no day is looked up). A negative <paramref name="n"/> is refused:
    /// no procedure counts backwards.
    /// </summary>
    public Result<DateOnly> AddWorkingDays(DateOnly start, int n)
    {
        if (n < 0)
        {
            return Result<DateOnly>.Failure(NegativeCount(n));
        }
        return NthWorkingDay(start, n, countStart: false);
    }

    /// <summary>
    /// The number of working days from <paramref name="fromInclusive"/> to <paramref name="toInclusive"/>,
    /// both counted. Fails when <paramref name="toInclusive"/> is before <paramref name="fromInclusive"/>, or
    /// when any day of the range is in a year the calendar does not hold.
    /// </summary>
    public Result<int> WorkingDaysBetween(DateOnly fromInclusive, DateOnly toInclusive)
    {
        if (toInclusive < fromInclusive)
        {
            return Result<int>.Failure(new Problem(RangeReversedCode, new(
                $"The range ends ({toInclusive:yyyy-MM-dd}) before it starts ({fromInclusive:yyyy-MM-dd}).",
                $"区间的结束日期（{toInclusive:yyyy-MM-dd}）早于开始日期（{fromInclusive:yyyy-MM-dd}）。")));
        }
        for (var year = fromInclusive.Year; year <= toInclusive.Year; year++)
        {
            if (!Covers(year))
            {
                return Result<int>.Failure(YearUnknown(year));
            }
        }
        var count = 0;
        for (var day = fromInclusive; ; day = day.AddDays(1))
        {
            if (IsWorkingDayKnown(day))
            {
                count++;
            }
            if (day == toInclusive)
            {
                return Result<int>.Success(count);
            }
        }
    }

    /// <summary>
    /// The last day of a publicity (公示) of at least <paramref name="workingDays"/> working days that starts
    /// on <paramref name="start"/> (policy.md §5 steps 2 and 5: ≥ 5 working days): the
    /// <paramref name="workingDays"/>-th working day counting <paramref name="start"/> itself when it is a
    /// working day. Unlike <see cref="AddWorkingDays"/>, the start counts because the notice is on display
    /// that day. A publicity needs at least one working day.
    /// </summary>
    public Result<DateOnly> PublicityEnd(DateOnly start, int workingDays)
    {
        if (workingDays < 1)
        {
            return Result<DateOnly>.Failure(new Problem(PublicityTooShortCode, new(
                $"A publicity lasts at least one working day; {workingDays} was asked for.",
                $"公示期至少为 1 个工作日，所给值为 {workingDays}。")));
        }
        return NthWorkingDay(start, workingDays, countStart: true);
    }

    private Result<DateOnly> NthWorkingDay(DateOnly start, int n, bool countStart)
    {
        if (n == 0)
        {
            return Result<DateOnly>.Success(start);
        }
        var count = 0;
        var day = countStart ? start : Next(start);
        while (true)
        {
            // The walk ends: every year it enters is checked, and the calendar holds finitely many years.
            if (day is null || !Covers(day.Value.Year))
            {
                return Result<DateOnly>.Failure(YearUnknown(day?.Year ?? DateOnly.MaxValue.Year + 1));
            }
            if (IsWorkingDayKnown(day.Value) && ++count == n)
            {
                return Result<DateOnly>.Success(day.Value);
            }
            day = Next(day.Value);
        }
    }

    private static DateOnly? Next(DateOnly day) => day == DateOnly.MaxValue ? null : day.AddDays(1);

    private bool IsWorkingDayKnown(DateOnly date) =>
        _workingWeekendDays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date));

    /// <summary>The problem for a computation that reaches a year the calendar does not hold.</summary>
    public static Problem YearUnknown(int year) => new(YearUnknownCode, new(
        $"The working-day calendar has no holiday schedule for {year}, so working days in {year} cannot be counted. "
        + $"An officer must update the calendar with the State Council's holiday schedule for {year}.",
        $"工作日日历中没有 {year} 年的节假日安排，无法计算 {year} 年的工作日。"
        + $"须由工作人员按国务院办公厅公布的 {year} 年节假日安排更新日历。"));

    private static Problem NegativeCount(int n) => new(NegativeCountCode, new(
        $"The number of working days cannot be negative ({n}).",
        $"工作日天数不能为负数（{n}）。"));
}
