using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Calendar;

/// <summary>
/// Reading and writing the calendar file (<c>data/calendar/cn-public-holidays.json</c>), so that an officer
/// can add next year's schedule when the State Council publishes it, have it checked, and save it back.
/// </summary>
public sealed partial class WorkingDayCalendar
{
    public const string NotJsonCode = "calendar.not-json";
    public const string IllTypedCode = "calendar.ill-typed";
    public const string YearKeyInvalidCode = "calendar.year-key-invalid";
    public const string YearDuplicateCode = "calendar.year-duplicate";
    public const string SourceMissingCode = "calendar.source-missing";
    public const string DateInvalidCode = "calendar.date-invalid";
    public const string DateOutsideYearCode = "calendar.date-outside-year";
    public const string DateDuplicateCode = "calendar.date-duplicate";
    public const string HolidayAndWorkingDayCode = "calendar.date-holiday-and-working-day";
    public const string WorkingDayNotWeekendCode = "calendar.working-day-not-weekend";

    public static Result<WorkingDayCalendar> LoadFile(string path) => Load(File.ReadAllText(path, Encoding.UTF8));

    /// <summary>
    /// Reads a calendar file. Every fault is reported with its JSON path; nothing is skipped or repaired,
    /// because a wrong calendar silently moves deadlines.
    /// </summary>
    public static Result<WorkingDayCalendar> Load(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Result<WorkingDayCalendar>.Failure(new Problem(NotJsonCode, new(
                $"The calendar file is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).",
                $"日历文件不是有效的 JSON（第 {(e.LineNumber ?? 0) + 1} 行，第 {(e.BytePositionInLine ?? 0) + 1} 字节）。")));
        }

        using (document)
        {
            var problems = new List<Problem>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Result<WorkingDayCalendar>.Failure(IllTyped(problems, "", "an object", "对象"));
            }

            var id = OptionalString(root, "id", problems);
            var descriptionEn = OptionalString(root, "description_en", problems);
            var descriptionZh = OptionalString(root, "description_zh", problems);

            var years = new List<CalendarYear>();
            if (!root.TryGetProperty("years", out var yearsElement) || yearsElement.ValueKind != JsonValueKind.Object)
            {
                IllTyped(problems, "years", "an object of years", "以年份为键的对象");
            }
            else
            {
                var seen = new HashSet<int>();
                foreach (var property in yearsElement.EnumerateObject())
                {
                    var path = $"years.{property.Name}";
                    if (property.Name.Length != 4 || !property.Name.All(char.IsAsciiDigit)
                        || !int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                        || year < 1000 || year > 9998)
                    {
                        problems.Add(new Problem(YearKeyInvalidCode, new(
                            $"\"{property.Name}\" is not a year: each key of \"years\" is a four-digit year such as 2026.",
                            $"“{property.Name}”不是年份：years 的每个键须为四位数年份，例如 2026。"), path));
                        continue;
                    }
                    if (!seen.Add(year))
                    {
                        problems.Add(new Problem(YearDuplicateCode, new(
                            $"The year {year} is listed more than once.",
                            $"{year} 年重复出现。"), path));
                        continue;
                    }
                    if (ReadYear(year, property.Value, path, problems) is { } calendarYear)
                    {
                        years.Add(calendarYear);
                    }
                }
            }

            return problems.Count == 0
                ? Result<WorkingDayCalendar>.Success(new WorkingDayCalendar(id, descriptionEn, descriptionZh, years))
                : Result<WorkingDayCalendar>.Failure(problems);
        }
    }

    private static CalendarYear? ReadYear(int year, JsonElement element, string path, List<Problem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            IllTyped(problems, path, "an object with source, holidays and working_weekend_days",
                "包含 source、holidays 和 working_weekend_days 的对象");
            return null;
        }
        var before = problems.Count;

        // Each year must say which State Council notice it copies (STYLE.md: every rule is data with its source).
        string source = "";
        if (element.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(sourceElement.GetString()))
        {
            source = sourceElement.GetString()!;
        }
        else
        {
            problems.Add(new Problem(SourceMissingCode, new(
                $"The year {year} has no source: name the State Council notice its dates come from.",
                $"{year} 年缺少来源：请注明日期所依据的国务院办公厅通知。"), $"{path}.source"));
        }

        var holidayDates = new Dictionary<DateOnly, string>();
        var holidays = new List<NamedHoliday>();
        if (!element.TryGetProperty("holidays", out var holidaysElement) || holidaysElement.ValueKind != JsonValueKind.Object)
        {
            IllTyped(problems, $"{path}.holidays", "an object of named lists of dates", "以节日名称为键的日期列表对象");
        }
        else
        {
            foreach (var holiday in holidaysElement.EnumerateObject())
            {
                var listPath = $"{path}.holidays.{holiday.Name}";
                var dates = ReadDates(year, holiday.Value, listPath, problems);
                foreach (var (date, datePath) in dates)
                {
                    if (!holidayDates.TryAdd(date, datePath))
                    {
                        problems.Add(new Problem(DateDuplicateCode, new(
                            $"{date:yyyy-MM-dd} is already listed as a holiday at {holidayDates[date]}.",
                            $"{date:yyyy-MM-dd} 已在 {holidayDates[date]} 列为节假日。"), datePath));
                    }
                }
                holidays.Add(new NamedHoliday(holiday.Name, dates.Select(d => d.Date).ToList()));
            }
        }

        var workingDays = new List<DateOnly>();
        if (!element.TryGetProperty("working_weekend_days", out var workingElement))
        {
            IllTyped(problems, $"{path}.working_weekend_days", "a list of dates (empty if none)", "日期列表（没有则为空列表）");
        }
        else
        {
            var seen = new HashSet<DateOnly>();
            foreach (var (date, datePath) in ReadDates(year, workingElement, $"{path}.working_weekend_days", problems))
            {
                if (!seen.Add(date))
                {
                    problems.Add(new Problem(DateDuplicateCode, new(
                        $"{date:yyyy-MM-dd} is listed twice as a working weekend day.",
                        $"{date:yyyy-MM-dd} 被重复列为调休上班日。"), datePath));
                    continue;
                }
                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    // Only a weekend day can be declared a working day (调休上班); a weekday already is one.
                    problems.Add(new Problem(WorkingDayNotWeekendCode, new(
                        $"{date:yyyy-MM-dd} is a {date.DayOfWeek}: only a Saturday or Sunday can be declared a working day.",
                        $"{date:yyyy-MM-dd} 是{ChineseWeekday(date.DayOfWeek)}：只有星期六或星期日才能列为调休上班日。"), datePath));
                }
                if (holidayDates.TryGetValue(date, out var holidayPath))
                {
                    problems.Add(new Problem(HolidayAndWorkingDayCode, new(
                        $"{date:yyyy-MM-dd} is listed both as a working weekend day and as a holiday ({holidayPath}).",
                        $"{date:yyyy-MM-dd} 同时被列为调休上班日和节假日（{holidayPath}）。"), datePath));
                }
                workingDays.Add(date);
            }
        }

        return problems.Count == before ? new CalendarYear(year, source, holidays, workingDays) : null;
    }

    private static List<(DateOnly Date, string Path)> ReadDates(int year, JsonElement element, string path, List<Problem> problems)
    {
        var dates = new List<(DateOnly, string)>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            IllTyped(problems, path, "a list of dates", "日期列表");
            return dates;
        }
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (item.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add(new Problem(DateInvalidCode, new(
                    $"{text} is not a date written YYYY-MM-DD, such as 2026-02-16.",
                    $"{text} 不是 YYYY-MM-DD 格式的日期（例如 2026-02-16）。"), itemPath));
                continue;
            }
            if (date.Year != year)
            {
                // A date filed under the wrong year would be invisible to Covers() and silently ignored.
                problems.Add(new Problem(DateOutsideYearCode, new(
                    $"{text} is listed under {year} but falls in {date.Year}.",
                    $"{text} 列在 {year} 年下，但属于 {date.Year} 年。"), itemPath));
                continue;
            }
            dates.Add((date, itemPath));
        }
        return dates;
    }

    private static string? OptionalString(JsonElement root, string name, List<Problem> problems)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            IllTyped(problems, name, "a text", "文本");
            return null;
        }
        return element.GetString();
    }

    private static Problem IllTyped(List<Problem> problems, string path, string expectedEn, string expectedZh)
    {
        var problem = new Problem(IllTypedCode, new(
            $"{(path.Length == 0 ? "The file" : path)} should be {expectedEn}.",
            $"{(path.Length == 0 ? "文件" : path)} 应为{expectedZh}。"), path);
        problems.Add(problem);
        return problem;
    }

    private static string ChineseWeekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    /// <summary>
    /// The calendar in the file's own layout (one-space indent, Chinese unescaped), so a file loaded and saved
    /// unchanged is the same text and an officer's edit shows as a small diff.
    /// </summary>
    public string ToJson()
    {
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 1,
            // The file is read by officers: keep Chinese and quotes readable. It is never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            if (Id is not null)
            {
                writer.WriteString("id", Id);
            }
            if (DescriptionEn is not null)
            {
                writer.WriteString("description_en", DescriptionEn);
            }
            if (DescriptionZh is not null)
            {
                writer.WriteString("description_zh", DescriptionZh);
            }
            writer.WriteStartObject("years");
            foreach (var year in Years)
            {
                writer.WriteStartObject(year.Year.ToString(CultureInfo.InvariantCulture));
                writer.WriteString("source", year.Source);
                writer.WriteStartObject("holidays");
                foreach (var holiday in year.Holidays)
                {
                    WriteDates(writer, holiday.Name, holiday.Dates);
                }
                writer.WriteEndObject();
                WriteDates(writer, "working_weekend_days", year.WorkingWeekendDays);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDates(Utf8JsonWriter writer, string name, IReadOnlyList<DateOnly> dates)
    {
        writer.WriteStartArray(name);
        foreach (var date in dates)
        {
            writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        writer.WriteEndArray();
    }
}
