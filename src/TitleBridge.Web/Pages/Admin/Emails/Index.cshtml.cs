using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Pages.Admin.Emails;

/// <summary>
/// Emails held for an administrator's decision (issue #10, decision record 0042): each with what the mail server's
/// log is searched by (the Message-ID), and the two decisions — it did not arrive, send it again; it arrived, record
/// it delivered (after a confirmation step: Delivered.cshtml). A decision answers with a notice on this page (post, then redirect).
/// </summary>
public sealed class IndexModel(HeldEmails held, AuditWriter audit, IOptions<EmailOptions> options) : PageModel
{
    /// <summary>The last decision's outcome, for the notice: sent-again, delivered or gone.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public IReadOnlyList<HeldEmails.Held> Emails { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Emails, Total) = await held.ListAsync(EmailMessages.MessageIdDomain(options.Value), ct);
    }

    public async Task<IActionResult> OnPostSendAgainAsync(Guid id, CancellationToken ct) =>
        RedirectToPage(new { done = await held.SendAgainAsync(id, audit.Actor, ct) ? "sent-again" : "gone" });
}
