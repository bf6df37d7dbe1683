using System.Text.Json;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Applications;

/// <summary>
/// One item of the once-only correction notice (一次性告知, policy.md §5.3): a missing document of a known
/// <see cref="Kind"/> (named in both languages), or the officer's own words (<see cref="Kind"/> null, the
/// same text in both). Every page, email and API response reads the stored notice through
/// <see cref="CorrectionItems.Read"/>, so all of them say the same thing.
/// </summary>
public sealed record CorrectionItem(string? Kind, string En, string Zh)
{
    public BilingualText Text => new(En, Zh);
}

public static class CorrectionItems
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<CorrectionItem> Read(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : JsonSerializer.Deserialize<List<CorrectionItem>>(stored, Json) ?? [];

    public static string Write(IReadOnlyList<CorrectionItem> items) => JsonSerializer.Serialize(items, Json);

    /// <summary>The document kinds the notice names: the documents the applicant must replace or add.</summary>
    public static IReadOnlyList<string> DocumentKinds(IReadOnlyList<CorrectionItem> items) =>
        [.. items.Where(i => i.Kind is not null).Select(i => i.Kind!).Distinct()];

    /// <summary>A notice item for a missing document of a known kind.</summary>
    public static CorrectionItem ForDocument(string kind)
    {
        var name = ApplicationLabels.DocumentKind(kind);
        return new(kind, name.En, name.Zh);
    }
}
