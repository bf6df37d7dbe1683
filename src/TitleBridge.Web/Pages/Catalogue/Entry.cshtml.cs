using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Pages.Catalogue;

public sealed class EntryModel(CatalogueSnapshots snapshots, ReferenceData reference) : PageModel
{
    public CatalogueSnapshot Snapshot { get; private set; } = null!;
    public CatalogueEntry Entry { get; private set; } = null!;
    public ReferenceData Reference => reference;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var snapshot = await snapshots.InForceAsync(ct: ct);
        if (snapshot is null || !snapshot.ByCode.TryGetValue(code, out var entry))
        {
            return NotFound();
        }
        Snapshot = snapshot;
        Entry = entry;
        return Page();
    }
}
