using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Results;

namespace TitleBridge.Web.Pages.Officer.Objections;

/// <summary>The office's queue of objections to published results (policy.md §5.5): undecided first, oldest first.</summary>
public sealed class IndexModel(ResultPublicity results) : PageModel
{
    public IReadOnlyList<(ResultObjection Objection, string? Reference)> Queue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Queue = await results.QueueAsync(ct);
}
