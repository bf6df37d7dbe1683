using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Import;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Catalogue;

/// <summary>One edition: counts against the declared totals, changes from the edition in force, publish, export.</summary>
public sealed class EditionModel(CatalogueSnapshots snapshots, CatalogueImporter importer, TimeProvider time) : PageModel
{
    public CatalogueSnapshot Snapshot { get; private set; } = null!;
    public CatalogueSnapshot? InForce { get; private set; }
    public IReadOnlyList<TotalsMismatch> Mismatches { get; private set; } = [];
    public EditionDiff? Changes { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    [BindProperty] public string? OverrideReason { get; set; }
    [BindProperty] public Guid Stamp { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(string id, CancellationToken ct)
    {
        if (EffectiveFrom is null)
        {
            Problems = [new Problem("edition.effectiveFrom", new("Enter the date from which the edition is in force.", "请填写该版次的生效日期。"), "EffectiveFrom")];
        }
        else
        {
            var result = await importer.PublishAsync(id, EffectiveFrom.Value, OverrideReason, User.Identity!.Name!, Stamp, ct);
            if (result.Succeeded)
            {
                return Redirect($"/officer/catalogue/editions/{id}?published=true");
            }
            Problems = result.Problems;
        }
        snapshots.Invalidate();
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Response.StatusCode = ProblemAnswers.PageStatus(Problems);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var snapshot = await snapshots.GetAsync(id, ct);
        if (snapshot is null)
        {
            return false;
        }
        Snapshot = snapshot;
        Stamp = snapshot.Edition.ConcurrencyStamp;
        EffectiveFrom ??= time.Today();
        InForce = await snapshots.InForceAsync(ct: ct);
        var e = snapshot.Edition;
        Mismatches = DeclaredTotalsCheck.Compare(snapshot.Entries, new DeclaredTotals(e.DeclaredTotal, e.DeclaredByLevel, e.DeclaredBySector));
        if (InForce is not null && InForce.Edition.Id != id)
        {
            Changes = EditionDiff.Compare(InForce.Entries, snapshot.Entries);
        }
        return true;
    }
}
