using MimeKit;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>Who receives an email, and in which language ("zh-Hans" or "en").</summary>
public sealed record EmailRecipient(string Address, string Name, string Culture);

/// <summary>Puts emails in the outbox of the current unit of work.</summary>
public interface IEmailOutbox
{
    /// <summary>
    /// Renders the template in the recipient's language and adds the email to the current
    /// <see cref="AppDbContext"/> without saving: it is committed with the caller's change by the caller's
    /// SaveChanges, and vanishes if that change is rolled back.
    /// </summary>
    OutboxEmail Enqueue(EmailRecipient to, EmailTemplate template);
}

public sealed class EmailOutbox(AppDbContext db, TimeProvider clock, PublicLinks links) : IEmailOutbox
{
    public OutboxEmail Enqueue(EmailRecipient to, EmailTemplate template)
    {
        // Addresses are validated where people type them; one that does not parse here is a bug.
        if (!MailboxAddress.TryParse(to.Address, out var parsed) || parsed.Address != to.Address.Trim())
        {
            throw new ArgumentException($"Not an email address: '{to.Address}'.", nameof(to));
        }
        var culture = to.Culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Localization.Chinese : Localization.English;
        var rendered = template.Render(culture, to.Name, links.Base);
        var now = clock.GetUtcNow();
        var email = new OutboxEmail
        {
            // Version 7 ids sort by creation time, which keeps .eml file names and the table in order.
            Id = Guid.CreateVersion7(now),
            TemplateKey = template.Key,
            To = parsed.Address,
            ToName = to.Name.Trim(),
            Culture = culture,
            Subject = rendered.Subject,
            TextBody = rendered.TextBody,
            HtmlBody = rendered.HtmlBody,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxEmails.Add(email);
        return email;
    }
}
