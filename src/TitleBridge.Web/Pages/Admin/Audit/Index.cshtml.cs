using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Admin.Audit;

/// <summary>
/// The audit log for administrators: filter by subject, actor, type and date (from and to, both counted, in Guangzhou
/// time); the chain's verification on the page. A date that is not one is named next to its field, and nothing is listed.
/// </summary>
public sealed class IndexModel(AppDbContext db, AuditChain chain, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Key == field).Value;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public IReadOnlyList<string> Types { get; private set; } = [];
    public AuditChain.Verification? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Verification = await chain.VerifyAsync(ct);
        Types = Infrastructure.Audit.AuditCatalogue.Types.Select(t => t.Name).OrderBy(t => Infrastructure.Audit.AuditCatalogue.NameOf(t).Pick(), StringComparer.CurrentCulture).ToList();
        var fromDate = Date(From, nameof(From));
        var toDate = Date(To, nameof(To));
        if (fromDate is { } f && toDate is { } t && t < f)
        {
            Errors.Add(new(nameof(To), l["Audit.ToBeforeFrom"].Value));
        }
        if (Errors.Count > 0)
        {
            return;
        }
        var query = db.AuditEvents.AsNoTracking();
        if (Limit(Subject) is { } subject)
        {
            query = query.Where(e => e.Subject.StartsWith(subject));
        }
        if (Limit(Actor) is { } actor)
        {
            query = query.Where(e => e.Actor == actor);
        }
        if (Limit(Type) is { } type)
        {
            query = query.Where(e => e.Type == type);
        }
        if (fromDate is { } from)
        {
            // In UTC: events are stored at offset 0, SQLite's converter compares clock ticks without the offset, and
            // Npgsql writes only offset 0 to timestamptz.
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), GuangzhouClock.Offset).ToUniversalTime();
            query = query.Where(e => e.At >= start);
        }
        if (toDate is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), GuangzhouClock.Offset).ToUniversalTime();
            query = query.Where(e => e.At < end);
        }
        Events = await query.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(ct);
    }

    private DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }
        Errors.Add(new(field, (field == nameof(From) ? l["Audit.FromInvalid"] : l["Audit.ToInvalid"]).Value));
        return null;
    }

    private static string? Limit(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 200)];
}
