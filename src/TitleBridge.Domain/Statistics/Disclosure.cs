using System.Globalization;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Domain.Statistics;

/// <summary>The numbers of policy.md §7, read from the rule set (<c>statistics</c>), each with its source.</summary>
public sealed record DisclosureParameters(
    Sourced<int> RoundTo,
    Sourced<int> SmallCountBelow,
    Sourced<int> MinPercentageBase);

/// <summary>How one published figure appears.</summary>
public enum CellKind
{
    /// <summary>A number: a true 0, or a count of at least the small threshold rounded to the nearest <c>roundTo</c>.</summary>
    Shown,

    /// <summary>A count from 1 to below the small threshold: shown as "&lt; 5" / "少于5" (primary suppression).</summary>
    Small,

    /// <summary>Withheld so that a small cell cannot be worked out from the totals (complementary suppression).</summary>
    Withheld,
}

/// <summary>One published figure. <see cref="Value"/> is the rounded number, present only when <see cref="Kind"/> is Shown.</summary>
public readonly record struct PublishedCount(CellKind Kind, int? Value)
{
    public bool Hidden => Kind != CellKind.Shown;

    /// <summary>What a reader sees, in both languages.</summary>
    public BilingualText Text(DisclosureParameters parameters) => Kind switch
    {
        CellKind.Shown => new(Value!.Value.ToString(CultureInfo.InvariantCulture), Value!.Value.ToString(CultureInfo.InvariantCulture)),
        CellKind.Small => new($"< {parameters.SmallCountBelow.Value}", $"少于{parameters.SmallCountBelow.Value}"),
        _ => new("withheld", "不公开"),
    };
}

/// <summary>A published table: every cell, row total and column total after §7. Totals absent when the table has none.</summary>
public sealed record PublishedTable(
    IReadOnlyList<IReadOnlyList<PublishedCount>> Cells,
    IReadOnlyList<PublishedCount>? RowTotals,
    IReadOnlyList<PublishedCount> ColumnTotals,
    PublishedCount GrandTotal);

/// <summary>
/// Statistical disclosure control for the open statistics (policy.md §7, after HESA and Ofqual practice):
/// the one place that turns exact counts into what the public may see. Pure; no I/O.
/// </summary>
public static class Disclosure
{
    /// <summary>
    /// One count: a true 0 stays 0; 1 to below the small threshold is "small"; anything else is rounded to the
    /// nearest <c>roundTo</c> (counts are whole numbers, so with an odd <c>roundTo</c> there are no ties).
    /// </summary>
    public static PublishedCount Count(int exact, DisclosureParameters p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exact);
        if (exact == 0)
        {
            return new(CellKind.Shown, 0);
        }
        if (exact < p.SmallCountBelow.Value)
        {
            return new(CellKind.Small, null);
        }
        var step = p.RoundTo.Value;
        var rounded = (exact + step / 2) / step * step;
        return new(CellKind.Shown, rounded);
    }

    /// <summary>
    /// A percentage from exact figures, to the nearest whole percent; null (not shown) when the base is below
    /// <c>minPercentageBase</c>, or when the numerator itself is not published (a percentage of a known base
    /// would give a hidden count back).
    /// </summary>
    public static int? Percentage(int numerator, int denominator, DisclosureParameters p, bool numeratorHidden = false)
    {
        if (denominator < p.MinPercentageBase.Value || denominator <= 0 || numeratorHidden)
        {
            return null;
        }
        return (int)Math.Round(100m * numerator / denominator, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// A whole table: each cell as <see cref="Count"/>; totals computed from the exact figures, then treated the
    /// same way; then complementary suppression until no hidden cell can be worked out from the published
    /// cells and totals (see <see cref="Recoverable"/>). <paramref name="rowTotals"/> false for tables whose
    /// columns do not add up across a row (applications beside titles granted).
    /// </summary>
    public static PublishedTable Table(int[,] exact, DisclosureParameters p, bool rowTotals = true)
    {
        var rows = exact.GetLength(0);
        var columns = exact.GetLength(1);
        var cells = new PublishedCount[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells[r, c] = Count(exact[r, c], p);
            }
        }
        var rowTotal = new PublishedCount[rows];
        for (var r = 0; r < rows; r++)
        {
            rowTotal[r] = rowTotals ? Count(Enumerable.Range(0, columns).Sum(c => exact[r, c]), p) : new(CellKind.Withheld, null);
        }
        var columnTotal = new PublishedCount[columns];
        for (var c = 0; c < columns; c++)
        {
            columnTotal[c] = Count(Enumerable.Range(0, rows).Sum(r => exact[r, c]), p);
        }
        // Without row totals the columns are not parts of one whole (titles granted are among the applications), so
        // the sum of every cell is no figure anyone publishes, and it is no equation a reader could use.
        var grand = rowTotals ? Count(exact.Cast<int>().Sum(), p) : new PublishedCount(CellKind.Withheld, null);

        // Complementary suppression. Each pass hides at least one more figure, so it ends. The options for a
        // recoverable cell are one more cell of its row or column, or the missing corners of a rectangle through
        // it (which closes a cycle at once); the chosen option leaves the fewest recoverable cells, then hides the
        // fewest and the smallest figures (the least information withheld).
        while (FirstRecoverable(cells, rowTotal, columnTotal, grand) is { } bridge)
        {
            List<(int R, int C)>? best = null;
            var bestScore = (int.MaxValue, int.MaxValue, int.MaxValue);
            foreach (var option in Options(bridge, rows, columns))
            {
                var hide = option.Where(x => !cells[x.R, x.C].Hidden).Distinct().ToList();
                if (hide.Count == 0 || hide.Any(x => exact[x.R, x.C] == 0))
                {
                    continue; // a true 0 is always published as 0
                }
                foreach (var (r, c) in hide)
                {
                    cells[r, c] = new(CellKind.Withheld, null);
                }
                var score = (Recoverable(cells, rowTotal, columnTotal, grand).Count, hide.Count, hide.Sum(x => exact[x.R, x.C]));
                foreach (var (r, c) in hide)
                {
                    cells[r, c] = Count(exact[r, c], p);
                }
                if (score.CompareTo(bestScore) < 0)
                {
                    (best, bestScore) = (hide, score);
                }
            }
            if (best is not null)
            {
                foreach (var (r, c) in best)
                {
                    cells[r, c] = new(CellKind.Withheld, null);
                }
            }
            else if (rowTotals && !rowTotal[bridge.R].Hidden)
            {
                // No other cell of either line can be hidden: withhold the line's total instead.
                rowTotal[bridge.R] = new(CellKind.Withheld, null);
            }
            else if (!columnTotal[bridge.C].Hidden)
            {
                columnTotal[bridge.C] = new(CellKind.Withheld, null);
            }
            else
            {
                grand = new(CellKind.Withheld, null);
            }
        }

        var published = new PublishedCount[rows][];
        for (var r = 0; r < rows; r++)
        {
            published[r] = Enumerable.Range(0, columns).Select(c => cells[r, c]).ToArray();
        }
        return new PublishedTable(published, rowTotals ? rowTotal : null, columnTotal, grand);
    }

    private static IEnumerable<(int R, int C)[]> Options((int R, int C) cell, int rows, int columns)
    {
        for (var c = 0; c < columns; c++)
        {
            yield return [(cell.R, c)];
        }
        for (var r = 0; r < rows; r++)
        {
            yield return [(r, cell.C)];
        }
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (r != cell.R && c != cell.C)
                {
                    yield return [(cell.R, c), (r, cell.C), (r, c)];
                }
            }
        }
    }

    private static (int R, int C)? FirstRecoverable(PublishedCount[,] cells, PublishedCount[] rowTotal, PublishedCount[] columnTotal, PublishedCount grand)
    {
        var found = Recoverable(cells, rowTotal, columnTotal, grand);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>
    /// The hidden cells whose exact value follows from the published figures, taking every shown figure at its
    /// face value. Each published total is a linear equation over the hidden cells of its line. Seen as a graph
    /// (one node per line with a published total, the lines without one merged into one node per direction, and
    /// an edge per hidden cell), a hidden cell is determined exactly when its edge is a bridge: removing it
    /// splits off a part whose equations, summed rows minus columns, give that one cell. An edge on a cycle can
    /// move by +t/−t around it with every equation still true. When the grand total is not published either,
    /// both merged nodes carry no equation and become one.
    /// </summary>
    public static IReadOnlyList<(int R, int C)> Recoverable(PublishedCount[,] cells, IReadOnlyList<PublishedCount> rowTotal, IReadOnlyList<PublishedCount> columnTotal, PublishedCount grand)
    {
        var rows = cells.GetLength(0);
        var columns = cells.GetLength(1);
        var freeRows = rows + columns;
        var freeColumns = grand.Hidden ? freeRows : freeRows + 1;
        var edges = new List<(int A, int B, int R, int C)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (cells[r, c].Hidden)
                {
                    edges.Add((rowTotal[r].Hidden ? freeRows : r, columnTotal[c].Hidden ? freeColumns : rows + c, r, c));
                }
            }
        }
        var nodes = rows + columns + 2;
        var bridges = new List<(int R, int C)>();
        for (var i = 0; i < edges.Count; i++)
        {
            if (edges[i].A != edges[i].B && !Connected(edges, i, nodes))
            {
                bridges.Add((edges[i].R, edges[i].C));
            }
        }
        return bridges;
    }

    /// <summary>Whether the two ends of edge <paramref name="without"/> are still joined when it is removed.</summary>
    private static bool Connected(List<(int A, int B, int R, int C)> edges, int without, int nodes)
    {
        var seen = new bool[nodes];
        var queue = new Queue<int>();
        queue.Enqueue(edges[without].A);
        seen[edges[without].A] = true;
        while (queue.TryDequeue(out var node))
        {
            if (node == edges[without].B)
            {
                return true;
            }
            for (var i = 0; i < edges.Count; i++)
            {
                if (i == without)
                {
                    continue;
                }
                var next = edges[i].A == node ? edges[i].B : edges[i].B == node ? edges[i].A : -1;
                if (next >= 0 && !seen[next])
                {
                    seen[next] = true;
                    queue.Enqueue(next);
                }
            }
        }
        return false;
    }
}
