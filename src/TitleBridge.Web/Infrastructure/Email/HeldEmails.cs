using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
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

    /// <summary>Emails held: not sent, and either handed over without an answer or given up on.</summary>
    private IQueryable<OutboxEmail> HeldRows => db.OutboxEmails.Where(e => e.SentAt == null && (e.UncertainAt != null || e.GaveUpAt != null));

    /// <summary>Held emails, the oldest first, at most <see cref="Listed"/>, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<Held> Emails, int Total)> ListAsync(string messageIdDomain, CancellationToken ct = default)
    {
        var held = HeldRows.AsNoTracking();
        var total = await held.CountAsync(ct);
        var emails = await ReadAsync(held.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(Listed), messageIdDomain, ct);
        return (emails, total);
    }

    /// <summary>
    /// One email held as uncertain, as the confirmation of "record as delivered" shows it; null when there is no such
    /// email (any more): never held, given up on (the server refused it every time), or decided on already.
    /// </summary>
    public async Task<Held?> FindUncertainAsync(Guid id, string messageIdDomain, CancellationToken ct = default) =>
        (await ReadAsync(HeldRows.AsNoTracking().Where(e => e.Id == id && e.UncertainAt != null), messageIdDomain, ct)).SingleOrDefault();

    private static async Task<IReadOnlyList<Held>> ReadAsync(IQueryable<OutboxEmail> held, string messageIdDomain, CancellationToken ct)
    {
        var rows = await held
            .Select(e => new { e.Id, e.To, e.Culture, e.Subject, e.CreatedAt, e.UncertainAt, e.GaveUpAt, e.Attempts, e.LastError })
            .ToListAsync(ct);
        return rows
            .Select(e => new Held(e.Id, $"{e.Id:N}@{messageIdDomain}", e.To, e.Culture, e.Subject, e.CreatedAt,
                (e.UncertainAt ?? e.GaveUpAt)!.Value, e.UncertainAt is not null, e.Attempts, e.LastError))
            .ToList();
    }

    /// <summary>
    /// The email goes again: the server's log shows it never accepted it (held as uncertain), or the trouble that
    /// made every attempt fail is mended (given up). False when it is not held (any more).
    /// </summary>
    public async Task<bool> SendAgainAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var uncertain = await HeldRows.Where(e => e.Id == id).Select(e => (bool?)(e.UncertainAt != null)).SingleOrDefaultAsync(ct);
        return uncertain is { } wasUncertain && await DecideAsync(HeldRows.Where(e => e.Id == id), s => s
            .SetProperty(e => e.UncertainAt, (DateTimeOffset?)null)
            .SetProperty(e => e.GaveUpAt, (DateTimeOffset?)null)
            .SetProperty(e => e.Attempts, 0)
            .SetProperty(e => e.NextAttemptAt, now)
            .Unclaimed(), actor, new HeldEmailSentAgain(id, wasUncertain ? "uncertain" : "gave-up"), ct);
    }

    /// <summary>
    /// The server's log shows it accepted the email: recorded as sent, never sent again. Only for an email held as
    /// uncertain (one given up on was refused every time). False when there is no such email (any more).
    /// </summary>
    public Task<bool> MarkDeliveredAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return DecideAsync(HeldRows.Where(e => e.Id == id && e.UncertainAt != null), s => s
            .SetProperty(e => e.SentAt, now)
            .SetProperty(e => e.UncertainAt, (DateTimeOffset?)null)
            .Unclaimed(), actor, new HeldEmailMarkedDelivered(id), ct);
    }

    /// <summary>One decision: the conditional update and its audit event in one transaction; false when no row matched.</summary>
    private async Task<bool> DecideAsync(IQueryable<OutboxEmail> email, Action<UpdateSettersBuilder<OutboxEmail>> decision, string actor, AuditRecord record, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await email.ExecuteUpdateAsync(decision, ct) == 0)
        {
            return false;
        }
        audit.Add(actor, record);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
