using TitleBridge.Domain.Calendar;
using TitleBridge.Domain.Tests.Catalogue;
using static TitleBridge.Domain.Tests.Eligibility.T;

namespace TitleBridge.Domain.Tests.Calendar;

/// <summary>
/// Against the real file data/calendar/cn-public-holidays.json. Sources of the expected dates:
/// 2025 — 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号);
/// 2026 — 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). The file holds 2025 and 2026 only, so
/// 2024 and 2027 are the unknown years.
/// </summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = LoadRealCalendar();

    internal static string RealFilePath =>
        Path.Combine(CatalogueFiles.RepoRoot, "data", "calendar", "cn-public-holidays.json");

    private static WorkingDayCalendar LoadRealCalendar()
    {
        var result = WorkingDayCalendar.LoadFile(RealFilePath);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Message.En}")));
        return result.Value;
    }

    [Theory]
    [InlineData(2025, true)]
    [InlineData(2026, true)]
    [InlineData(2024, false)]
    [InlineData(2027, false)]
    public void Covers_YearsOfTheRealFile(int year, bool expected) => Assert.Equal(expected, Calendar.Covers(year));

    [Theory]
    [InlineData("2026-02-14", true)]  // Saturday declared a working day before Spring Festival 2026 (调休)
    [InlineData("2026-02-28", true)]  // Saturday declared a working day after Spring Festival 2026
    [InlineData("2026-02-16", false)] // Monday in Spring Festival 2026 (15–23 Feb)
    [InlineData("2026-02-23", false)] // Monday, last day of Spring Festival 2026
    [InlineData("2026-02-21", false)] // Saturday inside Spring Festival 2026
    [InlineData("2026-02-24", true)]  // Tuesday, first working day after Spring Festival 2026
    [InlineData("2026-03-07", false)] // ordinary Saturday
    [InlineData("2026-03-09", true)]  // ordinary Monday
    [InlineData("2026-01-02", false)] // Friday, New Year's Day holiday 2026 (1–3 Jan)
    [InlineData("2026-01-04", true)]  // Sunday declared a working day after New Year 2026
    [InlineData("2026-09-20", true)]  // Sunday declared a working day before Mid-Autumn/National Day 2026
    [InlineData("2026-09-25", false)] // Friday, Mid-Autumn 2026 (25–27 Sep)
    [InlineData("2026-10-07", false)] // Wednesday, National Day 2026 (1–7 Oct)
    [InlineData("2026-10-10", true)]  // Saturday declared a working day after National Day 2026
    [InlineData("2025-10-08", false)] // Wednesday, National Day and Mid-Autumn together 2025 (1–8 Oct)
    [InlineData("2025-09-28", true)]  // Sunday declared a working day, 2025
    [InlineData("2025-10-11", true)]  // Saturday declared a working day, 2025
    [InlineData("2025-01-28", false)] // Spring Festival's Eve 2025, a holiday from 2025 on
    public void IsWorkingDay_RealSchedule(string date, bool expected)
    {
        var result = Calendar.IsWorkingDay(D(date));
        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("2027-01-04", 2027)]
    [InlineData("2024-12-31", 2024)]
    public void IsWorkingDay_UnknownYear_IsAProblemNamingTheYear(string date, int year) =>
        AssertYearUnknown(Calendar.IsWorkingDay(D(date)).Problems, year);

    [Theory]
    [InlineData("2026-03-06", 1, "2026-03-09")]  // Friday → Monday
    [InlineData("2026-03-09", 5, "2026-03-16")]  // a plain week
    [InlineData("2026-02-13", 1, "2026-02-14")]  // Friday → the 调休 Saturday before Spring Festival 2026
    [InlineData("2026-02-13", 2, "2026-02-24")]  // then over Spring Festival 2026 (15–23 Feb)
    [InlineData("2026-02-12", 10, "2026-03-04")] // 13, 14(Sat), 24–27, 28(Sat), 2–4 Mar
    [InlineData("2026-02-16", 1, "2026-02-24")]  // notice given on a holiday: the next working day is day 1
    [InlineData("2026-09-18", 1, "2026-09-20")]  // Friday → the 调休 Sunday of 2026
    [InlineData("2026-09-24", 1, "2026-09-28")]  // over Mid-Autumn 2026
    [InlineData("2026-09-30", 1, "2026-10-08")]  // over National Day 2026
    [InlineData("2026-09-30", 3, "2026-10-10")]  // 8, 9, 10(Sat 调休)
    [InlineData("2026-09-24", 10, "2026-10-15")] // a 10-working-day correction deadline over both holidays
    [InlineData("2025-09-30", 1, "2025-10-09")]  // over National Day and Mid-Autumn 2025 (1–8 Oct)
    [InlineData("2025-09-30", 3, "2025-10-11")]  // 9, 10, 11(Sat 调休)
    [InlineData("2025-12-31", 1, "2026-01-04")]  // into 2026: New Year 1–3 Jan, Sunday 4 Jan worked
    [InlineData("2024-12-31", 1, "2025-01-02")]  // the start is not counted, so its unknown year is not needed
    [InlineData("2026-02-16", 0, "2026-02-16")]  // n = 0 is the start itself, even on a holiday
    [InlineData("2027-06-01", 0, "2027-06-01")]  // n = 0 looks no day up
    public void AddWorkingDays_IsTheNthWorkingDayAfterTheStart(string start, int n, string expected)
    {
        var result = Calendar.AddWorkingDays(D(start), n);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
        Assert.Equal(D(expected), result.Value);
    }

    [Theory]
    [InlineData("2026-12-31", 1, 2027)]
    [InlineData("2026-12-01", 30, 2027)]
    [InlineData("2026-06-01", int.MaxValue, 2027)]
    public void AddWorkingDays_IntoAnUnknownYear_IsAProblem(string start, int n, int year) =>
        AssertYearUnknown(Calendar.AddWorkingDays(D(start), n).Problems, year);

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void AddWorkingDays_NegativeCount_IsRefused(int n)
    {
        var problem = Assert.Single(Calendar.AddWorkingDays(D("2026-03-02"), n).Problems);
        Assert.Equal(WorkingDayCalendar.NegativeCountCode, problem.Code);
        AssertBilingual(problem);
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-06", 5)]   // Monday to Friday
    [InlineData("2026-03-02", "2026-03-02", 1)]   // one working day, both ends counted
    [InlineData("2026-03-07", "2026-03-08", 0)]   // an ordinary weekend
    [InlineData("2026-10-01", "2026-10-07", 0)]   // National Day 2026
    [InlineData("2026-02-14", "2026-02-28", 6)]   // 14(Sat), 24–27, 28(Sat): Spring Festival 2026
    [InlineData("2025-12-29", "2026-01-04", 4)]   // 29–31 Dec 2025, 4 Jan 2026 (Sunday worked)
    [InlineData("2025-01-01", "2025-12-31", 248)] // 261 weekdays − 18 weekday holidays + 5 worked weekend days
    [InlineData("2026-01-01", "2026-12-31", 248)] // 261 weekdays − 19 weekday holidays + 6 worked weekend days
    public void WorkingDaysBetween_CountsBothEnds(string from, string to, int expected)
    {
        var result = Calendar.WorkingDaysBetween(D(from), D(to));
        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("2026-12-01", "2027-01-31", 2027)]
    [InlineData("2024-12-30", "2025-01-03", 2024)]
    public void WorkingDaysBetween_RangeReachingAnUnknownYear_IsAProblem(string from, string to, int year) =>
        AssertYearUnknown(Calendar.WorkingDaysBetween(D(from), D(to)).Problems, year);

    [Fact]
    public void WorkingDaysBetween_ReversedRange_IsAProblem()
    {
        var problem = Assert.Single(Calendar.WorkingDaysBetween(D("2026-03-06"), D("2026-03-02")).Problems);
        Assert.Equal(WorkingDayCalendar.RangeReversedCode, problem.Code);
        AssertBilingual(problem);
    }

    [Theory]
    [InlineData("2026-03-02", 5, "2026-03-06")] // starts Monday: Monday counts
    [InlineData("2026-03-04", 5, "2026-03-10")] // starts Wednesday, over a weekend
    [InlineData("2026-03-07", 5, "2026-03-13")] // starts on a Saturday: the Monday is day 1
    [InlineData("2026-02-12", 5, "2026-02-25")] // 12, 13, 14(Sat 调休), 24, 25: Spring Festival 2026
    [InlineData("2026-10-01", 5, "2026-10-13")] // starts on National Day 2026: 8, 9, 10(Sat 调休), 12, 13
    [InlineData("2025-09-26", 5, "2025-10-09")] // 26, 28(Sun 调休), 29, 30 Sep, then 9 Oct after 1–8 Oct 2025
    [InlineData("2026-03-02", 1, "2026-03-02")] // one working day starting on one ends that day
    public void PublicityEnd_IsTheNthWorkingDayCountingTheStart(string start, int workingDays, string expected)
    {
        var result = Calendar.PublicityEnd(D(start), workingDays);
        Assert.True(result.Succeeded);
        Assert.Equal(D(expected), result.Value);
    }

    [Fact]
    public void PublicityEnd_IntoAnUnknownYear_IsAProblem() =>
        AssertYearUnknown(Calendar.PublicityEnd(D("2026-12-28"), 5).Problems, 2027); // 28–31 Dec are only 4

    [Fact]
    public void PublicityEnd_StartingInAnUnknownYear_IsAProblem() =>
        AssertYearUnknown(Calendar.PublicityEnd(D("2024-12-31"), 5).Problems, 2024);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void PublicityEnd_LessThanOneWorkingDay_IsRefused(int workingDays)
    {
        var problem = Assert.Single(Calendar.PublicityEnd(D("2026-03-02"), workingDays).Problems);
        Assert.Equal(WorkingDayCalendar.PublicityTooShortCode, problem.Code);
        AssertBilingual(problem);
    }

    private static void AssertYearUnknown(IReadOnlyList<Domain.Common.Problem> problems, int year)
    {
        var problem = Assert.Single(problems);
        Assert.Equal(WorkingDayCalendar.YearUnknownCode, problem.Code);
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message.En, StringComparison.Ordinal);
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("officer", problem.Message.En, StringComparison.Ordinal);
        Assert.Contains("工作人员", problem.Message.Zh, StringComparison.Ordinal);
        AssertBilingual(problem);
    }

    internal static void AssertBilingual(Domain.Common.Problem problem)
    {
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.En));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.Zh));
        Assert.NotEqual(problem.Message.En, problem.Message.Zh);
    }
}
