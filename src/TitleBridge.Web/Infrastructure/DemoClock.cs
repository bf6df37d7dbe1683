using System.Globalization;
using TitleBridge.Domain.Calendar;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The clock of a Development run (the README's run command). Its sample data walks files through
/// publicity periods and review deadlines counted in working days, which only the years of the
/// State Council's published holiday schedules can give (data/calendar). When today is too close to
/// the end of the last published year for those periods to be counted, the demo runs on a clock set
/// back to a day the calendar can serve, which then moves on in real time; <c>TitleBridge:RunAsOf</c>
/// (yyyy-MM-dd) chooses the day. Outside Development the clock is always the real one
/// (docs/decisions/0011-the-demo-clock.md).
/// </summary>
public static class DemoClock
{
    /// <summary>How far ahead of today the sample data counts working days (review deadlines, publicity).</summary>
    public const int DaysAheadNeeded = 45;

    public const string RunAsOfKey = $"{TitleBridgeOptions.Section}:RunAsOf";

    /// <summary>The day a Development run starts on, or null when the real date serves.</summary>
    public static DateOnly? RunAsOf(DateOnly today, string? configured, WorkingDayCalendar calendar)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return DateOnly.TryParseExact(configured, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var chosen)
                ? chosen
                : throw new InvalidOperationException($"{RunAsOfKey} must be a date written yyyy-MM-dd, not '{configured}'.");
        }
        if (calendar.Years.Count == 0)
        {
            return null;
        }
        var lastKnown = new DateOnly(calendar.Years[^1].Year, 12, 31);
        if (today.AddDays(DaysAheadNeeded) <= lastKnown)
        {
            return null;
        }
        var day = lastKnown.AddDays(-DaysAheadNeeded);
        while (calendar.IsWorkingDay(day) is { Succeeded: true, Value: false })
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    /// <summary>The app's clock: the real one, or in Development one that started at 09:00 Guangzhou time on <see cref="RunAsOf"/>.</summary>
    public static TimeProvider For(IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsDevelopment())
        {
            return TimeProvider.System;
        }
        var file = Features.Calendar.WorkingCalendar.ShippedFileIn(configuration);
        var calendar = File.Exists(file) ? WorkingDayCalendar.LoadFile(file) : null;
        if (calendar is not { Succeeded: true })
        {
            return TimeProvider.System;
        }
        var now = TimeProvider.System.GetUtcNow();
        var runAsOf = RunAsOf(TimeProvider.System.Today(), configuration[RunAsOfKey], calendar.Value);
        if (runAsOf is not { } day)
        {
            return TimeProvider.System;
        }
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), GuangzhouClock.Offset);
        return new ShiftedTime(TimeProvider.System, start - now) { Note = Note(calendar.Value, day) };
    }

    private static string Note(WorkingDayCalendar calendar, DateOnly day) =>
        $"Demo clock: this Development run counts time from {day:yyyy-MM-dd} 09:00 Guangzhou time (the working-day calendar in data/calendar ends with {calendar.Years[^1].Year}; set {RunAsOfKey}=yyyy-MM-dd to choose the day).\n"
        + $"演示时钟：本次开发环境运行从广州时间 {day:yyyy-MM-dd} 09:00 起计时（data/calendar 中的工作日历止于 {calendar.Years[^1].Year} 年）。";
}
