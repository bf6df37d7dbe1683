namespace TitleBridge.Domain.Common;

/// <summary>A text in both languages TitleBridge speaks: Simplified Chinese and English.</summary>
public sealed record BilingualText(string En, string Zh)
{
    /// <summary>The text for a UI culture name such as "zh-Hans" or "en"; Chinese for any zh* culture.</summary>
    public string For(string cultureName) =>
        cultureName.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;

    public override string ToString() => En;
}
