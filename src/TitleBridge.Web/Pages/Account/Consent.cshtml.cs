using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.PersonalData;

namespace TitleBridge.Web.Pages.Account;

/// <summary>The notice changed since the person last consented: they read the new version and consent again (policy.md §6).</summary>
[Authorize]
public sealed class ConsentModel(PrivacyNotices notices, AppDbContext db) : PageModel
{
    public PrivacyNoticeDto? Notice { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    [BindProperty] public string? PrivacyNotice { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Notice = await notices.CurrentAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await notices.CheckAsync(PrivacyNotice, ct) is { } problem)
        {
            Problems = [problem];
            Notice = await notices.CurrentAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        notices.Record(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, PrivacyNotice!, "sign-in");
        await db.SaveChangesAsync(ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
