using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Features.PersonalData;

namespace TitleBridge.Web.Pages.Privacy;

/// <summary>The privacy notice in force, for everyone (policy.md §6).</summary>
public sealed class IndexModel(PrivacyNotices notices) : PageModel
{
    public PrivacyNoticeDto? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Notice = await notices.CurrentAsync(ct);
}
