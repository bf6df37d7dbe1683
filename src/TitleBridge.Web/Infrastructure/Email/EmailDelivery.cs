using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>
/// Hands one email to the outside world. Throws when it could not (the sender then retries later), and
/// <see cref="EmailDeliveryUncertainException"/> when it may have: the whole message went but no answer came.
/// </summary>
public interface IEmailDelivery
{
    Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken);
}

/// <summary>
/// The whole message was handed to the server, and then the connection failed or the answer did not come in time:
/// the server may have acknowledged it. The sender holds such an email for an administrator instead of sending it again.
/// </summary>
public sealed class EmailDeliveryUncertainException(Exception inner)
    : Exception("The message was handed over completely but the server's answer is unknown.", inner);

public static class EmailMessages
{
    /// <summary>The right-hand side of every Message-ID: the sender address's domain.</summary>
    public static string MessageIdDomain(EmailOptions options) => MailboxAddress.Parse(options.FromAddress).Domain;

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
        message.MessageId = $"{email.Id:N}@{MessageIdDomain(options)}";
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

/// <summary>
/// Delivers over SMTP, one connection for the emails of one batch of the sender (the scope of one
/// <see cref="OutboxSender.ProcessOnceAsync"/>): the connection is ended (QUIT) when the scope ends, after every
/// outcome has been recorded, so nothing stands between the server's acknowledgement of an email and the record
/// that it was sent but that one update (issue #10: a crash in that gap is the only way an email goes twice). A
/// failed delivery drops its connection, so the next email never inherits a broken state.
/// </summary>
public sealed class SmtpEmailDelivery(IOptions<EmailOptions> options, TimeProvider clock) : IEmailDelivery, IAsyncDisposable
{
    private SmtpClient? _client;

    public async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var message = EmailMessages.ToMimeMessage(email, settings, clock.GetUtcNow());
        var handedOver = new HandOver();
        try
        {
            var client = _client is { IsConnected: true } open ? open : await ConnectAsync(settings, cancellationToken);
            await client.SendAsync(message, cancellationToken, handedOver);
        }
        catch (Exception e) when (handedOver.Complete && e is not SmtpCommandException)
        {
            // Every byte went; the end-of-data mark follows them at once. The server may have said 250.
            Drop();
            throw new EmailDeliveryUncertainException(e);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    /// <summary>MailKit's report of the bytes written to the server: complete once the whole message has gone.</summary>
    private sealed class HandOver : MailKit.ITransferProgress
    {
        public bool Complete { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Complete = bytesTransferred >= totalSize;

        public void Report(long bytesTransferred)
        {
        }
    }

    private async Task<SmtpClient> ConnectAsync(EmailOptions settings, CancellationToken cancellationToken)
    {
        Drop();
        var smtp = settings.Smtp;
        // A quarter of the outbox claim at most, so that an exchange ends well within the claim (OutboxSender).
        var client = _client = new SmtpClient { Timeout = (int)Math.Min(120_000, settings.LockSeconds * 1000L / 4) };
        var host = smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
        await client.ConnectAsync(host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        return client;
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException or MailKit.CommandException)
            {
                // Every email of the batch is delivered and recorded; a QUIT that fails changes nothing.
            }
        }
        Drop();
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
