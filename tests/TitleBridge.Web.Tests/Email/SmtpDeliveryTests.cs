using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using TitleBridge.Tests.Shared;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Email;

/// <summary>The outbox delivering over a socket to a real SMTP server, and what that server receives.</summary>
public sealed class SmtpDeliveryTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Outbox_WithAnSmtpHost_DeliversOverSmtp_InTheRecipientsLanguage_AsSevenBitUtf8WithTheLink(Provider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await TestApp.StartAsync(provider, settings: smtp.Settings);
        var file = new Guid("0b7c1c53-0e4e-4c59-9d38-6a1f0c0e5a11");
        var link = app.Services.GetRequiredService<PublicLinks>().To($"/applications/{file}");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            outbox.Enqueue(new EmailRecipient("zhang@example.com", "张伟", "zh-Hans"), new CorrectionResubmitted("GZ-2026-000042", file));
            outbox.Enqueue(new EmailRecipient("smith@example.com", "Jo Smith", "en"), new CorrectionResubmitted("GZ-2026-000042", file));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        Assert.Equal(2, await app.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync());

        var zh = await smtp.WaitForAsync("zhang@example.com");
        var en = await smtp.WaitForAsync("smith@example.com");
        var rows = await app.QueryAsync(db => db.OutboxEmails.AsNoTracking().ToListAsync());
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.Empty(Directory.Exists(Path.Combine(app.DataDirectory, FileEmailDelivery.FolderName)) ? Directory.GetFiles(Path.Combine(app.DataDirectory, FileEmailDelivery.FolderName)) : []);

        // Envelope and headers.
        Assert.Equal("no-reply@titlebridge.localhost", zh.EnvelopeFrom);
        Assert.Equal(["zhang@example.com"], zh.Recipients);
        var m = zh.Message;
        Assert.Equal(("TitleBridge 职称通", "no-reply@titlebridge.localhost"), (m.From.Mailboxes.Single().Name, m.From.Mailboxes.Single().Address));
        Assert.Equal(("张伟", "zhang@example.com"), (m.To.Mailboxes.Single().Name, m.To.Mailboxes.Single().Address));
        Assert.Equal("申报 GZ-2026-000042：补正材料已提交", m.Subject);
        Assert.Equal("Application GZ-2026-000042: corrections received", en.Message.Subject);
        Assert.Equal($"{rows.Single(r => r.To == "zhang@example.com").Id:N}@titlebridge.localhost", m.MessageId);
        Assert.Equal("auto-generated", m.Headers["Auto-Submitted"]);
        Assert.Equal("zh-Hans", m.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal("en", en.Message.Body!.Headers[HeaderId.ContentLanguage]);
        // Non-ASCII header words are RFC 2047 encoded words in UTF-8.
        Assert.Matches(@"(?mi)^Subject: .*=\?utf-8\?[bq]\?", zh.RawText);
        Assert.Matches(@"(?mi)^From: .*=\?utf-8\?[bq]\?", zh.RawText);

        // Both parts UTF-8 in a 7-bit transfer encoding: every byte on the wire is ASCII, no line is longer than RFC 5322 allows.
        foreach (var received in new[] { zh, en })
        {
            Assert.All(received.Raw, b => Assert.True(b < 0x80, $"byte 0x{b:X2} is not 7-bit"));
            Assert.All(received.RawText.Split("\r\n"), line => Assert.True(line.Length <= 998, $"a line of {line.Length} characters"));
            var parts = received.Message.BodyParts.OfType<TextPart>().ToList();
            Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
            Assert.All(parts, p =>
            {
                Assert.Equal("utf-8", p.ContentType.Charset);
                Assert.Contains(p.ContentTransferEncoding, new[] { ContentEncoding.QuotedPrintable, ContentEncoding.Base64, ContentEncoding.SevenBit });
            });
        }
        Assert.Contains(zh.Message.BodyParts.OfType<TextPart>(), p => p.ContentTransferEncoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64);

        // The words and the link, decoded.
        Assert.StartsWith("张伟，您好：\n\n我们已收到您对申报 GZ-2026-000042 的补正。", zh.Message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"查看您的申报\n{link.AbsoluteUri}\n", zh.Message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link.AbsoluteUri}\">查看您的申报</a>", zh.Message.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("Dear Jo Smith,\n\nWe have received the corrections to your application GZ-2026-000042.", en.Message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"See your application\n{link.AbsoluteUri}\n", en.Message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", en.Message.HtmlBody, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue #10: an email goes twice only when the sender dies between the server's acknowledgement and the record
    /// that it was sent. So nothing else stands in that gap: the emails of a batch share one connection, and each is
    /// recorded as sent before the next is handed over (the QUIT comes after the last record).
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Outbox_DeliversABatchOverOneConnection_RecordingEachEmailSentBeforeTheNextGoes(Provider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await TestApp.StartAsync(provider, settings: smtp.Settings);
        var file = new Guid("6f0b8e7a-2f8e-4a55-9a3c-1d9d2f9b7c21");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            foreach (var to in new[] { "a@example.com", "b@example.com", "c@example.com" })
            {
                outbox.Enqueue(new EmailRecipient(to, "Jo Smith", "en"), new CorrectionResubmitted("GZ-2026-000043", file));
            }
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        var recordedWhenReceived = new List<int>();
        smtp.OnReceiving = async _ => recordedWhenReceived.Add(await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.SentAt != null)));

        Assert.Equal(3, await app.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync());

        Assert.Equal([0, 1, 2], recordedWhenReceived);
        Assert.Single(smtp.Received.Select(m => m.SessionId).Distinct());
        Assert.Equal(3, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.SentAt != null)));
    }
}
