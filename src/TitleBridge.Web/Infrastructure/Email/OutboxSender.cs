using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>
/// Delivers due outbox emails every Email:PollSeconds. Safe with several instances on one PostgreSQL:
/// rows are claimed with one conditional UPDATE, so each email is worked on by one sender at a time;
/// a claim expires (Email:LockSeconds), so the rows of a crashed instance are picked up again.
/// An email the SMTP server may have acknowledged is never sent again on its own: when a sender dies (or the
/// server does not answer) after handing an email over, the email is held for an administrator (UncertainAt).
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    TitleBridgeMetrics metrics,
    ILogger<OutboxSender> log) : BackgroundService
{
    private static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
        {
            log.LogInformation("The email outbox sender is disabled (Email:SenderEnabled=false).");
            return;
        }
        // Email:Senders loops, each a sender of its own (its own claims, scope and SMTP connection) taking its own slice
        // of the due emails: each records every outcome with a commit that waits for the disk, so one sender alone
        // delivers no faster than the disk flushes (bench/README.md); several let PostgreSQL flush their records together.
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Senders)).Select(slice => SendLoopAsync(slice, stoppingToken)));
    }

    private async Task SendLoopAsync(int slice, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), clock);
        do
        {
            try
            {
                // Drain a backlog before waiting again.
                while (await ProcessOnceAsync(slice, stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly unreachable (or a command time out); the next tick tries again and nothing
                // is lost. Only the host's stopping ends a sender.
                log.LogError(e, "The email outbox sender failed; it will try again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Claims up to Email:BatchSize due emails, delivers them one at a time in send order and records each outcome
    /// before the next email is handed over. Returns how many were claimed. Each call claims with its own token, so
    /// concurrent calls behave like separate instances. With a slice n, the call looks past the first n batches of
    /// unclaimed due emails, so that the senders of one instance seldom reach for the same rows; when they do (or another
    /// instance's sender does), one claim wins and the loser looks again.
    /// </summary>
    /// <remarks>
    /// Every email goes at most once once the SMTP server has acknowledged it (issue #10, decision record 0042). A
    /// claim lasts Email:LockSeconds; within it a sender hands over no email after half the claim, the SMTP client
    /// gives up on an exchange after a quarter (<see cref="SmtpEmailDelivery"/>), and an outcome is recorded up to
    /// nine tenths. So a claim that expired with emails unrecorded belongs to a sender that died (or hung): of its emails,
    /// only the first unrecorded one in send order can be at the server (<see cref="HoldInFlightOfExpiredClaimsAsync"/>).
    /// </remarks>
    public Task<int> ProcessOnceAsync(CancellationToken cancellationToken = default) => ProcessOnceAsync(0, cancellationToken);

    /// <inheritdoc cref="ProcessOnceAsync(CancellationToken)"/>
    public async Task<int> ProcessOnceAsync(int slice, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = scope.ServiceProvider.GetRequiredService<IEmailDelivery>();
        var token = $"{Instance}/{Guid.NewGuid():N}";
        var now = clock.GetUtcNow();
        // At most every tenth of Email:LockSeconds per instance (a look that fails is due again at the next call): a claim
        // expires only after Email:LockSeconds, so a crashed sender's emails are taken over within a tenth of it (plus a
        // sender's Email:PollSeconds) after that; looking on every batch scanned every unsent row once per twenty emails
        // while a backlog lasted. Senders that look at the same moment agree (one transaction per expired claim). A due
        // time further ahead than one interval (the clock was set back) is due now.
        var interval = TimeSpan.FromSeconds(settings.LockSeconds) / 10;
        var due = Volatile.Read(ref _expiredClaimsLookDue);
        if (now.UtcTicks >= due || due - now.UtcTicks > interval.Ticks)
        {
            await HoldInFlightOfExpiredClaimsAsync(db, now, cancellationToken);
            Volatile.Write(ref _expiredClaimsLookDue, (now + interval).UtcTicks);
        }

        // Candidates first, then the claim; a row an expired claim still holds is claimable only once
        // HoldInFlightOfExpiredClaimsAsync has released it. The claim's WHERE repeats the conditions on the row itself
        // (not through a subquery), so on PostgreSQL a sender that waited for another's row lock
        // re-checks them against the committed row and skips what the other claimed.
        var lockedUntil = now.AddSeconds(settings.LockSeconds);
        var claimed = 0;
        List<Guid> candidates = [];
        // A claim that lost every row to another sender looks again (a few times): the rows it saw are taken, others
        // may be due.
        for (var look = 0; claimed == 0 && look < 3; look++)
        {
            candidates = await db.OutboxEmails.AsNoTracking()
                .Where(e => e.SentAt == null && e.GaveUpAt == null && e.UncertainAt == null && e.NextAttemptAt <= now && e.LockedBy == null)
                .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
                .Select(e => e.Id)
                .Skip(slice * settings.BatchSize)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return 0;
            }
            claimed = await db.OutboxEmails
                .Where(e => candidates.Contains(e.Id) && e.SentAt == null && e.GaveUpAt == null && e.UncertainAt == null && e.LockedBy == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockedUntil, lockedUntil).SetProperty(e => e.LockedBy, token), CancellationToken.None);
        }
        if (claimed == 0)
        {
            return 0;
        }
        // Not cancelled from here on: a claim left unread would expire with its first email held for nothing. Read by id
        // (the claim took some of the candidates): the token has no index, and a scan of the whole outbox per batch was
        // a large part of PostgreSQL's work on the busiest day (bench/README.md).
        var emails = await db.OutboxEmails.AsNoTracking()
            .Where(e => candidates.Contains(e.Id) && e.LockedBy == token)
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .ToListAsync(CancellationToken.None);

        var claim = new Claim(token, now, TimeSpan.FromSeconds(settings.LockSeconds));
        foreach (var email in emails)
        {
            if (cancellationToken.IsCancellationRequested || clock.GetUtcNow() >= claim.LastHandOver)
            {
                // Stopping, or half the claim is gone: the rest were never handed over and go back at once.
                await ReleaseAsync(db, claim);
                break;
            }
            Outcome outcome;
            try
            {
                // Not cancelled by a stopping host: an exchange the server may be answering is seen to its end, so
                // that its outcome is known and recorded. The whole exchange is bounded by a quarter of the claim.
                using var exchange = new CancellationTokenSource(claim.Length / 4, clock);
                await delivery.DeliverAsync(email, exchange.Token);
                outcome = Outcome.Delivered;
            }
            catch (EmailDeliveryUncertainException e)
            {
                outcome = Outcome.Uncertain(Describe(e.InnerException ?? e));
            }
            catch (Exception e)
            {
                outcome = Outcome.Failed(Describe(e));
            }
            await RecordAsync(db, email, claim, outcome, settings);
        }
        return emails.Count;
    }

    /// <summary>UTC ticks from which the next look for expired claims is due (shared by the senders of this instance).</summary>
    private long _expiredClaimsLookDue;

    /// <summary>
    /// A claim that expired with emails still unrecorded belongs to a sender that died. It handed its emails over one
    /// at a time in send order, recording each outcome before the next, so its first unrecorded email is the one it
    /// may have been handing over: the server may have acknowledged it. That one is held (UncertainAt) for an
    /// administrator instead of being sent a second time; the rest were never handed over and are released to be
    /// claimed as usual. One transaction per expired claim, so two instances doing this at once agree.
    /// </summary>
    private async Task HoldInFlightOfExpiredClaimsAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.LockedBy != null && e.LockedUntil < now && e.SentAt == null && e.GaveUpAt == null && e.UncertainAt == null)
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.LockedBy })
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var first in expired.DistinctBy(e => e.LockedBy))
        {
            // One transaction: an instance that read the same expired claim waits for this one's row locks and then
            // finds the first email held and the rest released, so it changes nothing.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var expiredOfClaim = db.OutboxEmails.Where(e => e.LockedBy == first.LockedBy && e.LockedUntil < now && e.SentAt == null && e.GaveUpAt == null && e.UncertainAt == null);
            var held = await expiredOfClaim.Where(e => e.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UncertainAt, now), cancellationToken);
            var released = await expiredOfClaim.ExecuteUpdateAsync(s => s.Unclaimed(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (held > 0)
            {
                metrics.EmailsUncertain.Add(1);
                log.LogWarning("A sender's claim expired while it was delivering email {Id}; the server may have it, so it is held for an administrator (/admin/emails). {Released} other email(s) of that claim were never handed over and go again.", first.Id, released);
            }
        }
    }

    private static async Task ReleaseAsync(AppDbContext db, Claim claim)
    {
        await db.OutboxEmails
            .Where(e => e.LockedBy == claim.Token && e.SentAt == null && e.UncertainAt == null)
            .ExecuteUpdateAsync(s => s.Unclaimed(), CancellationToken.None);
    }

    private static string Describe(Exception e)
    {
        var error = $"{e.GetType().Name}: {e.Message}";
        return error.Length > 2000 ? error[..2000] : error;
    }

    /// <summary>A sender's claim: its token, when it was made and the moments that bound the sender's work in it.</summary>
    private sealed record Claim(string Token, DateTimeOffset At, TimeSpan Length)
    {
        /// <summary>No email is handed over after this moment.</summary>
        public DateTimeOffset LastHandOver => At + Length / 2;

        /// <summary>An outcome is not tried to be recorded after this moment: the claim may be about to be taken over.</summary>
        public DateTimeOffset LastRecord => At + Length * 0.9;
    }

    /// <summary>What became of one hand-over: delivered, failed (the server never took it), or uncertain.</summary>
    private sealed record Outcome(string? Error, bool IsUncertain)
    {
        public static readonly Outcome Delivered = new(null, false);
        public static Outcome Failed(string error) => new(error, false);
        public static Outcome Uncertain(string error) => new(error, true);
    }

    /// <summary>
    /// Runs the update that records an outcome, again while the database does not answer, until the claim's
    /// <see cref="Claim.LastRecord"/>: after that another sender may take the email over, and the record is left to it.
    /// </summary>
    private async Task<int> UntilRecordedAsync(OutboxEmail email, Claim claim, Func<Task<int>> update)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await update();
            }
            catch (Exception e) when ((e is System.Data.Common.DbException or InvalidOperationException or TimeoutException) && clock.GetUtcNow() < claim.LastRecord)
            {
                log.LogWarning("Email {Id}: its outcome could not be recorded yet ({Error}); trying again.", email.Id, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)));
            }
        }
    }

    /// <summary>The wait after the n-th failed attempt: base × 2^(n−1), at most the configured maximum.</summary>
    public static TimeSpan RetryDelay(int failedAttempts, EmailOptions settings)
    {
        var seconds = settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.RetryMaxSeconds));
    }

    private async Task RecordAsync(AppDbContext db, OutboxEmail email, Claim claim, Outcome outcome, EmailOptions settings)
    {
        var at = clock.GetUtcNow();
        var mine = db.OutboxEmails.Where(e => e.Id == email.Id && e.LockedBy == claim.Token);
        IQueryable<OutboxEmail> row = mine;
        Action<UpdateSettersBuilder<OutboxEmail>> record;
        if (outcome == Outcome.Delivered)
        {
            // Recorded whoever holds the row now (an administrator may have released it meanwhile): it was delivered.
            row = db.OutboxEmails.Where(e => e.Id == email.Id && e.SentAt == null);
            record = s => s.SetProperty(e => e.SentAt, at).SetProperty(e => e.LastError, (string?)null).SetProperty(e => e.UncertainAt, (DateTimeOffset?)null).Unclaimed();
            metrics.EmailsSent.Add(1);
            log.LogInformation("Email {Id} ({Template}) delivered.", email.Id, email.TemplateKey);
        }
        else if (outcome.IsUncertain)
        {
            // The whole message was handed over and no answer came: the server may have it. Held, not sent again.
            record = s => s.SetProperty(e => e.UncertainAt, at).SetProperty(e => e.LastError, outcome.Error).Unclaimed();
            metrics.EmailsUncertain.Add(1);
            log.LogWarning("Email {Id} ({Template}) was handed over but the server did not answer; it is held for an administrator (/admin/emails). {Error}", email.Id, email.TemplateKey, Telemetry.LogText(outcome.Error!));
        }
        else
        {
            var attempts = email.Attempts + 1;
            var givesUp = attempts >= settings.MaxAttempts;
            var next = givesUp ? email.NextAttemptAt : at + RetryDelay(attempts, settings);
            DateTimeOffset? gaveUpAt = givesUp ? at : null;
            // A refusal also lifts a hold a taker-over put on the row: the server has said it does not have the email.
            record = s => s.SetProperty(e => e.Attempts, attempts).SetProperty(e => e.LastError, outcome.Error).SetProperty(e => e.NextAttemptAt, next)
                .SetProperty(e => e.GaveUpAt, gaveUpAt).SetProperty(e => e.UncertainAt, (DateTimeOffset?)null).Unclaimed();
            metrics.EmailsFailed.Add(1);
            if (givesUp)
            {
                log.LogError("Email {Id} ({Template}) failed {Attempts} times; giving up. Last error: {Error}", email.Id, email.TemplateKey, attempts, Telemetry.LogText(outcome.Error!));
            }
            else
            {
                log.LogWarning("Email {Id} ({Template}) failed (attempt {Attempts}); next try at {Next:O}. {Error}", email.Id, email.TemplateKey, attempts, next, Telemetry.LogText(outcome.Error!));
            }
        }
        // Recorded even when the host is stopping, and again through a short database outage: otherwise the email would
        // be held as uncertain when the claim expires (bench/faults: PostgreSQL stopped during delivery).
        var updated = await UntilRecordedAsync(email, claim, () => row.ExecuteUpdateAsync(record, CancellationToken.None));
        if (updated == 0)
        {
            // Already recorded sent, or the claim expired during a slow delivery and another sender took the row over.
            log.LogWarning("Email {Id}: the outcome was not recorded; the row is sent already or another sender owns it now.", email.Id);
        }
    }
}

/// <summary>The setters every outcome and release ends with.</summary>
internal static class OutboxClaims
{
    /// <summary>No sender holds the row any more.</summary>
    public static UpdateSettersBuilder<OutboxEmail> Unclaimed(this UpdateSettersBuilder<OutboxEmail> s) =>
        s.SetProperty(e => e.LockedUntil, (DateTimeOffset?)null).SetProperty(e => e.LockedBy, (string?)null);
}
