using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Audit;

namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>
/// The emails the outbox will not send on its own and an administrator decides on (/admin/emails, or the host's
/// <c>held-emails</c> verb): those handed to the server without an answer (<see cref="OutboxEmail.UncertainAt"/>:
/// the server may have them, so only its log can tell) and those the sender gave up on after every attempt failed.
/// Each decision is one conditional update with its audit event, so two administrators deciding at once change it once.
/// </summary>
public sealed class HeldEmails(AppDbContext db, AuditWriter audit, TimeProvider clock)
{
    public const int Listed = 200;

    /// <summary>One held email as an administrator decides on it.</summary>
    public sealed record Held(Guid Id, string MessageId, string To, string Culture, string Subject, DateTimeOffset CreatedAt,
        DateTimeOffset HeldSince, bool Uncertain, int Attempts, string? LastError);

    /// <summary>Held emails, the oldest first, at most <see cref="Listed"/>, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<Held> Emails, int Total)> ListAsync(string messageIdDomain, CancellationToken ct = default)
    {
        var held = db.OutboxEmails.AsNoTracking().Where(e => e.SentAt == null && (e.UncertainAt != null || e.GaveUpAt != null));
        var total = await held.CountAsync(ct);
        var rows = await held
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Take(Listed)
            .Select(e => new { e.Id, e.To, e.Culture, e.Subject, e.CreatedAt, e.UncertainAt, e.GaveUpAt, e.Attempts, e.LastError })
            .ToListAsync(ct);
        var emails = rows
            .Select(e => new Held(e.Id, $"{e.Id:N}@{messageIdDomain}", e.To, e.Culture, e.Subject, e.CreatedAt,
                (e.UncertainAt ?? e.GaveUpAt)!.Value, e.UncertainAt is not null, e.Attempts, e.LastError))
            .ToList();
        return (emails, total);
    }

    /// <summary>
    /// The email goes again: the server's log shows it never accepted it (held as uncertain), or the trouble that
    /// made every attempt fail is mended (given up). False when it is not held (any more).
    /// </summary>
    public async Task<bool> SendAgainAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var row = await db.OutboxEmails.AsNoTracking().Where(e => e.Id == id && e.SentAt == null && (e.UncertainAt != null || e.GaveUpAt != null))
            .Select(e => new { Uncertain = e.UncertainAt != null }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.OutboxEmails
            .Where(e => e.Id == id && e.SentAt == null && (e.UncertainAt != null || e.GaveUpAt != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.UncertainAt, (DateTimeOffset?)null)
                .SetProperty(e => e.GaveUpAt, (DateTimeOffset?)null)
                .SetProperty(e => e.Attempts, 0)
                .SetProperty(e => e.NextAttemptAt, now)
                .SetProperty(e => e.LockedBy, (string?)null)
                .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null), ct);
        if (changed == 0)
        {
            return false;
        }
        audit.Add(actor, new HeldEmailSentAgain(id, row.Uncertain ? "uncertain" : "gave-up"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The server's log shows it accepted the email: recorded as sent, never sent again. Only for an email held as
    /// uncertain (one given up on was refused every time). False when there is no such email (any more).
    /// </summary>
    public async Task<bool> MarkDeliveredAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.OutboxEmails
            .Where(e => e.Id == id && e.SentAt == null && e.UncertainAt != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.SentAt, now)
                .SetProperty(e => e.UncertainAt, (DateTimeOffset?)null)
                .SetProperty(e => e.LockedBy, (string?)null)
                .SetProperty(e => e.LockedUntil, (DateTimeOffset?)null), ct);
        if (changed == 0)
        {
            return false;
        }
        audit.Add(actor, new HeldEmailMarkedDelivered(id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
