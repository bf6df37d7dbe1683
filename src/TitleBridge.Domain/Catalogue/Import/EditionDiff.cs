namespace TitleBridge.Domain.Catalogue.Import;

/// <summary>One column whose value differs between two versions of an entry, as the table writes it.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>An entry present in both editions (same code) with at least one changed column.</summary>
public sealed record EntryChange(CatalogueEntry Before, CatalogueEntry After, IReadOnlyList<FieldChange> Fields)
{
    public string Code => After.Code;

    /// <summary>The level moved: what a person holding it may apply for changes (policy.md §2 EQUIV, UP).</summary>
    public bool LevelChanged => Before.Level != After.Level;

    public bool SectorChanged => !string.Equals(Before.Sector, After.Sector, StringComparison.Ordinal);

    /// <summary>Changed columns other than level and sector.</summary>
    public IReadOnlyList<FieldChange> OtherFields =>
        [.. Fields.Where(f => f.Field is not CatalogueTable.Level and not CatalogueTable.Sector)];
}

/// <summary>
/// What an import would change in the catalogue: entries added, removed and changed, matched by code.
/// Shown to the bureau before an edition replaces another, so nobody's qualification silently moves.
/// </summary>
public sealed record EditionDiff(
    IReadOnlyList<CatalogueEntry> Added,
    IReadOnlyList<CatalogueEntry> Removed,
    IReadOnlyList<EntryChange> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>
    /// Compares two lists of entries by code. Each list must have unique codes (as a validated table
    /// has); every list in the result is in code order.
    /// </summary>
    public static EditionDiff Compare(IReadOnlyList<CatalogueEntry> before, IReadOnlyList<CatalogueEntry> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.ToDictionary(e => e.Code, StringComparer.Ordinal);
        var current = after.ToDictionary(e => e.Code, StringComparer.Ordinal);

        var added = after.Where(e => !old.ContainsKey(e.Code)).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        var removed = before.Where(e => !current.ContainsKey(e.Code)).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        var changed = new List<EntryChange>();
        foreach (var entry in after.OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            if (!old.TryGetValue(entry.Code, out var previous))
            {
                continue;
            }
            // Compared as the table writes them, so the diff speaks in the columns people import.
            var was = CatalogueTable.Cells(previous);
            var now = CatalogueTable.Cells(entry);
            var fields = new List<FieldChange>();
            for (var i = 0; i < CatalogueTable.Columns.Count; i++)
            {
                if (!string.Equals(was[i], now[i], StringComparison.Ordinal))
                {
                    fields.Add(new FieldChange(CatalogueTable.Columns[i], was[i], now[i]));
                }
            }
            if (fields.Count > 0)
            {
                changed.Add(new EntryChange(previous, entry, fields));
            }
        }
        return new EditionDiff(added, removed, changed);
    }
}
