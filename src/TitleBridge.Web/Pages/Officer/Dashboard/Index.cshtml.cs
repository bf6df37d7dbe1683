using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Statistics;

namespace TitleBridge.Web.Pages.Officer.Dashboard;

/// <summary>The officers' dashboard of a cycle, exact figures (officers see exact figures, policy.md §7).</summary>
public sealed class IndexModel(AppDbContext db, Features.Statistics.Dashboard dashboard) : PageModel
{
    public IReadOnlyList<int> Cycles { get; private set; } = [];
    public DashboardView? View { get; private set; }

    public async Task OnGetAsync(int? cycle, CancellationToken ct)
    {
        Cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.Year).Select(c => c.Year).ToListAsync(ct);
        var chosen = Cycles.Contains(cycle ?? 0) ? cycle : Cycles.Cast<int?>().FirstOrDefault();
        if (chosen is { } year)
        {
            View = await dashboard.BuildAsync(year, ct);
        }
    }
}
