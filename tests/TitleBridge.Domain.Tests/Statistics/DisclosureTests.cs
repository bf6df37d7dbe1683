using CsCheck;
using TitleBridge.Domain.Statistics;
using TitleBridge.Domain.Tests.Eligibility;

namespace TitleBridge.Domain.Tests.Statistics;

/// <summary>Policy.md §7, rule by rule, with the parameters of the shipped rule set.</summary>
public class DisclosureTests
{
    private static readonly DisclosureParameters P = TestRepo.RuleSet.Statistics;

    [Fact]
    public void The_shipped_rule_set_carries_the_policy_numbers_with_their_source()
    {
        Assert.Equal((5, 5, 23), (P.RoundTo.Value, P.SmallCountBelow.Value, P.MinPercentageBase.Value));
        // Cited as the documents people read (PolicySources), not the internal specification.
        Assert.Contains("HESA", P.RoundTo.Source, StringComparison.Ordinal);
        Assert.Equal(["default"], P.RoundTo.Cites ?? []);
        Assert.Equal(10, TestRepo.RuleSet.PersonalData.RetentionYears.Value);
    }

    [Theory]
    [InlineData(0, CellKind.Shown, 0)]
    [InlineData(1, CellKind.Small, null)]
    [InlineData(4, CellKind.Small, null)]
    [InlineData(5, CellKind.Shown, 5)]
    [InlineData(6, CellKind.Shown, 5)]
    [InlineData(7, CellKind.Shown, 5)]
    [InlineData(8, CellKind.Shown, 10)]
    [InlineData(12, CellKind.Shown, 10)]
    [InlineData(13, CellKind.Shown, 15)]
    [InlineData(1002, CellKind.Shown, 1000)]
    public void Count_rounds_to_the_nearest_five_keeps_zero_and_hides_one_to_four(int exact, CellKind kind, int? shown)
    {
        Assert.Equal(new PublishedCount(kind, shown), Disclosure.Count(exact, P));
    }

    [Fact]
    public void A_small_count_reads_less_than_five_in_both_languages()
    {
        var text = Disclosure.Count(3, P).Text(P);
        Assert.Equal(("< 5", "少于5"), (text.En, text.Zh));
        Assert.Equal(("withheld", "不公开"), (new PublishedCount(CellKind.Withheld, null).Text(P).En, new PublishedCount(CellKind.Withheld, null).Text(P).Zh));
    }

    [Theory]
    [InlineData(10, 22, false, null)]
    [InlineData(10, 23, false, 43)]
    [InlineData(1, 200, false, 1)]
    [InlineData(3, 40, true, null)]
    [InlineData(0, 0, false, null)]
    public void Percentage_needs_a_base_of_23_and_a_published_numerator(int numerator, int denominator, bool numeratorHidden, int? expected)
    {
        Assert.Equal(expected, Disclosure.Percentage(numerator, denominator, P, numeratorHidden));
    }

    [Theory]
    // 12 of 37 is 32.4%; from the published 10 of 35 it would read 29%.
    [InlineData(12, 37, 32)]
    // 5 of 23 is 21.7%; from the published 5 of 25 it would read 20%.
    [InlineData(5, 23, 22)]
    // 1 of 8 is exactly 12.5%, but the base is below 23.
    [InlineData(1, 8, null)]
    public void Percentage_is_computed_from_the_exact_figures_not_the_rounded_ones(int numerator, int denominator, int? expected)
    {
        Assert.Equal(expected, Disclosure.Percentage(numerator, denominator, P));
    }

    [Fact]
    public void Totals_are_computed_from_exact_figures_then_rounded()
    {
        // 6 + 6 + 6 = 18 → 20, although each cell reads 5 (5 + 5 + 5 would be 15).
        var table = Disclosure.Table(new[,] { { 6, 6, 6 } }, P);
        Assert.All(table.Cells[0], c => Assert.Equal(new PublishedCount(CellKind.Shown, 5), c));
        Assert.Equal(new PublishedCount(CellKind.Shown, 20), table.RowTotals![0]);
        Assert.Equal(new PublishedCount(CellKind.Shown, 20), table.GrandTotal);
    }

    [Fact]
    public void A_single_small_cell_in_a_row_with_a_published_total_gets_a_complementary_cell_withheld()
    {
        // Row 0: 3 is small; its total (3 + 40 + 20 = 63) is published, so another cell of row 0 must go too,
        // and then the columns of both need a second hidden cell as well.
        var table = Disclosure.Table(new[,] { { 3, 40, 20 }, { 30, 25, 50 }, { 35, 45, 60 } }, P);
        Assert.Equal(CellKind.Small, table.Cells[0][0].Kind);
        Assert.True(table.Cells[0].Count(c => c.Hidden) >= 2);
        Assert.True(table.Cells.Count(row => row[0].Hidden) >= 2);
        Assert.Empty(Disclosure.Recoverable(ToGrid(table), table.RowTotals!, table.ColumnTotals, table.GrandTotal));
        Assert.Equal(new PublishedCount(CellKind.Shown, 65), table.RowTotals![0]);
    }

    [Fact]
    public void A_true_zero_is_never_withheld_to_protect_a_small_cell()
    {
        // Row 0: 2 beside two zeros and 30. Only 30 may be withheld with it.
        var table = Disclosure.Table(new[,] { { 2, 0, 0, 30 }, { 10, 10, 10, 10 } }, P);
        Assert.Equal([CellKind.Small, CellKind.Shown, CellKind.Shown, CellKind.Withheld], table.Cells[0].Select(c => c.Kind));
        Assert.Equal(0, table.Cells[0][1].Value);
    }

    [Fact]
    public void A_row_whose_total_is_small_needs_no_complement_within_the_row()
    {
        // 1 + 2 = 3: the total itself is "< 5", so the row gives no equation; the columns still do.
        var table = Disclosure.Table(new[,] { { 1, 2 }, { 50, 60 } }, P);
        Assert.Equal(CellKind.Small, table.RowTotals![0].Kind);
        Assert.Empty(Disclosure.Recoverable(ToGrid(table), table.RowTotals!, table.ColumnTotals, table.GrandTotal));
    }

    [Fact]
    public void A_table_without_row_totals_protects_through_its_column_totals()
    {
        var table = Disclosure.Table(new[,] { { 40, 12 }, { 3, 1 }, { 25, 8 } }, P, rowTotals: false);
        Assert.Null(table.RowTotals);
        Assert.True(table.Cells.Count(row => row[0].Hidden) >= 2);
        Assert.True(table.Cells.Count(row => row[1].Hidden) >= 2);
    }

    [Fact]
    public void A_table_without_row_totals_has_no_grand_total_to_protect_against()
    {
        // One country with 10 applications and 3 titles: the 3 is small and hidden, and the column of titles has
        // only its own (small) total, so nothing works it out — the 10 applications and their total stay shown.
        var table = Disclosure.Table(new[,] { { 0, 0 }, { 10, 3 }, { 0, 0 } }, P, rowTotals: false);
        Assert.Equal([(CellKind.Shown, (int?)0), (CellKind.Shown, 0)], table.Cells[0].Select(c => (c.Kind, c.Value)));
        Assert.Equal([(CellKind.Shown, (int?)10), (CellKind.Small, null)], table.Cells[1].Select(c => (c.Kind, c.Value)));
        Assert.Equal([(CellKind.Shown, (int?)10), (CellKind.Small, null)], table.ColumnTotals.Select(c => (c.Kind, c.Value)));
        Assert.True(table.GrandTotal.Hidden);
    }

    /// <summary>
    /// The property §7 asks for, checked independently of the graph argument in <see cref="Disclosure.Recoverable"/>:
    /// write every published total as a linear equation over the hidden cells (shown cells at face value) and ask
    /// linear algebra whether any hidden cell's unit vector lies in the span of those equations.
    /// </summary>
    [Fact]
    public void No_hidden_cell_can_be_recomputed_from_the_published_totals()
    {
        var cell = Gen.Frequency((3, Gen.Int[0, 0]), (4, Gen.Int[1, 4]), (4, Gen.Int[5, 60]));
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Bool).SelectMany((rows, columns, rowTotals) =>
                cell.Array[rows * columns].Select(values => (rows, columns, rowTotals, values)))
            .Sample(t =>
            {
                var exact = new int[t.rows, t.columns];
                for (var i = 0; i < t.values.Length; i++)
                {
                    exact[i / t.columns, i % t.columns] = t.values[i];
                }
                var table = Disclosure.Table(exact, P, t.rowTotals);
                AssertFaithful(exact, table);
                var determined = DeterminedHiddenCells(table);
                Assert.True(determined.Count == 0, $"recomputable: {string.Join(", ", determined)} in {Show(exact)}");
            }, iter: 3000);
    }

    /// <summary>Every shown figure is the rounded exact one; small ones really are small; zeros are shown.</summary>
    private static void AssertFaithful(int[,] exact, PublishedTable table)
    {
        for (var r = 0; r < exact.GetLength(0); r++)
        {
            for (var c = 0; c < exact.GetLength(1); c++)
            {
                var published = table.Cells[r][c];
                if (exact[r, c] == 0)
                {
                    Assert.Equal(new PublishedCount(CellKind.Shown, 0), published);
                }
                else if (published.Kind != CellKind.Withheld)
                {
                    Assert.Equal(Disclosure.Count(exact[r, c], P), published);
                }
            }
        }
    }

    private static List<(int R, int C)> DeterminedHiddenCells(PublishedTable table)
    {
        var rows = table.Cells.Count;
        var columns = table.Cells[0].Count;
        var hidden = new List<(int R, int C)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (table.Cells[r][c].Hidden)
                {
                    hidden.Add((r, c));
                }
            }
        }
        var equations = new List<double[]>();
        for (var r = 0; r < rows && table.RowTotals is not null; r++)
        {
            if (!table.RowTotals[r].Hidden)
            {
                equations.Add(hidden.Select(h => h.R == r ? 1.0 : 0.0).ToArray());
            }
        }
        for (var c = 0; c < columns; c++)
        {
            if (!table.ColumnTotals[c].Hidden)
            {
                equations.Add(hidden.Select(h => h.C == c ? 1.0 : 0.0).ToArray());
            }
        }
        if (!table.GrandTotal.Hidden)
        {
            equations.Add(hidden.Select(_ => 1.0).ToArray());
        }
        var rank = Rank(equations);
        var determined = new List<(int R, int C)>();
        for (var i = 0; i < hidden.Count; i++)
        {
            var unit = new double[hidden.Count];
            unit[i] = 1;
            if (Rank([.. equations, unit]) == rank)
            {
                determined.Add(hidden[i]);
            }
        }
        return determined;
    }

    private static int Rank(List<double[]> matrix)
    {
        var m = matrix.Select(row => (double[])row.Clone()).ToList();
        var width = m.Count == 0 ? 0 : m[0].Length;
        var rank = 0;
        for (var col = 0; col < width && rank < m.Count; col++)
        {
            var pivot = Enumerable.Range(rank, m.Count - rank).OrderByDescending(i => Math.Abs(m[i][col])).First();
            if (Math.Abs(m[pivot][col]) < 1e-9)
            {
                continue;
            }
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var i = 0; i < m.Count; i++)
            {
                if (i != rank && Math.Abs(m[i][col]) > 1e-12)
                {
                    var f = m[i][col] / m[rank][col];
                    for (var j = col; j < width; j++)
                    {
                        m[i][j] -= f * m[rank][j];
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    private static PublishedCount[,] ToGrid(PublishedTable table)
    {
        var grid = new PublishedCount[table.Cells.Count, table.Cells[0].Count];
        for (var r = 0; r < table.Cells.Count; r++)
        {
            for (var c = 0; c < table.Cells[r].Count; c++)
            {
                grid[r, c] = table.Cells[r][c];
            }
        }
        return grid;
    }

    private static string Show(int[,] exact) =>
        string.Join(" / ", Enumerable.Range(0, exact.GetLength(0)).Select(r => string.Join(",", Enumerable.Range(0, exact.GetLength(1)).Select(c => exact[r, c]))));
}
