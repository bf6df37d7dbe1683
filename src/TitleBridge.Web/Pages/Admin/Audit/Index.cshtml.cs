using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Admin.Audit;

/// <summary>The audit log for administrators: filter by subject, actor, type and date; the chain's verification on the page.</summary>
public sealed class IndexModel(AppDbContext db, AuditChain chain) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public IReadOnlyList<string> Types { get; private set; } = [];
    public AuditChain.Verification? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Verification = await chain.VerifyAsync(ct);
        Types = await db.AuditEvents.AsNoTracking().Select(e => e.Type).Distinct().OrderBy(t => t).ToListAsync(ct);
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
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), GuangzhouClock.Offset);
            query = query.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), GuangzhouClock.Offset);
            query = query.Where(e => e.At < end);
        }
        Events = await query.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(ct);
    }

    private static string? Limit(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 200)];
}
