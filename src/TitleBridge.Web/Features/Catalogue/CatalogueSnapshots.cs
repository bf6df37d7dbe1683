using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Search;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>An edition with its entries and search index, read once and shared by every request.</summary>
public sealed class CatalogueSnapshot
{
    public CatalogueSnapshot(CatalogueEditionRecord edition, IReadOnlyList<CatalogueEntry> entries, ReferenceData reference)
    {
        Edition = edition;
        Entries = entries;
        ByCode = entries.ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);
        // Built on the first search, not with the snapshot: the eligibility check of every submission reads the
        // snapshot and never searches (bench/README.md, "Submissions").
        _search = new Lazy<CatalogueSearchIndex>(() => new CatalogueSearchIndex(entries, reference), LazyThreadSafetyMode.ExecutionAndPublication);
        Version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{edition.Id}|{edition.ConcurrencyStamp}|{edition.Status}|{edition.EffectiveFrom}|{edition.EffectiveTo}")))[..16];
    }

    public CatalogueEditionRecord Edition { get; }
    public IReadOnlyList<CatalogueEntry> Entries { get; }
    public IReadOnlyDictionary<string, CatalogueEntry> ByCode { get; }
    public CatalogueSearchIndex Search => _search.Value;

    private readonly Lazy<CatalogueSearchIndex> _search;

    /// <summary>Changes whenever the edition changes; the basis of ETags.</summary>
    public string Version { get; }
}

/// <summary>
/// Catalogue reads are served from memory: editions change a few times a year, searches happen on
/// every keystroke. A snapshot lives at most <see cref="Lifetime"/>, so every instance sharing one
/// PostgreSQL sees a publication within that time; the instance that publishes sees it at once
/// (docs/decisions/0003-catalogue-snapshots.md).
/// </summary>
public sealed class CatalogueSnapshots(IServiceScopeFactory scopes, ReferenceData reference, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, Task<CatalogueSnapshot?> Snapshot)> _byEdition = new();
    private (DateOnly Date, DateTimeOffset LoadedAt, Task<string?> EditionId)? _inForce;

    public void Invalidate()
    {
        _byEdition.Clear();
        _inForce = null;
    }

    /// <summary>The published edition in force on a date (policy.md §2 CAT), or null when none is.</summary>
    public async Task<CatalogueSnapshot?> InForceAsync(DateOnly? date = null, CancellationToken ct = default)
    {
        var on = date ?? time.Today();
        var now = time.GetUtcNow();
        var cached = _inForce;
        Task<string?> id;
        if (cached is { } c && c.Date == on && now - c.LoadedAt < Lifetime)
        {
            id = c.EditionId;
        }
        else
        {
            id = FindInForceAsync(on, ct);
            _inForce = (on, now, id);
        }
        var editionId = await id;
        return editionId is null ? null : await GetAsync(editionId, ct);
    }

    public Task<CatalogueSnapshot?> GetAsync(string editionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var entry = _byEdition.AddOrUpdate(
            editionId,
            id => (now, LoadAsync(id, ct)),
            (id, old) => now - old.LoadedAt < Lifetime && !old.Snapshot.IsFaulted ? old : (now, LoadAsync(id, ct)));
        return entry.Snapshot;
    }

    private async Task<string?> FindInForceAsync(DateOnly on, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await EditionRules.InForce(db.CatalogueEditions.AsNoTracking(), on).Select(e => e.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<CatalogueSnapshot?> LoadAsync(string editionId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var edition = await db.CatalogueEditions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null)
        {
            return null;
        }
        var rows = await db.CatalogueEntries.AsNoTracking().Where(e => e.EditionId == editionId).ToListAsync(ct);
        return new CatalogueSnapshot(edition, rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => r.ToDomain()).ToList(), reference);
    }
}

public static class EditionRules
{
    /// <summary>Exactly one published edition is in force on a date: the latest whose effective period covers it.</summary>
    public static IQueryable<CatalogueEditionRecord> InForce(IQueryable<CatalogueEditionRecord> editions, DateOnly on) =>
        editions
            .Where(e => e.Status == EditionStatus.Published && e.EffectiveFrom <= on && (e.EffectiveTo == null || e.EffectiveTo >= on))
            .OrderByDescending(e => e.EffectiveFrom);
}
