using Microsoft.AspNetCore.Http.HttpResults;
using TitleBridge.Domain.Calendar;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Calendar;

public sealed record CalendarYearDto(int Year, string Source, int Holidays, int WorkingWeekendDays);

public sealed record CalendarDto(string? Id, IReadOnlyList<CalendarYearDto> Years)
{
    public static CalendarDto From(WorkingDayCalendar c) =>
        new(c.Id, c.Years.Select(y => new CalendarYearDto(y.Year, y.Source, y.Holidays.Sum(h => h.Dates.Count), y.WorkingWeekendDays.Count)).ToList());
}

/// <summary>The working-day calendar (policy.md §5: the State Council's schedule incl. 调休) for officers to read and replace.</summary>
public static class CalendarApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization(Policies.Officer);
        api.MapGet("/", Get).WithName("GetCalendar").WithSummary("The years the working-day calendar covers, each with its source (officers).");
        api.MapPut("/", Put).WithName("ReplaceCalendar").Accepts<object>("application/json")
            .WithSummary("Replaces the calendar with a JSON document in the format of data/calendar/cn-public-holidays.json; every problem is listed and nothing changes on error (officers).");
    }

    public static async Task<Ok<CalendarDto>> Get(WorkingCalendar calendar, CancellationToken ct) =>
        TypedResults.Ok(CalendarDto.From(await calendar.CurrentAsync(ct)));

    public static async Task<Results<Ok<CalendarDto>, ValidationProblem>> Put(HttpRequest request, WorkingCalendar calendar, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var saved = await calendar.SaveAsync(json, request.HttpContext.User.Identity!.Name!, ct);
        return saved.Succeeded ? TypedResults.Ok(CalendarDto.From(saved.Value)) : ProblemAnswers.Invalid(saved.Problems);
    }
}
