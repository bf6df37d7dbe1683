using System.Globalization;
using System.Text;

namespace TitleBridge.Domain.Certificates;

/// <summary>
/// Names as public notices show them (policy.md §5.5, §6: "a masked name"): enough for the person and those who
/// know them to recognise the entry, not enough to identify a stranger. Chinese names keep the first and last
/// character (张*明, 欧**华; two characters: 张*); Latin names keep each word's initial followed by three stars,
/// whatever the word's length (J*** S***), so the mask does not tell the length of the name.
/// </summary>
public static class NameMasking
{
    public static string Mask(string? name)
    {
        var text = (name ?? "").Trim();
        if (text.Length == 0)
        {
            return "";
        }
        return IsChinese(text) ? MaskChinese(text) : MaskWords(text);
    }

    private static bool IsChinese(string text) => text.Any(c => c is >= '\u3400' and <= '\u9FFF');

    private static string MaskChinese(string text)
    {
        var elements = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text.Replace(" ", "", StringComparison.Ordinal).Replace("·", "", StringComparison.Ordinal));
        while (e.MoveNext())
        {
            elements.Add((string)e.Current);
        }
        return elements.Count switch
        {
            1 => elements[0],
            2 => elements[0] + "*",
            _ => elements[0] + new string('*', elements.Count - 2) + elements[^1],
        };
    }

    private static string MaskWords(string text)
    {
        var sb = new StringBuilder();
        foreach (var word in text.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            var first = StringInfo.GetNextTextElementLength(word);
            sb.Append(word.AsSpan(0, first).ToString().ToUpperInvariant()).Append("***");
        }
        return sb.ToString();
    }
}
