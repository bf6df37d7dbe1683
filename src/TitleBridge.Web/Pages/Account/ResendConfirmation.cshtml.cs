using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Features.Accounts;
using TitleBridge.Web.Features.Applications;

namespace TitleBridge.Web.Pages.Account;

public sealed class ResendConfirmationModel(RegisterApplicant handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The same answer whether or not the address has an account: nobody learns who is registered.
        await handler.ResendAsync(Email, ApplicationsApi.ConfirmLink(HttpContext), ct);
        Sent = true;
        return Page();
    }
}
