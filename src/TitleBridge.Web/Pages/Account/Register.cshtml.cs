using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Accounts;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Account;

public sealed class RegisterModel(RegisterApplicant handler) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Culture { get; set; }
    [BindProperty] public string? PrivacyNotice { get; set; }

    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Registered { get; private set; }

    public void OnGet() => Culture ??= Localization.CurrentCulture;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new(Email, Password, DisplayName, Culture, PrivacyNotice), ApplicationsApi.ConfirmLink(HttpContext), ct);
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            return Page();
        }
        Registered = true;
        return Page();
    }
}
