using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Eligibility;

/// <summary>
/// The rule-set versions: those shipped in data/policy plus those officers loaded (stored in the
/// database). An evaluation uses the version in force on its evaluation date, so earlier versions keep
/// deciding evaluations dated before a newer one took effect. Cached like catalogue snapshots
/// (docs/decisions/0003-catalogue-snapshots.md).
/// </summary>
public sealed class RuleSetStore
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Lazy<IReadOnlyList<RuleSet>> _shipped;
    private readonly IConfiguration _configuration;
    private readonly Refreshing<RuleSetCatalogue> _all;

    public RuleSetStore(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _configuration = configuration;
        _shipped = new(() => LoadShipped(configuration));
        _all = new(LoadAsync, time, TimeSpan.FromSeconds(30));
    }

    public void Invalidate() => _all.Invalidate();

    public Task<RuleSetCatalogue> AllAsync(CancellationToken ct = default) => _all.GetAsync(ct);

    public async Task<RuleSet?> InForceAsync(DateOnly date, CancellationToken ct = default) =>
        (await AllAsync(ct)).InForceOn(date);

    /// <summary>
    /// The file a version was loaded from, as it was loaded: the stored text of a version officers loaded,
    /// or the shipped file of data/policy. The form "New version from the one in force" starts from it.
    /// </summary>
    public async Task<string?> JsonOfAsync(RuleSet ruleSet, CancellationToken ct = default)
    {
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.RuleSets.AsNoTracking()
                .Where(r => r.RuleSetId == ruleSet.Id && r.Version == ruleSet.Version)
                .Select(r => r.Json).FirstOrDefaultAsync(ct);
            if (stored is not null)
            {
                return stored;
            }
        }
        var folder = Path.Combine(ReferenceFiles.Directory(_configuration), "policy");
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, ct);
            if (RuleSetLoader.Load(json) is { Succeeded: true } loaded && loaded.Value.Id == ruleSet.Id && loaded.Value.Version == ruleSet.Version)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>Validates and stores a new version. Nothing is stored if anything is wrong.</summary>
    public async Task<Result<RuleSet>> AddVersionAsync(string json, string actor, CancellationToken ct = default)
    {
        var loaded = RuleSetLoader.Load(json);
        if (!loaded.Succeeded)
        {
            return loaded;
        }
        var ruleSet = loaded.Value;
        var all = await AllAsync(ct);
        var problems = new List<Problem>();
        if (all.All.Any(r => r.Id == ruleSet.Id && r.Version == ruleSet.Version))
        {
            problems.Add(new Problem("rule-set.version-exists", new(
                $"Version {ruleSet.Version} of {ruleSet.Id} already exists. Give the new rule set a new version.",
                $"规则集 {ruleSet.Id} 的 {ruleSet.Version} 版本已存在，请为新规则集指定新的版本号。"), "version"));
        }
        if (all.All.Any(r => r.EffectiveFrom == ruleSet.EffectiveFrom))
        {
            problems.Add(new Problem("rule-set.same-effective-date", new(
                $"Another rule set already takes effect on {ruleSet.EffectiveFrom:yyyy-MM-dd}. Choose another effective date.",
                $"已有规则集于 {ruleSet.EffectiveFrom:yyyy-MM-dd} 生效，请选择其他生效日期。"), "effectiveFrom"));
        }
        if (problems.Count > 0)
        {
            return Result<RuleSet>.Failure(problems);
        }
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = _time.GetUtcNow();
        db.RuleSets.Add(new RuleSetRecord
        {
            RuleSetId = ruleSet.Id,
            Version = ruleSet.Version,
            EffectiveFrom = ruleSet.EffectiveFrom,
            Json = json,
            LoadedBy = actor,
            LoadedAt = now,
        });
        scope.ServiceProvider.GetRequiredService<Infrastructure.Audit.AuditWriter>().Add(new Infrastructure.Audit.RuleSetLoaded(ruleSet.Id, ruleSet.Version, ruleSet.EffectiveFrom));
        await db.SaveChangesAsync(ct);
        Invalidate();
        return Result<RuleSet>.Success(ruleSet);
    }

    private async Task<RuleSetCatalogue> LoadAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.RuleSets.AsNoTracking().Select(r => r.Json).ToListAsync(ct);
        var fromDatabase = stored.Select(json => RuleSetLoader.Load(json))
            .Select(r => r.Succeeded ? r.Value : throw new InvalidOperationException("A stored rule set no longer validates: " + r.Problems[0].Message.En));
        return new RuleSetCatalogue([.. _shipped.Value, .. fromDatabase]);
    }

    private static IReadOnlyList<RuleSet> LoadShipped(IConfiguration configuration)
    {
        var folder = Path.Combine(ReferenceFiles.Directory(configuration), "policy");
        var loaded = RuleSetCatalogue.LoadFolder(folder);
        return loaded.Succeeded
            ? loaded.Value.All
            : throw new InvalidOperationException($"The rule sets shipped in {folder} do not validate: "
                + string.Join("; ", loaded.Problems.Select(p => $"{p.Field}: {p.Message.En}")));
    }
}
