using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Pages.Officer.Catalogue;

public sealed class IndexModel(AppDbContext db, CatalogueSnapshots snapshots) : PageModel
{
    public IReadOnlyList<(CatalogueEditionRecord Edition, int Count)> Editions { get; private set; } = [];
    public string? InForceId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        InForceId = (await snapshots.InForceAsync(ct: ct))?.Edition.Id;
        var rows = await db.CatalogueEditions.AsNoTracking().Select(e => new { e, n = e.Entries.Count }).ToListAsync(ct);
        Editions = rows.OrderByDescending(r => r.e.AnnouncedOn).ThenBy(r => r.e.Id, StringComparer.Ordinal).Select(r => (r.e, r.n)).ToList();
    }
}
