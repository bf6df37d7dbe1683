using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Features.Accounts;

namespace TitleBridge.Web.Pages.Account;

public sealed class ConfirmEmailModel(RegisterApplicant handler) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code) => Confirmed = await handler.ConfirmAsync(userId, code);
}
