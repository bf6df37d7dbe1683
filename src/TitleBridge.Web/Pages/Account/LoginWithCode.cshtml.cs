using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Pages.Account;

/// <summary>The second step of sign-in for accounts with two-factor on: the code from the authenticator app.</summary>
public sealed class LoginWithCodeModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, Infrastructure.Audit.AuditWriter audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/account/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Redirect("/account/login");
        }
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        Failure = result.IsLockedOut ? "LoginLockedOut" : "TwoFactorCodeWrong";
        audit.Add(result.IsLockedOut
            ? new Infrastructure.Audit.AccountLockedOut(user.Id, await users.GetLockoutEndDateAsync(user))
            : new Infrastructure.Audit.SignInFailed(user.Id));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }
}
