using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;

namespace TitleBridge.Web.Pages.Officer.Intake;

/// <summary>The intake queue (policy.md §5.3): files to check, then files waiting for a correction with their due dates.</summary>
public sealed class IndexModel(IntakeReview intake) : PageModel
{
    public IReadOnlyList<Application> Applications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Applications = await intake.QueueAsync(ct);
}
