using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>
/// Two hosts on one PostgreSQL, as scripts/cluster.sh runs them: every instance runs every kind of
/// background work, and each item is still done exactly once (decision record 0035).
/// </summary>
public sealed class TwoInstancesTests
{
    private static readonly DateOnly DueOn = new(2026, 9, 18);

    [Fact]
    public async Task TwoHostsOnOnePostgres_DoEachEmailSweepAndSealExactlyOnce()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        var deliveries = new ConcurrentDictionary<Guid, int>();
        void Counting(IServiceCollection s) => s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(new CountingDelivery(deliveries)));
        await using var first = await TestApp.StartAsync(Provider.Postgres, clock: clock, services: Counting);
        var (employerId, _, _) = await Scenario.EmployerAsync(first);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await Scenario.SubmittedAsync(first, employerId));
        }
        // Half of them missed a correction deadline (the notice itself is tested in IntakeTests).
        var overdue = ids.Take(3).ToList();
        await first.QueryAsync(async db =>
        {
            foreach (var a in await db.Applications.Where(a => overdue.Contains(a.Id)).ToListAsync())
            {
                (a.State, a.CorrectionRequested, a.CorrectionDueOn, a.ConcurrencyStamp) = (ApplicationState.CorrectionRequested, true, DueOn, Guid.NewGuid());
            }
            return await db.SaveChangesAsync();
        });
        await clock.MoveToAsync(DueOn.AddDays(1));
        await using var second = await TestApp.StartBesideAsync(first, services: Counting);
        var hosts = new[] { first, second };

        // Each host does what its timers would, at the same moments as the other, until nothing is left.
        var withdrawn = new ConcurrentBag<int>();
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(async () =>
            {
                withdrawn.Add(await h.Services.GetRequiredService<CorrectionDeadlineSweep>().RunOnceAsync());
                await h.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync();
                await h.Services.GetRequiredService<AuditChain>().SealAsync();
            })));
            if (await first.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.SentAt == null)) == 0
                && await first.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Sequence == null)) == 0)
            {
                break;
            }
        }

        // Outbox: every email delivered once, by one of the two.
        var emails = await first.QueryAsync(db => db.OutboxEmails.AsNoTracking().ToListAsync());
        Assert.Equal(ids.Count, emails.Count(e => e.TemplateKey == "ApplicationSubmitted"));
        Assert.All(emails, e => Assert.NotNull(e.SentAt));
        Assert.Equal(emails.Select(e => e.Id).Order(), deliveries.Keys.Order());
        Assert.All(deliveries, d => Assert.Equal(1, d.Value));
        // Sweep: each overdue application withdrawn once, with one event and one email.
        Assert.Equal(overdue.Count, withdrawn.Sum());
        foreach (var id in ids)
        {
            var passed = await first.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == id && e.What == "CorrectionDeadlinePassed"));
            Assert.Equal(overdue.Contains(id) ? 1 : 0, passed);
        }
        Assert.Equal(overdue.Count, emails.Count(e => e.TemplateKey == "ApplicationWithdrawn"));
        // Audit: one chain without gaps or forks, every event sealed once.
        var chain = await first.Services.GetRequiredService<AuditChain>().VerifyAsync();
        Assert.True(chain.Intact, chain.Problem);
        Assert.Equal(0, chain.Unsealed);
        Assert.Equal(await first.QueryAsync(db => db.AuditEvents.LongCountAsync()), chain.Sealed);
    }

    private sealed class CountingDelivery(ConcurrentDictionary<Guid, int> counts) : IEmailDelivery
    {
        public async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
        {
            counts.AddOrUpdate(email.Id, 1, (_, n) => n + 1);
            // A delivery takes a moment, which lets the two hosts' claims interleave.
            await Task.Delay(2, cancellationToken);
        }
    }
}
