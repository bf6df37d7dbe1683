using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Statistics;

namespace TitleBridge.Web.Pages.Statistics;

/// <summary>The open statistics of a cycle for everyone: only the suppressed tables (policy.md §7).</summary>
public sealed class IndexModel(AppDbContext db, OpenStatistics open) : PageModel
{
    public IReadOnlyList<int> Cycles { get; private set; } = [];
    public OpenStatisticsDto? Figures { get; private set; }

    public async Task OnGetAsync(int? cycle, CancellationToken ct)
    {
        var cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.Year).ToListAsync(ct);
        Cycles = cycles.Select(c => c.Year).ToList();
        var chosen = cycles.FirstOrDefault(c => c.Year == cycle) ?? cycles.FirstOrDefault();
        if (chosen is not null)
        {
            Figures = await open.BuildAsync(chosen.Year, chosen.OpensOn, chosen.ClosesOn, ct);
        }
    }
}
