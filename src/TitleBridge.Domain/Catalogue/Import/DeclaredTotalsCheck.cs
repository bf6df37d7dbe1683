using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Catalogue.Import;

/// <summary>Which count of the announcement a mismatch concerns.</summary>
public enum TotalsDimension
{
    Total,
    Level,
    Sector,
}

/// <summary>
/// One count of the imported entries that differs from the announcement's declared totals.
/// <paramref name="Key"/> is the level code (AE/E/SE) or sector code; empty for the total.
/// </summary>
public sealed record TotalsMismatch(TotalsDimension Dimension, string Key, int Expected, int Actual, BilingualText Message);

/// <summary>
/// Compares imported entries with the totals the edition's announcement declares (policy.md §1: 170
/// entries; 50/90/30 by level; 58/46/22/22/13/9 by sector). A mismatch does not block an import by
/// itself: the bureau may be importing a corrected table, so it is shown for a person to confirm.
/// </summary>
public static class DeclaredTotalsCheck
{
    public static IReadOnlyList<TotalsMismatch> Compare(IReadOnlyCollection<CatalogueEntry> entries, DeclaredTotals declared)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(declared);
        var mismatches = new List<TotalsMismatch>();

        if (entries.Count != declared.Total)
        {
            mismatches.Add(new TotalsMismatch(
                TotalsDimension.Total, "", declared.Total, entries.Count,
                new($"The announcement declares {declared.Total} entries in total, but the table has {entries.Count}.",
                    $"公告公布的条目总数为 {declared.Total} 项，而表格中有 {entries.Count} 项。")));
        }

        var byLevel = entries.GroupBy(e => e.Level.Code()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (level, expected, actual) in Pairs(declared.ByLevel, byLevel))
        {
            var name = TitleLevels.TryParseCode(level, out var parsed) ? parsed.Name() : new BilingualText(level, level);
            mismatches.Add(new TotalsMismatch(
                TotalsDimension.Level, level, expected, actual,
                new($"The announcement declares {expected} {name.En} ({level}) entries, but the table has {actual}.",
                    $"公告公布的{name.Zh}（{level}）条目为 {expected} 项，而表格中有 {actual} 项。")));
        }

        var bySector = entries.GroupBy(e => e.Sector).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (sector, expected, actual) in Pairs(declared.BySector, bySector))
        {
            mismatches.Add(new TotalsMismatch(
                TotalsDimension.Sector, sector, expected, actual,
                new($"The announcement declares {expected} entries in sector {sector}, but the table has {actual}.",
                    $"公告公布的 {sector} 领域条目为 {expected} 项，而表格中有 {actual} 项。")));
        }
        return mismatches;
    }

    /// <summary>Every key of either side whose counts differ; a key missing on one side counts 0 there.</summary>
    private static IEnumerable<(string Key, int Expected, int Actual)> Pairs(
        IReadOnlyDictionary<string, int> declared,
        Dictionary<string, int> actual) =>
        declared.Keys.Union(actual.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key => (key, declared.GetValueOrDefault(key), actual.GetValueOrDefault(key)))
            .Where(x => x.Item2 != x.Item3);
}
