using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Employers;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Employers;

/// <summary>Officers approve or reject registered employer organisations.</summary>
public sealed class IndexModel(AppDbContext db, DecideEmployer decide, GuangzhouDistricts districts) : PageModel
{
    public IReadOnlyList<Data.Employer> Pending { get; private set; } = [];
    public IReadOnlyList<Data.Employer> Decided { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public Guid EmployerId { get; set; }
    [BindProperty] public Guid? Stamp { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string DistrictName(string code) => districts.Find(code)?.Name.Pick() ?? code;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => DecideAsync(true, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => DecideAsync(false, ct);

    private async Task<IActionResult> DecideAsync(bool approve, CancellationToken ct)
    {
        var result = await decide.HandleAsync(EmployerId, approve, Reason, User.Identity!.Name!, Stamp, ct);
        if (result.Succeeded)
        {
            return Redirect("/officer/employers?decided=1");
        }
        Problems = result.Problems;
        if (ProblemAnswers.PageRefusal(result.Problems) is { } refusal)
        {
            return refusal;
        }
        Response.StatusCode = ProblemAnswers.PageStatus(result.Problems);
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await db.Employers.AsNoTracking().ToListAsync(ct);
        Pending = [.. all.Where(e => e.Status == EmployerStatus.PendingApproval).OrderBy(e => e.RegisteredAt)];
        Decided = [.. all.Where(e => e.Status != EmployerStatus.PendingApproval).OrderByDescending(e => e.DecidedAt)];
    }
}
