using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Cycles;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Cycles;

/// <summary>Annual cycles: list, open a new one, change one.</summary>
public sealed class IndexModel(AppDbContext db, SaveCycle save, ReferenceData reference, TimeProvider time) : PageModel
{
    public IReadOnlyList<EvaluationCycle> Cycles { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public ReferenceData Reference => reference;
    public DateOnly Today => time.Today();

    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public DateOnly? OpensOn { get; set; }
    [BindProperty] public DateOnly? ClosesOn { get; set; }
    [BindProperty] public DateOnly? CountUntil { get; set; }
    [BindProperty] public List<string> Levels { get; set; } = [];
    [BindProperty] public List<string> Specialties { get; set; } = [];
    [BindProperty] public Guid? Stamp { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var editing = Edit is null ? null : Cycles.FirstOrDefault(c => c.Year == Edit);
        var form = editing is null
            ? CycleForm.Usual(Cycles.Count == 0 ? Today.Year : Cycles.Max(c => c.Year) + 1)
            : new CycleForm(editing.Year, editing.OpensOn, editing.ClosesOn, editing.CountUntil, editing.Levels, editing.Specialties);
        (Year, OpensOn, ClosesOn, CountUntil, Levels, Specialties, Stamp) =
            (form.Year, form.OpensOn, form.ClosesOn, form.CountUntil, form.Levels!.ToList(), form.Specialties!.ToList(), editing?.ConcurrencyStamp);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await save.HandleAsync(new CycleForm(Year, OpensOn, ClosesOn, CountUntil, Levels, Specialties), User.Identity!.Name!, isNew: Edit is null, Stamp, ct);
        if (result.Succeeded)
        {
            return Redirect($"/officer/cycles?saved={result.Value.Year}");
        }
        Problems = result.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(result.Problems);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.Year).ToListAsync(ct);
}
