using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.EmployerReview;

namespace TitleBridge.Web.Pages.Employer;

/// <summary>The employer's queue (policy.md §5.2): the applications naming it; before approval, a waiting page.</summary>
[Authorize(Roles = Roles.Employer)]
public sealed class IndexModel(AppDbContext db, ReviewByEmployer review) : PageModel
{
    public Data.Employer? Organisation { get; private set; }
    public IReadOnlyList<Application> Applications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organisation = await EmployerAccess.OrganisationAsync(db, User, ct);
        if (Organisation is { Status: EmployerStatus.Approved })
        {
            Applications = await review.QueueAsync(Organisation.Id, ct);
        }
    }
}
