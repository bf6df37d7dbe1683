namespace TitleBridge.Domain.Catalogue.Search;

/// <summary>
/// Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring letters
/// (optimal string alignment), so "azrue" is one edit from "azure". Bounded: it stops as soon as the
/// distance must exceed <c>max</c>, which keeps the per-keystroke search cheap.
/// </summary>
internal static class DamerauLevenshtein
{
    public const int MaxLength = 64;

    /// <summary>The distance, or <c>max + 1</c> when it is larger than <paramref name="max"/>.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            return a.SequenceEqual(b) ? 0 : max + 1;
        }
        var width = b.Length + 1;
        Span<int> previous2 = stackalloc int[width];
        Span<int> previous = stackalloc int[width];
        Span<int> current = stackalloc int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return Math.Min(previous[b.Length], max + 1);
    }

    /// <summary>
    /// How many edits a word may carry and still match. None for words of up to four letters and for
    /// anything with a digit: there one edit gives another real credential (CCNA/CCNP, CISA/CISM,
    /// AZ-104/AZ-204). One up to eight letters (azrue → azure), two from nine.
    /// </summary>
    public static int AllowedEdits(ReadOnlySpan<char> word)
    {
        if (word.Length <= 4 || word.ContainsAnyInRange('0', '9'))
        {
            return 0;
        }
        return word.Length <= 8 ? 1 : 2;
    }
}
