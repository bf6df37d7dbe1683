using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Officer.Review;

/// <summary>The expert pool with filters, and the form that adds an expert (the invitation goes by email).</summary>
public sealed class ExpertsModel(ExpertPool pool, ReviewAccess access, ReferenceData reference, TimeProvider time) : PageModel
{
    public ReferenceData Reference => reference;
    public IReadOnlyList<Data.Expert> Experts { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public DateOnly Today => time.Today();
    public int MaxTermYears { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Specialty { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Available { get; set; }
    [BindProperty] public string? NameZh { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? TitleHeld { get; set; }
    [BindProperty] public string? EmployerName { get; set; }
    [BindProperty] public string? EmployerCreditCode { get; set; }
    [BindProperty] public List<string> Specialties { get; set; } = [];
    [BindProperty] public DateOnly? TermFrom { get; set; }
    [BindProperty] public DateOnly? TermTo { get; set; }
    [BindProperty] public string? Culture { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await pool.AddAsync(new(NameZh, NameEn, Email, TitleHeld, EmployerName, EmployerCreditCode, Specialties, TermFrom, TermTo, Culture),
            User.Identity!.Name!, (u, t) => new Uri($"{Request.Scheme}://{Request.Host}/account/set-password?userId={Uri.EscapeDataString(u)}&code={Uri.EscapeDataString(t)}"), ct);
        if (result.Succeeded)
        {
            return Redirect("/officer/experts?added=1");
        }
        Problems = result.Problems;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Experts = await pool.ListAsync(string.IsNullOrEmpty(Specialty) ? null : Specialty, Available, ct);
        MaxTermYears = (await access.RulesAsync(ct)).Review.MaxExpertTermYears.Value;
    }
}
