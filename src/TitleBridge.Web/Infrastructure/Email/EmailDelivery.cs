using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>Hands one email to the outside world. Throws when it could not; the sender then retries later.</summary>
public interface IEmailDelivery
{
    Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken);
}

public static class EmailMessages
{
    /// <summary>The RFC 5322 message for an outbox row.</summary>
    public static MimeMessage ToMimeMessage(OutboxEmail email, EmailOptions options, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        message.Date = now;
        // The same Message-ID on every attempt lets a receiving server drop a duplicate when a delivery
        // succeeded but we could not record it (the outbox delivers at least once).
        var domain = MailboxAddress.Parse(options.FromAddress).Domain;
        message.MessageId = $"{email.Id:N}@{domain}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        message.Body = body.ToMessageBody();
        // Chinese text goes as UTF-8 in a 7-bit transfer encoding (quoted-printable or base64, whichever
        // is shorter), so it arrives intact through any server, with or without 8BITMIME.
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            part.ContentType.Charset = "utf-8";
            part.ContentTransferEncoding = part.GetBestEncoding(EncodingConstraint.SevenBit);
        }
        // A Content-* header belongs to the body entity in MimeKit; set on the message it would be lost.
        message.Body.Headers.Add(HeaderId.ContentLanguage, email.Culture);
        return message;
    }
}

/// <summary>Sends through an SMTP server (Email:Smtp:Host) with MailKit.</summary>
public sealed class SmtpEmailDelivery(IOptions<EmailOptions> options, TimeProvider clock) : IEmailDelivery
{
    public async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        using var message = EmailMessages.ToMimeMessage(email, settings, clock.GetUtcNow());
        // One connection per email: the outbox sends a few emails a minute at most, and a fresh
        // connection never carries a broken state from an earlier failure.
        using var client = new SmtpClient();
        var host = smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
        await client.ConnectAsync(host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Without an SMTP server (a newcomer's machine, tests): writes each email as an RFC 5322 .eml file into
/// {DataDirectory}/outbox/, named by time and id so the newest sorts last and any mail program opens it.
/// </summary>
public sealed class FileEmailDelivery(IOptions<EmailOptions> options, TimeProvider clock, IServiceProvider services) : IEmailDelivery
{
    public const string FolderName = "outbox";

    public string Folder => Path.Combine(DatabaseSetup.DataDirectory(services), FolderName);

    public async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        using var message = EmailMessages.ToMimeMessage(email, options.Value, now);
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{now:yyyyMMdd-HHmmss}-{email.Id:N}.eml");
        // Written beside, then renamed: nobody ever opens half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
