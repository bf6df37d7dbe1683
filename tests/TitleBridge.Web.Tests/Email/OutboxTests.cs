using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Email;

public sealed class OutboxTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Enqueue_InARolledBackTransaction_IsNeverSent(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditEvents.Add(new AuditEvent { Actor = "test", Type = "ApplicationSubmitted", Subject = "GZ-ROLLBACK" });
            scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(
                new EmailRecipient("applicant@example.com", "Applicant", "en"), new ApplicationSubmitted("GZ-ROLLBACK", Guid.NewGuid()));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        var processed = await app.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync();

        Assert.Equal(0, processed);
        Assert.Equal(0, await app.QueryAsync(db => db.OutboxEmails.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Subject == "GZ-ROLLBACK")));
        Assert.Empty(EmlFiles(app));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Enqueue_Committed_IsWrittenAsAnEmlFileInTheRecipientsLanguage(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var template = new ApplicationAccepted("GZ-2026-000042", Guid.NewGuid());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            outbox.Enqueue(new EmailRecipient("zhang@example.com", "张伟", "zh-Hans"), template);
            outbox.Enqueue(new EmailRecipient("smith@example.com", "Jo Smith", "en"), template);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var processed = await app.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync();

        Assert.Equal(2, processed);
        var messages = EmlFiles(app).Select(f => MimeMessage.Load(f)).ToList();
        Assert.Equal(2, messages.Count);
        var zh = messages.Single(m => m.To.Mailboxes.Single().Address == "zhang@example.com");
        var en = messages.Single(m => m.To.Mailboxes.Single().Address == "smith@example.com");
        Assert.Equal(template.Render("zh-Hans", "", app.Services.GetRequiredService<PublicLinks>().Base).Subject, zh.Subject);
        Assert.Equal("申报 GZ-2026-000042 已受理", zh.Subject);
        Assert.Equal("Application GZ-2026-000042 accepted for review", en.Subject);
        Assert.Equal("张伟", zh.To.Mailboxes.Single().Name);
        Assert.Contains("张伟，您好", zh.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Jo Smith", en.TextBody, StringComparison.Ordinal);
        Assert.NotNull(zh.HtmlBody);
        Assert.Equal("zh-Hans", zh.Body!.Headers[HeaderId.ContentLanguage]);
        var rows = await app.QueryAsync(db => db.OutboxEmails.AsNoTracking().ToListAsync());
        Assert.All(rows, r =>
        {
            Assert.NotNull(r.SentAt);
            Assert.Null(r.LockedBy);
            Assert.Equal(0, r.Attempts);
            Assert.Equal("ApplicationAccepted", r.TemplateKey);
        });

        Assert.Equal(0, await app.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync());
        Assert.Equal(2, EmlFiles(app).Length);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task FailingDelivery_IsRetriedWithBackOff_AndSucceedsLater(Provider provider)
    {
        var clock = new FakeTimeProvider(Start);
        var delivery = new FlakyDelivery(failures: 2, clock);
        await using var app = await TestApp.StartAsync(provider, clock: clock, services: s => s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(delivery)));
        var id = await EnqueueAsync(app, new ApplicationSubmitted("GZ-RETRY", Guid.NewGuid()));
        var sender = app.Services.GetRequiredService<OutboxSender>();

        Assert.Equal(1, await sender.ProcessOnceAsync());
        var afterFirst = await RowAsync(app, id);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Null(afterFirst.SentAt);
        Assert.Contains("SMTP server unavailable", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Equal(Start.AddSeconds(30), afterFirst.NextAttemptAt);
        Assert.Null(afterFirst.LockedUntil);

        // Not before the back-off has passed.
        Assert.Equal(0, await sender.ProcessOnceAsync());
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await sender.ProcessOnceAsync());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sender.ProcessOnceAsync());
        var afterSecond = await RowAsync(app, id);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.Equal(Start.AddSeconds(30 + 60), afterSecond.NextAttemptAt);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await sender.ProcessOnceAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sender.ProcessOnceAsync());

        var sent = await RowAsync(app, id);
        Assert.Equal(Start.AddSeconds(90), sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal([Start, Start.AddSeconds(30), Start.AddSeconds(90)], delivery.Attempts);
        Assert.Single(delivery.Delivered);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AlwaysFailingDelivery_GivesUpAfterMaxAttempts_AndKeepsTheRow(Provider provider)
    {
        var clock = new FakeTimeProvider(Start);
        var delivery = new FlakyDelivery(failures: int.MaxValue, clock);
        await using var app = await TestApp.StartAsync(provider, clock: clock, services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(delivery));
            s.Configure<EmailOptions>(o => o.MaxAttempts = 3);
        });
        var id = await EnqueueAsync(app, new ApplicationSubmitted("GZ-GIVE-UP", Guid.NewGuid()));
        var sender = app.Services.GetRequiredService<OutboxSender>();

        for (var i = 0; i < 10; i++)
        {
            await sender.ProcessOnceAsync();
            clock.Advance(TimeSpan.FromHours(2));
        }

        var row = await RowAsync(app, id);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(3, delivery.Attempts.Count);
        Assert.Null(row.SentAt);
        Assert.NotNull(row.GaveUpAt);
        Assert.Contains("SMTP server unavailable", row.LastError, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue #10, fault 3: a sender dies while handing over the second of three emails (its delivery never returns).
    /// When its claim expires, the next sender holds that email — the server may have it — and sends the third, which
    /// was never handed over; nothing is sent twice and the held email is not tried again on its own. The first sender
    /// here was only stalled: when it wakes, the email it had in hand is recorded delivered, and it hands over no other
    /// (its claim is long past half).
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ExpiredClaim_HoldsTheEmailItsSenderWasHandingOver_AndSendsTheNeverHandedOverOnce(Provider provider)
    {
        var clock = new FakeTimeProvider(Start);
        var delivery = new StallingDelivery(stallOnCall: 2);
        await using var app = await TestApp.StartAsync(provider, clock: clock, services: s => s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(delivery)));
        var ids = new[]
        {
            await EnqueueAsync(app, new ApplicationSubmitted("GZ-CRASH-1", Guid.NewGuid())),
            await EnqueueAsync(app, new ApplicationSubmitted("GZ-CRASH-2", Guid.NewGuid())),
            await EnqueueAsync(app, new ApplicationSubmitted("GZ-CRASH-3", Guid.NewGuid())),
        };
        var sender = app.Services.GetRequiredService<OutboxSender>();

        var stalled = sender.ProcessOnceAsync();
        var inHand = await delivery.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(delivery.Delivered);
        // Not before the claim expires.
        Assert.Equal(0, await sender.ProcessOnceAsync());
        clock.Advance(TimeSpan.FromSeconds(121));

        Assert.Equal(1, await sender.ProcessOnceAsync());

        var neverHandedOver = ids.Except([delivery.Delivered[0], inHand]).Single();
        Assert.Equal([delivery.Delivered[0], neverHandedOver], delivery.Delivered);
        var held = await RowAsync(app, inHand);
        Assert.Equal((Start.AddSeconds(121), (DateTimeOffset?)null), (held.UncertainAt, held.SentAt));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await sender.ProcessOnceAsync());
        Assert.Equal(2, delivery.Delivered.Count);

        delivery.Resume.SetResult();
        Assert.Equal(3, await stalled);
        Assert.Equal([delivery.Delivered[0], neverHandedOver, inHand], delivery.Delivered);
        var healed = await RowAsync(app, inHand);
        Assert.Equal((null, (DateTimeOffset?)Start.AddSeconds(121 + 7200)), (healed.UncertainAt, healed.SentAt));
        Assert.All(await app.QueryAsync(db => db.OutboxEmails.AsNoTracking().ToListAsync()), e => Assert.Null(e.LockedBy));
    }

    /// <summary>
    /// An instance looks for expired claims at most once every tenth of Email:LockSeconds (120 s: every 12 s), not on
    /// every batch: a claim that expired just after a look is taken over at the next look, within 12 s.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ExpiredClaims_AreLookedForEveryTenthOfTheClaim_NotOnEveryBatch(Provider provider)
    {
        var clock = new FakeTimeProvider(Start);
        var delivery = new StallingDelivery(stallOnCall: 1);
        await using var app = await TestApp.StartAsync(provider, clock: clock, services: s => s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(delivery)));
        var ids = new[]
        {
            await EnqueueAsync(app, new ApplicationSubmitted("GZ-LOOK-1", Guid.NewGuid())),
            await EnqueueAsync(app, new ApplicationSubmitted("GZ-LOOK-2", Guid.NewGuid())),
        };
        var sender = app.Services.GetRequiredService<OutboxSender>();
        var stalled = sender.ProcessOnceAsync();
        // Made at the same moment, the two go in either order.
        var first = await delivery.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = ids.Except([first]).Single();

        // A look at 115 s: the claim (made at 0 s, 120 s long) has not expired; the next look is due at 127 s.
        clock.Advance(TimeSpan.FromSeconds(115));
        Assert.Equal(0, await sender.ProcessOnceAsync());
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, await sender.ProcessOnceAsync());
        Assert.Null((await RowAsync(app, first)).UncertainAt);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await sender.ProcessOnceAsync());

        var held = await RowAsync(app, first);
        Assert.Equal((Start.AddSeconds(127), (DateTimeOffset?)null), (held.UncertainAt, held.SentAt));
        Assert.Equal([second], delivery.Delivered);
        delivery.Resume.SetResult();
        await stalled;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ConcurrentSenders_DeliverEachEmailExactlyOnce(Provider provider)
    {
        var delivery = new CountingDelivery();
        await using var app = await TestApp.StartAsync(provider, services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(delivery));
            s.Configure<EmailOptions>(o => o.BatchSize = 5);
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            for (var i = 0; i < 60; i++)
            {
                outbox.Enqueue(new EmailRecipient($"person{i}@example.com", $"Person {i}", i % 2 == 0 ? "zh-Hans" : "en"), new ApplicationSubmitted($"GZ-{i:D4}", Guid.NewGuid()));
            }
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        var sender = app.Services.GetRequiredService<OutboxSender>();

        // Four senders, each with its own scope and claim token, as four instances would be.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var round = 0; round < 100 && await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.SentAt == null)) > 0; round++)
            {
                await sender.ProcessOnceAsync();
            }
        })));

        Assert.Equal(60, delivery.Counts.Count);
        Assert.All(delivery.Counts, c => Assert.Equal(1, c.Value));
        Assert.Equal(60, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.SentAt != null && e.Attempts == 0)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SendersOfOneInstance_TakeTheirOwnSlicesOfTheDueEmails(Provider provider)
    {
        var delivery = new CountingDelivery();
        await using var app = await TestApp.StartAsync(provider, services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(delivery));
            s.Configure<EmailOptions>(o => o.BatchSize = 5);
        });
        var ids = new List<Guid>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            for (var i = 0; i < 12; i++)
            {
                ids.Add(outbox.Enqueue(new EmailRecipient($"person{i}@example.com", $"Person {i}", "en"), new ApplicationSubmitted($"GZ-{i:D4}", Guid.NewGuid())).Id);
            }
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        var inSendOrder = (await app.QueryAsync(db => db.OutboxEmails.AsNoTracking().ToListAsync())).OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id).Select(e => e.Id).ToList();
        var sender = app.Services.GetRequiredService<OutboxSender>();

        // The second sender looks past the first batch: it takes emails 6–10 in send order, the first sender 1–5.
        Assert.Equal(5, await sender.ProcessOnceAsync(slice: 1));
        Assert.Equal(inSendOrder[5..10].Order(), delivery.Counts.Keys.Order());
        Assert.Equal(5, await sender.ProcessOnceAsync(slice: 0));
        Assert.Equal(2, await sender.ProcessOnceAsync(slice: 0));
        Assert.Equal(0, await sender.ProcessOnceAsync(slice: 1));

        Assert.Equal(ids.Order(), delivery.Counts.Keys.Order());
        Assert.All(delivery.Counts, c => Assert.Equal(1, c.Value));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(30, 3600)]
    public void RetryDelay_DoublesFromTheBase_UpToTheMaximum(int failedAttempts, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), OutboxSender.RetryDelay(failedAttempts, new EmailOptions()));
    }

    [Fact]
    public async Task Enqueue_NotAnAddress_IsABug()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();

        Assert.Throws<ArgumentException>(() => outbox.Enqueue(new EmailRecipient("not an address", "", "en"), new EmployerAccountApproved()));
    }

    private static async Task<Guid> EnqueueAsync(TestApp app, EmailTemplate template)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var email = scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(new EmailRecipient("applicant@example.com", "Applicant", "en"), template);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return email.Id;
    }

    private static Task<OutboxEmail> RowAsync(TestApp app, Guid id) =>
        app.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id));

    private static string[] EmlFiles(TestApp app)
    {
        var folder = Path.Combine(app.DataDirectory, FileEmailDelivery.FolderName);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
    }

    /// <summary>Fails the first <c>failures</c> attempts, like an SMTP server that is down for a while.</summary>
    private sealed class FlakyDelivery(int failures, TimeProvider clock) : IEmailDelivery
    {
        public List<DateTimeOffset> Attempts { get; } = [];
        public List<Guid> Delivered { get; } = [];

        public Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
        {
            lock (Attempts)
            {
                Attempts.Add(clock.GetUtcNow());
                if (Attempts.Count <= failures)
                {
                    throw new IOException("SMTP server unavailable");
                }
                Delivered.Add(email.Id);
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Delivers at once, except the n-th call, which stalls until <see cref="Resume"/> (a sender that died, or hung).</summary>
    private sealed class StallingDelivery(int stallOnCall) : IEmailDelivery
    {
        private int _calls;

        public List<Guid> Delivered { get; } = [];
        public TaskCompletionSource<Guid> Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == stallOnCall)
            {
                Stalled.SetResult(email.Id);
                await Resume.Task;
            }
            lock (Delivered)
            {
                Delivered.Add(email.Id);
            }
        }
    }

    private sealed class CountingDelivery : IEmailDelivery
    {
        public ConcurrentDictionary<Guid, int> Counts { get; } = new();

        public async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
        {
            Counts.AddOrUpdate(email.Id, 1, (_, n) => n + 1);
            // A delivery takes a moment, which lets the senders' claims interleave.
            await Task.Delay(2, cancellationToken);
        }
    }
}
