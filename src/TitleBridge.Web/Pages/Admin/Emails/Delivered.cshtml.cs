using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Pages.Admin.Emails;

/// <summary>
/// The confirmation step before an email held as uncertain is recorded as delivered (decision record 0042): recorded,
/// it is never sent, so the page names the email and its Message-ID to look up in the mail server's log first. An id
/// that is not such an email (any more) goes back to the list with the "no longer held" notice, as a decision on it would.
/// </summary>
public sealed class DeliveredModel(HeldEmails held, AuditWriter audit, IOptions<EmailOptions> options) : PageModel
{
    public HeldEmails.Held Email { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await held.FindUncertainAsync(id, EmailMessages.MessageIdDomain(options.Value), ct) is not { } email)
        {
            return RedirectToPage("Index", new { done = "gone" });
        }
        Email = email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        RedirectToPage("Index", new { done = await held.MarkDeliveredAsync(id, audit.Actor, ct) ? "delivered" : "gone" });
}
