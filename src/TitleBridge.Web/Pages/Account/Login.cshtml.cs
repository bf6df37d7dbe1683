using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> l, AccountThrottle throttle,
    AppDbContext db, Infrastructure.Audit.AuditWriter audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "EmailRequired")]
    [EmailAddress(ErrorMessage = "EmailInvalid")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "PasswordRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    /// <summary>The right password for an account whose email is not confirmed yet: offer to send the link again.</summary>
    public bool NotConfirmed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        using (var lease = throttle.TryAcquire(Email))
        {
            if (!lease.IsAcquired)
            {
                // Too many attempts on this account from anywhere: refused before the password is tried, so the lockout is not reached.
                await RateLimits.RejectAsync(HttpContext, lease, HttpContext.RequestAborted);
                return new EmptyResult();
            }
        }
        // Self-registered applicants and employer accounts sign in only once they have proved they own the address (issues #4, #12).
        // Said only after the right password, so the message reveals nothing to someone guessing.
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is { EmailConfirmed: false } && (await users.IsInRoleAsync(user, Roles.Applicant) || await users.IsInRoleAsync(user, Roles.Employer)) && !await users.IsLockedOutAsync(user)
            && await users.CheckPasswordAsync(user, Password))
        {
            NotConfirmed = true;
            Failure = l["LoginEmailNotConfirmed"];
            return Page();
        }
        if (user is null)
        {
            // The same work as for a real account (one password hash), so timing does not tell which addresses exist.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownAccountHash, Password);
            audit.Add(new Infrastructure.Audit.SignInFailed(null));
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            Failure = l["Security.LoginFailed"];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWithCode", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }
        if (result.IsLockedOut)
        {
            // A lockout ends the account's sessions: whoever is guessing may already be signed in elsewhere.
            await users.UpdateSecurityStampAsync(user);
            audit.Add(new Infrastructure.Audit.AccountLockedOut(user.Id, await users.GetLockoutEndDateAsync(user)));
        }
        else
        {
            audit.Add(new Infrastructure.Audit.SignInFailed(user.Id));
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // One wording for a wrong password, an unknown address and a lockout: it reveals nothing about the account.
        Failure = l["Security.LoginFailed"];
        return Page();
    }

    /// <summary>A hash of a random password, made once, in the format and cost of real ones.</summary>
    private static readonly string UnknownAccountHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
}
