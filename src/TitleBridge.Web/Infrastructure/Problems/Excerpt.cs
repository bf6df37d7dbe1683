namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// What a message may quote of a bad value: its first few characters, without control characters. A
/// refusal never echoes a whole value (a 20 MB string must not come back as a 20 MB answer).
/// </summary>
public static class Excerpt
{
    public const int MaxLength = 40;

    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var head = value.Length > MaxLength ? value[..MaxLength] : value;
        var clean = new string(head.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > MaxLength ? clean + "…" : clean;
    }
}
