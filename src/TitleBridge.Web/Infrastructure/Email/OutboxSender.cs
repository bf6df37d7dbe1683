using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>
/// Delivers due outbox emails every Email:PollSeconds. Safe with several instances on one PostgreSQL:
/// rows are claimed with one conditional UPDATE, so each email is worked on by one sender at a time;
/// a claim expires (Email:LockSeconds), so the rows of a crashed instance are picked up again.
/// Delivery is at least once: a crash between delivering and recording it sends the email again, with
/// the same Message-ID.
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
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), clock);
        do
        {
            try
            {
                // Drain a backlog before waiting again.
                while (await ProcessOnceAsync(stoppingToken) >= options.Value.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next tick tries again and nothing is lost.
                log.LogError(e, "The email outbox sender failed; it will try again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Claims up to Email:BatchSize due emails, delivers them and records the outcome. Returns how many
    /// were claimed. Each call claims with its own token, so concurrent calls behave like separate instances.
    /// </summary>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = scope.ServiceProvider.GetRequiredService<IEmailDelivery>();
        var token = $"{Instance}/{Guid.NewGuid():N}";
        var now = clock.GetUtcNow();

        // Candidates first, then the claim. The claim's WHERE repeats the conditions on the row itself
        // (not through a subquery), so on PostgreSQL a sender that waited for another's row lock
        // re-checks them against the committed row and skips what the other claimed.
        var candidates = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.SentAt == null && e.GaveUpAt == null && e.NextAttemptAt <= now && (e.LockedUntil == null || e.LockedUntil < now))
            .OrderBy(e => e.NextAttemptAt)
            .Select(e => e.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }
        var lockedUntil = now.AddSeconds(settings.LockSeconds);
        var claimed = await db.OutboxEmails
            .Where(e => candidates.Contains(e.Id) && e.SentAt == null && e.GaveUpAt == null && (e.LockedUntil == null || e.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockedUntil, lockedUntil).SetProperty(e => e.LockedBy, token), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }
        var emails = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.LockedBy == token)
            .OrderBy(e => e.NextAttemptAt)
            .ToListAsync(cancellationToken);

        foreach (var email in emails)
        {
            string? error = null;
            try
            {
                await delivery.DeliverAsync(email, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = $"{e.GetType().Name}: {e.Message}";
                if (error.Length > 2000)
                {
                    error = error[..2000];
                }
            }
            await RecordAsync(db, email, token, error, settings);
        }
        return emails.Count;
    }

    /// <summary>The wait after the n-th failed attempt: base × 2^(n−1), at most the configured maximum.</summary>
    /// <summary>
    /// Runs the update that records an outcome, again while the database does not answer, for at most
    /// four fifths of the claim: after that another sender may take the email over, and the record is left to it.
    /// </summary>
    private async Task<int> UntilRecordedAsync(OutboxEmail email, Func<Task<int>> update, EmailOptions settings)
    {
        var limit = TimeSpan.FromSeconds(settings.LockSeconds * 0.8);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await update();
            }
            catch (Exception e) when ((e is System.Data.Common.DbException or InvalidOperationException or TimeoutException) && waited.Elapsed < limit)
            {
                log.LogWarning("Email {Id}: its outcome could not be recorded yet ({Error}); trying again.", email.Id, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)));
            }
        }
    }

    public static TimeSpan RetryDelay(int failedAttempts, EmailOptions settings)
    {
        var seconds = settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.RetryMaxSeconds));
    }

    private async Task RecordAsync(AppDbContext db, OutboxEmail email, string token, string? error, EmailOptions settings)
    {
        var at = clock.GetUtcNow();
        // Recorded even when the host is stopping: the email went out (or failed) whatever happens next.
        var uncancellable = CancellationToken.None;
        var mine = db.OutboxEmails.Where(e => e.Id == email.Id && e.LockedBy == token);
        int updated;
        if (error is null)
        {
            // The server has the email: the record must not be lost to a database that is briefly away, or the
            // email would go again when the claim expires (bench/faults: PostgreSQL stopped during delivery).
            updated = await UntilRecordedAsync(email, () => mine.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.SentAt, at)
                .SetProperty(e => e.LastError, (string?)null)
                .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.LockedBy, (string?)null), uncancellable), settings);
            metrics.EmailsSent.Add(1);
            log.LogInformation("Email {Id} ({Template}) delivered.", email.Id, email.TemplateKey);
        }
        else
        {
            metrics.EmailsFailed.Add(1);
            var attempts = email.Attempts + 1;
            var givesUp = attempts >= settings.MaxAttempts;
            var next = givesUp ? email.NextAttemptAt : at + RetryDelay(attempts, settings);
            DateTimeOffset? gaveUpAt = givesUp ? at : null;
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.LastError, error)
                .SetProperty(e => e.NextAttemptAt, next)
                .SetProperty(e => e.GaveUpAt, gaveUpAt)
                .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.LockedBy, (string?)null), uncancellable);
            if (givesUp)
            {
                log.LogError("Email {Id} ({Template}) failed {Attempts} times; giving up. Last error: {Error}", email.Id, email.TemplateKey, attempts, Telemetry.LogText(error));
            }
            else
            {
                log.LogWarning("Email {Id} ({Template}) failed (attempt {Attempts}); next try at {Next:O}. {Error}", email.Id, email.TemplateKey, attempts, next, Telemetry.LogText(error));
            }
        }
        if (updated == 0)
        {
            // The claim expired during a slow delivery and another sender took the row over.
            log.LogWarning("Email {Id}: the claim expired before the outcome was recorded; another sender owns it now.", email.Id);
        }
    }
}
