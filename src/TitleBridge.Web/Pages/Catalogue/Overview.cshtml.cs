using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Pages.Catalogue;

/// <summary>The sector × level matrix of the edition in force, as a table and a bar chart.</summary>
public sealed class OverviewModel(CatalogueSnapshots snapshots, ReferenceData reference) : PageModel
{
    public static readonly TitleLevel[] Levels = [TitleLevel.AssistantEngineer, TitleLevel.Engineer, TitleLevel.SeniorEngineer];

    public CatalogueSnapshot? Snapshot { get; private set; }
    public ReferenceData Reference => reference;
    public Dictionary<(string Sector, TitleLevel Level), int> Counts { get; private set; } = [];
    public int Max { get; private set; }

    public int Count(string sector, TitleLevel level) => Counts.GetValueOrDefault((sector, level));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Snapshot = await snapshots.InForceAsync(ct: ct);
        if (Snapshot is null)
        {
            return;
        }
        Counts = Snapshot.Entries.GroupBy(e => (e.Sector, e.Level)).ToDictionary(g => g.Key, g => g.Count());
        Max = reference.Sectors.Select(s => Levels.Sum(l => Count(s.Code, l))).DefaultIfEmpty(1).Max();
    }
}
