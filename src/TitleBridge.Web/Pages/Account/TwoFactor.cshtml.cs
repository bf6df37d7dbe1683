using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Pages.Account;

/// <summary>
/// Optional two-factor sign-in with an authenticator app (TOTP, RFC 6238) through Identity's built-in
/// authenticator token provider: the key is shown as text and as an otpauth:// URI; no QR code, so the
/// page needs no script or image library.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, Infrastructure.Audit.AuditWriter audit) : PageModel
{
    public bool Enabled { get; private set; }
    public string Key { get; private set; } = "";
    public string Uri { get; private set; } = "";

    /// <summary>The setup address as a QR code (PNG, as a data address) for an authenticator app to scan.</summary>
    public string QrCode => "data:image/png;base64," + Convert.ToBase64String(
        new QRCoder.PngByteQRCode(new QRCoder.QRCodeGenerator().CreateQrCode(Uri, QRCoder.QRCodeGenerator.ECCLevel.M)).GetGraphic(5, [0, 0, 0, 255], [255, 255, 255, 255]));
    public bool Failed { get; private set; }

    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Failed = true;
            return await LoadAsync();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        audit.Add(new Infrastructure.Audit.TwoFactorChanged(user.Id, true));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        audit.Add(new Infrastructure.Audit.TwoFactorChanged(user.Id, false));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task<IActionResult> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                // A new key renews the security stamp, which ends sessions: this one carries on.
                await signIn.RefreshSignInAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }
            Key = key!;
            var label = System.Uri.EscapeDataString($"TitleBridge:{user.Email}");
            Uri = $"otpauth://totp/{label}?secret={Key}&issuer=TitleBridge&digits=6";
        }
        return Page();
    }
}
