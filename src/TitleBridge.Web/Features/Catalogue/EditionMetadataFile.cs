using System.Globalization;
using System.Text.Json;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>Reads an edition's announced metadata from the JSON format of data/catalogue/*-edition.json.</summary>
public static class EditionMetadataFile
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static EditionMetadata Load(string path)
    {
        var file = JsonSerializer.Deserialize<FileShape>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new EditionMetadata(
            file.Id,
            new BilingualText(file.NameEn, file.NameZh),
            new BilingualText(file.IssuerEn, file.IssuerZh),
            DateOnly.ParseExact(file.Announced, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            file.DataStatus == "official" ? DataStatus.Official : DataStatus.Illustrative,
            new BilingualText(file.DataNoteEn, file.DataNoteZh),
            new DeclaredTotals(file.DeclaredTotals.Total, file.DeclaredTotals.ByLevel, file.DeclaredTotals.BySector));
    }

    private sealed record Totals(int Total, Dictionary<string, int> ByLevel, Dictionary<string, int> BySector);

    private sealed record FileShape(
        string Id, string NameEn, string NameZh, string IssuerEn, string IssuerZh, string Announced,
        Totals DeclaredTotals, string DataStatus, string DataNoteEn, string DataNoteZh);
}
