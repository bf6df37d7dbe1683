using TitleBridge.Domain.Calendar;
using static TitleBridge.Domain.Tests.Calendar.WorkingDayCalendarTests;

namespace TitleBridge.Domain.Tests.Calendar;

public class WorkingDayCalendarLoadTests
{
    /// <summary>One year 2026 with the given holiday dates and working weekend days, each a JSON array body.</summary>
    private static string File2026(string holidayDates, string workingDays, string yearKey = "2026", string source = "\"test\"") =>
        $$"""
        { "years": { "{{yearKey}}": {
            "source": {{source}},
            "holidays": { "春节 Spring Festival": [{{holidayDates}}] },
            "working_weekend_days": [{{workingDays}}] } } }
        """;

    [Theory]
    [InlineData("{", WorkingDayCalendar.NotJsonCode, null)]
    [InlineData("[]", WorkingDayCalendar.IllTypedCode, "")]
    [InlineData("{}", WorkingDayCalendar.IllTypedCode, "years")]
    [InlineData("""{ "years": { "2026": [] } }""", WorkingDayCalendar.IllTypedCode, "years.2026")]
    [InlineData("""{ "years": { "2026": { "source": "s", "holidays": {} } } }""", WorkingDayCalendar.IllTypedCode, "years.2026.working_weekend_days")]
    [InlineData("""{ "years": { "2026": { "source": "s", "holidays": { "x": "2026-02-16" }, "working_weekend_days": [] } } }""", WorkingDayCalendar.IllTypedCode, "years.2026.holidays.x")]
    public void Load_MalformedStructure_IsAProblemAtItsPath(string json, string code, string? field)
    {
        var problem = Assert.Single(WorkingDayCalendar.Load(json).Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(field, problem.Field);
        AssertBilingual(problem);
    }

    [Theory]
    [InlineData("\"2026-02-30\"", "", WorkingDayCalendar.DateInvalidCode, "years.2026.holidays.春节 Spring Festival[0]")]
    [InlineData("\"2026/02/16\"", "", WorkingDayCalendar.DateInvalidCode, "years.2026.holidays.春节 Spring Festival[0]")]
    [InlineData("\"2026-2-16\"", "", WorkingDayCalendar.DateInvalidCode, "years.2026.holidays.春节 Spring Festival[0]")]
    [InlineData("20260216", "", WorkingDayCalendar.DateInvalidCode, "years.2026.holidays.春节 Spring Festival[0]")]
    [InlineData("\"2026-02-16\"", "\"2026-02-31\"", WorkingDayCalendar.DateInvalidCode, "years.2026.working_weekend_days[0]")]
    [InlineData("\"2026-02-16\", \"2025-10-01\"", "", WorkingDayCalendar.DateOutsideYearCode, "years.2026.holidays.春节 Spring Festival[1]")]
    [InlineData("\"2026-02-16\"", "\"2027-01-03\"", WorkingDayCalendar.DateOutsideYearCode, "years.2026.working_weekend_days[0]")]
    [InlineData("\"2026-02-14\", \"2026-02-16\"", "\"2026-02-14\"", WorkingDayCalendar.HolidayAndWorkingDayCode, "years.2026.working_weekend_days[0]")]
    [InlineData("\"2026-02-16\"", "\"2026-02-13\"", WorkingDayCalendar.WorkingDayNotWeekendCode, "years.2026.working_weekend_days[0]")] // a Friday
    [InlineData("\"2026-02-16\", \"2026-02-16\"", "", WorkingDayCalendar.DateDuplicateCode, "years.2026.holidays.春节 Spring Festival[1]")]
    [InlineData("\"2026-02-16\"", "\"2026-02-14\", \"2026-02-14\"", WorkingDayCalendar.DateDuplicateCode, "years.2026.working_weekend_days[1]")]
    public void Load_BadDate_IsAProblemAtItsPath(string holidayDates, string workingDays, string code, string field)
    {
        var problems = WorkingDayCalendar.Load(File2026(holidayDates, workingDays)).Problems;
        var problem = Assert.Single(problems, p => p.Code == code);
        Assert.Equal(field, problem.Field);
        AssertBilingual(problem);
    }

    [Fact]
    public void Load_WorkingDayThatIsAWeekdayHoliday_ReportsBothFaults()
    {
        var codes = WorkingDayCalendar.Load(File2026("\"2026-02-16\"", "\"2026-02-16\"")).Problems.Select(p => p.Code);
        Assert.Equal([WorkingDayCalendar.WorkingDayNotWeekendCode, WorkingDayCalendar.HolidayAndWorkingDayCode], codes);
    }

    [Theory]
    [InlineData("26", WorkingDayCalendar.YearKeyInvalidCode, "years.26")]
    [InlineData("year2026", WorkingDayCalendar.YearKeyInvalidCode, "years.year2026")]
    [InlineData("２０２６", WorkingDayCalendar.YearKeyInvalidCode, "years.２０２６")] // full-width digits
    public void Load_YearKeyNotAYear_IsAProblem(string key, string code, string field)
    {
        var problem = Assert.Single(WorkingDayCalendar.Load(File2026("\"2026-02-16\"", "", yearKey: key)).Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(field, problem.Field);
        AssertBilingual(problem);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("null")]
    public void Load_YearWithoutSource_IsAProblem(string source)
    {
        var problem = Assert.Single(WorkingDayCalendar.Load(File2026("\"2026-02-16\"", "", source: source)).Problems);
        Assert.Equal(WorkingDayCalendar.SourceMissingCode, problem.Code);
        Assert.Equal("years.2026.source", problem.Field);
        AssertBilingual(problem);
    }

    [Fact]
    public void Load_DuplicateYearKey_IsAProblem()
    {
        const string json = """
            { "years": {
              "2026": { "source": "a", "holidays": {}, "working_weekend_days": [] },
              "2026": { "source": "b", "holidays": {}, "working_weekend_days": [] } } }
            """;
        var problem = Assert.Single(WorkingDayCalendar.Load(json).Problems);
        Assert.Equal(WorkingDayCalendar.YearDuplicateCode, problem.Code);
    }

    [Fact]
    public void Load_EveryFaultOfAFile_IsReportedAtOnce()
    {
        var problems = WorkingDayCalendar.Load(File2026("\"2026-02-30\", \"2025-01-01\"", "\"2026-02-13\"", source: "\"\"")).Problems;
        Assert.Equal(
            [WorkingDayCalendar.SourceMissingCode, WorkingDayCalendar.DateInvalidCode, WorkingDayCalendar.DateOutsideYearCode, WorkingDayCalendar.WorkingDayNotWeekendCode],
            problems.Select(p => p.Code));
    }

    [Fact]
    public void ToJson_OfTheRealFile_IsTheSameText()
    {
        var text = File.ReadAllText(RealFilePath);
        var calendar = WorkingDayCalendar.Load(text).Value;
        Assert.Equal(text.ReplaceLineEndings("\n").TrimEnd(), calendar.ToJson().ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public void ToJson_LoadedAgain_HoldsTheSameYears()
    {
        var calendar = WorkingDayCalendar.LoadFile(RealFilePath).Value;
        var again = WorkingDayCalendar.Load(calendar.ToJson()).Value;
        Assert.Equal(calendar.Id, again.Id);
        Assert.Equal(calendar.DescriptionZh, again.DescriptionZh);
        Assert.Equal(calendar.Years.Count, again.Years.Count);
        foreach (var (a, b) in calendar.Years.Zip(again.Years))
        {
            Assert.Equal(a.Year, b.Year);
            Assert.Equal(a.Source, b.Source);
            Assert.Equal(a.WorkingWeekendDays, b.WorkingWeekendDays);
            Assert.Equal(a.Holidays.Select(h => h.Name), b.Holidays.Select(h => h.Name));
            Assert.Equal(a.Holidays.SelectMany(h => h.Dates), b.Holidays.SelectMany(h => h.Dates));
        }
    }

    [Fact]
    public void Load_OfficerAddsAYear_ThenItIsCovered()
    {
        var json = File2026("\"2026-02-16\"", "\"2026-02-14\"", yearKey: "2026");
        var calendar = WorkingDayCalendar.Load(json).Value;
        Assert.True(calendar.Covers(2026));
        Assert.False(calendar.Covers(2027));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 14)).Value);
        Assert.Equal(json.Contains("春节", StringComparison.Ordinal), calendar.ToJson().Contains("春节", StringComparison.Ordinal));
    }
}
