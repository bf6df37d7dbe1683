using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The append-only, hash-chained audit log (DESIGN.md, quality bars). Events are written in the same
/// transaction as the change they record; a sealer then chains them in one order: each sealed event
/// carries a sequence number and SHA-256(previous hash ‖ its content). Sealing is done by one writer at a
/// time (a PostgreSQL advisory lock; SQLite has one writer anyway), so several instances never fork the
/// chain. <c>verify-audit</c> recomputes the chain and names the first event that does not fit.
/// </summary>
public sealed class AuditChain(IServiceScopeFactory scopes)
{
    private const long AdvisoryLockKey = 0x7469746c65627267; // "titlebrg"
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The outcome of <see cref="VerifyAsync"/>: what is wrong is said in both languages for the viewer's page.</summary>
    public sealed record Verification(long Sealed, long Unsealed, long? FirstBrokenSequence, BilingualText? Explanation)
    {
        public bool Intact => FirstBrokenSequence is null;

        /// <summary>In English, for the command line and logs.</summary>
        public string? Problem => Explanation?.En;
    }

    /// <summary>Chains every event not yet sealed, oldest first. Returns how many were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }
        var tip = await db.AuditEvents.Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var pending = await db.AuditEvents.Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(1000).ToListAsync(ct);
        var sequence = tip?.Sequence ?? 0;
        var previous = tip?.Hash ?? Genesis;
        foreach (var e in pending)
        {
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.Hash = HashOf(e, previous);
            previous = e.Hash;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return pending.Count;
    }

    public async Task<Verification> VerifyAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unsealed = await db.AuditEvents.LongCountAsync(e => e.Sequence == null, ct);
        var previous = Genesis;
        long expected = 0;
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            expected++;
            if (e.Sequence != expected)
            {
                return new(expected - 1, unsealed, expected, new($"event {expected} is missing (found {e.Sequence} next)", $"第 {expected} 条事件缺失（其后是第 {e.Sequence} 条）"));
            }
            if (e.PreviousHash != previous || e.Hash != HashOf(e, previous))
            {
                return new(expected - 1, unsealed, expected, new($"event {expected} (id {e.Id}, {e.Type}) does not match its hash", $"第 {expected} 条事件（编号 {e.Id}，{e.Type}）与其哈希值不符"));
            }
            previous = e.Hash!;
        }
        return new(expected, unsealed, null, null);
    }

    /// <summary>The canonical content of an event: every field, in a fixed order, with unambiguous separators.</summary>
    public static string HashOf(AuditEvent e, string previousHash)
    {
        var content = string.Join('\u001f',
            previousHash,
            e.Sequence?.ToString(CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.Actor, e.Type, e.Subject, e.Reason ?? "", e.Data);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}

/// <summary>Seals new audit events every few seconds.</summary>
public sealed class AuditSealer(AuditChain chain, IConfiguration configuration, ILogger<AuditSealer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Audit:SealerEnabled", true))
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Audit:SealSeconds", 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await chain.SealAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                log.LogWarning(e, "Sealing the audit log failed; it will be tried again.");
            }
            await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
