using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Applications;

[Authorize(Roles = Roles.Applicant)]
public sealed class IndexModel(ApplicationDetails details, StartApplication start, AppDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<ApplicationSummaryDto> Applications { get; private set; } = [];
    public EvaluationCycle? OpenCycle { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var result = await start.HandleAsync(ApplicationsApi.UserId(User), ct);
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/applications/{result.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Applications = await details.MineAsync(ApplicationsApi.UserId(User), ct);
        var today = time.Today();
        OpenCycle = (await db.Cycles.AsNoTracking().ToListAsync(ct)).Where(c => c.IsOpenOn(today)).OrderByDescending(c => c.Year).FirstOrDefault();
    }
}
