using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Accounts;

/// <summary>
/// What every self-registration does with the address it was given (issue #12, "No enumeration"): a new
/// account is sent a confirmation link; an address that already has an account costs the same work and
/// its owner is told by email, so the answer on the screen is the same either way.
/// </summary>
public sealed class AccountAddresses(UserManager<AppUser> users, IEmailOutbox outbox, PublicLinks links)
{
    /// <summary>Queues the confirmation email (committed with the caller's SaveChanges).</summary>
    public async Task QueueConfirmationAsync(AppUser user, Func<string, string, Uri> confirmLink)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        outbox.Enqueue(new EmailRecipient(user.Email!, user.DisplayName, user.PreferredCulture), new ConfirmEmail(confirmLink(user.Id, code)));
    }

    /// <summary>As much work as a new account (one password hash), then the owner hears of it, not the caller.</summary>
    public void AnswerKnownAddress(AppUser existing, string password)
    {
        users.PasswordHasher.HashPassword(existing, password);
        outbox.Enqueue(new EmailRecipient(existing.Email!, existing.DisplayName, existing.PreferredCulture), new AccountAlreadyExists(links.To("/account/login")));
    }
}
