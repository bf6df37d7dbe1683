using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Officer.Review;

/// <summary>Committees of every cycle, and the form that draws a new one (chair and vice-chairs named, the rest drawn).</summary>
public sealed class CommitteesModel(Committees committees, ExpertPool pool, ReferenceData reference, TimeProvider time) : PageModel
{
    public ReferenceData Reference => reference;
    public IReadOnlyList<Committee> Committees { get; private set; } = [];
    public IReadOnlyList<Data.Expert> Pool { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public int? CycleYear { get; set; }
    [BindProperty] public string? Band { get; set; }
    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public string? SpecialtyGroup { get; set; }
    [BindProperty] public string? NameZh { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public int? Size { get; set; }
    [BindProperty] public Guid? ChairId { get; set; }
    [BindProperty] public List<Guid> ViceChairIds { get; set; } = [];
    [BindProperty] public long? Seed { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CycleYear ??= time.Today().Year;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var created = await committees.CreateAsync(new(CycleYear, Band, Organisation, string.IsNullOrEmpty(SpecialtyGroup) ? null : SpecialtyGroup, NameZh, NameEn, Size, ChairId, ViceChairIds, Seed), User.Identity!.Name!, ct);
        if (created.Succeeded)
        {
            return Redirect($"/officer/committees/{created.Value.Id}");
        }
        Problems = created.Problems;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Committees = await committees.ListAsync(ct);
        Pool = await pool.ListAsync(null, true, ct);
    }
}
