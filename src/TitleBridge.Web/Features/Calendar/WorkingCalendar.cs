using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Calendar;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Calendar;

/// <summary>
/// The working-day calendar in force: the officers' edited copy in the database when there is one,
/// otherwise the file shipped in data/calendar (State Council notices, with their sources).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Refreshing<WorkingDayCalendar> _current;

    public WorkingCalendar(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        ShippedFile = ShippedFileIn(configuration);
        _current = new(LoadAsync, time, TimeSpan.FromSeconds(30));
    }

    public string ShippedFile { get; }

    /// <summary>The calendar shipped in data/calendar (State Council notices, with their sources).</summary>
    public static string ShippedFileIn(IConfiguration configuration) =>
        Path.Combine(ReferenceFiles.Directory(configuration), "calendar", "cn-public-holidays.json");

    public Task<WorkingDayCalendar> CurrentAsync(CancellationToken ct = default) => _current.GetAsync(ct);

    /// <summary>Replaces the calendar after checking it; nothing changes if anything is wrong.</summary>
    public async Task<Result<WorkingDayCalendar>> SaveAsync(string json, string actor, CancellationToken ct = default)
    {
        var loaded = WorkingDayCalendar.Load(json);
        if (!loaded.Succeeded)
        {
            return loaded;
        }
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.CalendarDocuments.SingleOrDefaultAsync(c => c.Id == 1, ct);
        var now = _time.GetUtcNow();
        if (row is null)
        {
            db.CalendarDocuments.Add(new CalendarDocument { Json = json, UpdatedBy = actor, UpdatedAt = now });
        }
        else
        {
            row.Json = json;
            row.UpdatedBy = actor;
            row.UpdatedAt = now;
            row.ConcurrencyStamp = Guid.NewGuid();
        }
        scope.ServiceProvider.GetRequiredService<Infrastructure.Audit.AuditWriter>().Add(new Infrastructure.Audit.CalendarChanged(loaded.Value.Years.Select(y => y.Year).ToArray()));
        await db.SaveChangesAsync(ct);
        _current.Invalidate();
        return loaded;
    }

    private async Task<WorkingDayCalendar> LoadAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.CalendarDocuments.AsNoTracking().Where(c => c.Id == 1).Select(c => c.Json).SingleOrDefaultAsync(ct);
        var loaded = stored is null ? WorkingDayCalendar.LoadFile(ShippedFile) : WorkingDayCalendar.Load(stored);
        return loaded.Succeeded
            ? loaded.Value
            : throw new InvalidOperationException("The working-day calendar does not load: " + loaded.Problems[0].Message.En);
    }
}
