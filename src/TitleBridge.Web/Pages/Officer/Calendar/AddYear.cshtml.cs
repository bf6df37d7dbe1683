using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Calendar;
using TitleBridge.Web.Features.Calendar;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Officer.Calendar;

/// <summary>
/// Adds one year of the State Council's holiday schedule through a form, field by field (issue #11): the
/// notice it comes from, each holiday with its first and last day off, and the weekend days declared
/// working days. The JSON upload on the calendar page stays as the alternative for whole files.
/// </summary>
public sealed class AddYearModel(WorkingCalendar calendar, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int HolidayRows = 8;
    public const int WorkingDayRows = 8;
    public const int MaxSourceLength = 300;
    public const int MaxNameLength = 100;

    [BindProperty] public string? Year { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string?[] HolidayName { get; set; } = new string?[HolidayRows];
    [BindProperty] public string?[] HolidayFrom { get; set; } = new string?[HolidayRows];
    [BindProperty] public string?[] HolidayTo { get; set; } = new string?[HolidayRows];
    [BindProperty] public string?[] WorkingDay { get; set; } = new string?[WorkingDayRows];

    /// <summary>Field id → message, in the order of the form.</summary>
    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Key == field).Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await calendar.CurrentAsync(ct);
        Year = ((current.Years.Count == 0 ? DateTime.UtcNow.Year : current.Years[^1].Year) + 1).ToString(CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Pad();
        var current = await calendar.CurrentAsync(ct);
        int? year = null;
        if (!int.TryParse(Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
        {
            Error("Year", "CalendarForm.YearInvalid");
        }
        else
        {
            year = y;
            if (current.Covers(y))
            {
                Error("Year", "CalendarForm.YearExists", y);
            }
        }
        var source = Source?.Trim() ?? "";
        if (source.Length == 0)
        {
            Error("Source", "CalendarForm.SourceRequired");
        }
        else if (source.Length > MaxSourceLength)
        {
            Error("Source", "CalendarForm.TooLong", l["CalendarSource"].Value, MaxSourceLength);
        }

        var holidays = new List<NamedHoliday>();
        var daysOff = new HashSet<DateOnly>();
        for (var i = 0; i < HolidayRows; i++)
        {
            var name = HolidayName[i]?.Trim() ?? "";
            var row = i + 1;
            if (name.Length == 0 && string.IsNullOrWhiteSpace(HolidayFrom[i]) && string.IsNullOrWhiteSpace(HolidayTo[i]))
            {
                continue;
            }
            if (name.Length == 0)
            {
                Error($"HolidayName_{i}", "CalendarForm.HolidayNameRequired", row);
            }
            else if (name.Length > MaxNameLength)
            {
                Error($"HolidayName_{i}", "CalendarForm.TooLong", string.Format(CultureInfo.CurrentCulture, l["CalendarForm.HolidayNameN"].Value, row), MaxNameLength);
            }
            var from = Date(HolidayFrom[i], $"HolidayFrom_{i}", string.Format(CultureInfo.CurrentCulture, l["CalendarForm.FirstDayN"].Value, row), year);
            var to = Date(HolidayTo[i], $"HolidayTo_{i}", string.Format(CultureInfo.CurrentCulture, l["CalendarForm.LastDayN"].Value, row), year);
            if (from is { } f && to is { } t)
            {
                if (t < f)
                {
                    Error($"HolidayTo_{i}", "CalendarForm.LastBeforeFirst", row);
                }
                else if (name.Length > 0)
                {
                    var dates = Enumerable.Range(0, t.DayNumber - f.DayNumber + 1).Select(d => f.AddDays(d)).ToList();
                    if (dates.Any(daysOff.Contains))
                    {
                        Error($"HolidayFrom_{i}", "CalendarForm.HolidayOverlaps", row);
                    }
                    daysOff.UnionWith(dates);
                    holidays.Add(new NamedHoliday(name, dates));
                }
            }
        }
        if (holidays.Count == 0 && !Errors.Any(e => e.Key.StartsWith("Holiday", StringComparison.Ordinal)))
        {
            Error("HolidayName_0", "CalendarForm.HolidayAtLeastOne");
        }

        var workingDays = new List<DateOnly>();
        for (var i = 0; i < WorkingDayRows; i++)
        {
            if (string.IsNullOrWhiteSpace(WorkingDay[i]))
            {
                continue;
            }
            var label = string.Format(CultureInfo.CurrentCulture, l["CalendarForm.WorkingDayN"].Value, i + 1);
            if (Date(WorkingDay[i], $"WorkingDay_{i}", label, year) is not { } day)
            {
                continue;
            }
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                Error($"WorkingDay_{i}", "CalendarForm.WorkingDayNotWeekend", label, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else if (daysOff.Contains(day))
            {
                Error($"WorkingDay_{i}", "CalendarForm.WorkingDayIsHoliday", label);
            }
            else if (workingDays.Contains(day))
            {
                Error($"WorkingDay_{i}", "CalendarForm.WorkingDayTwice", label);
            }
            else
            {
                workingDays.Add(day);
            }
        }

        if (Errors.Count == 0)
        {
            var next = current.WithYear(new CalendarYear(year!.Value, source, holidays, workingDays.Order().ToList()));
            var saved = await calendar.SaveAsync(next.ToJson(), User.Identity!.Name!, ct);
            if (saved.Succeeded)
            {
                return Redirect("/officer/calendar?saved=1");
            }
            foreach (var problem in saved.Problems)
            {
                Errors.Add(new("Year", problem.Message.Pick()));
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>A date typed as YYYY-MM-DD in the year being added, or reported under <paramref name="field"/>.</summary>
    private DateOnly? Date(string? text, string field, string label, int? year)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(field, "CalendarForm.DateRequired", label);
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error(field, "CalendarForm.DateInvalid", label);
            return null;
        }
        if (year is { } y && date.Year != y)
        {
            Error(field, "CalendarForm.DateOutsideYear", label, y);
            return null;
        }
        return date;
    }

    private void Error(string field, string key, params object[] args) =>
        Errors.Add(new(field, args.Length == 0 ? l[key].Value : string.Format(CultureInfo.CurrentCulture, l[key].Value, args)));

    /// <summary>Posted arrays come back as long as the rows sent; the form always shows every row.</summary>
    private void Pad()
    {
        HolidayName = [.. HolidayName.Concat(new string?[HolidayRows]).Take(HolidayRows)];
        HolidayFrom = [.. HolidayFrom.Concat(new string?[HolidayRows]).Take(HolidayRows)];
        HolidayTo = [.. HolidayTo.Concat(new string?[HolidayRows]).Take(HolidayRows)];
        WorkingDay = [.. WorkingDay.Concat(new string?[WorkingDayRows]).Take(WorkingDayRows)];
    }
}
