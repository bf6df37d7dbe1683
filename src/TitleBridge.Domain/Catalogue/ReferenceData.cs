using System.Text.Json;
using System.Text.Json.Serialization;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Catalogue;

public sealed record Sector(string Code, BilingualText Name);

public sealed record Specialty(string Key, string Group, BilingualText Name);

public sealed record SpecialtyGroup(string Key, BilingualText Name, IReadOnlyList<string> Specialties);

/// <summary>A country, or a region of China (Hong Kong, Macao, Taiwan), as the announcement names them.</summary>
public sealed record CountryRegion(string Code, bool IsRegion, BilingualText Name);

/// <summary>
/// The dictionaries the catalogue refers to: sectors and levels of an edition, engineering specialties
/// with their "same or similar" groups (policy.md §2), and countries or regions (policy.md §1).
/// Loaded from <c>data/catalogue/*.json</c>.
/// </summary>
public sealed class ReferenceData
{
    public ReferenceData(
        IReadOnlyList<Sector> sectors,
        IReadOnlyList<SpecialtyGroup> specialtyGroups,
        IReadOnlyList<CountryRegion> countriesRegions)
    {
        Sectors = sectors;
        SpecialtyGroups = specialtyGroups;
        CountriesRegions = countriesRegions;
        Specialties = specialtyGroups
            .SelectMany(g => g.Specialties.Select(key => (g, key)))
            .ToDictionary(x => x.key, x => x.g.Key, StringComparer.Ordinal);
    }

    public IReadOnlyList<Sector> Sectors { get; }
    public IReadOnlyList<SpecialtyGroup> SpecialtyGroups { get; }
    public IReadOnlyList<CountryRegion> CountriesRegions { get; }

    /// <summary>Specialty key → group key.</summary>
    public IReadOnlyDictionary<string, string> Specialties { get; }

    public Sector? FindSector(string code) => Sectors.FirstOrDefault(s => s.Code == code);

    public CountryRegion? FindCountryRegion(string code) => CountriesRegions.FirstOrDefault(c => c.Code == code);

    public BilingualText SpecialtyName(string key) =>
        _specialtyNames.TryGetValue(key, out var name) ? name : new BilingualText(key, key);

    /// <summary>Policy.md §2: "same or similar" is the same key or the same group.</summary>
    public bool AreSameOrSimilar(string specialtyA, string specialtyB) =>
        specialtyA == specialtyB
        || (Specialties.TryGetValue(specialtyA, out var a) && Specialties.TryGetValue(specialtyB, out var b) && a == b);

    private Dictionary<string, BilingualText> _specialtyNames = new(StringComparer.Ordinal);

    /// <summary>Loads the dictionaries from the JSON files of the <c>data/catalogue</c> folder.</summary>
    public static ReferenceData Load(string catalogueFolder, string editionFile)
    {
        var edition = JsonSerializer.Deserialize<EditionFile>(File.ReadAllText(editionFile), Json)!;
        var specialties = JsonSerializer.Deserialize<SpecialtiesFile>(File.ReadAllText(Path.Combine(catalogueFolder, "specialties.json")), Json)!;
        var countries = JsonSerializer.Deserialize<CountriesFile>(File.ReadAllText(Path.Combine(catalogueFolder, "countries-regions.json")), Json)!;

        var data = new ReferenceData(
            edition.Sectors.Select(s => new Sector(s.Code, new(s.NameEn, s.NameZh))).ToList(),
            specialties.Groups.Select(g => new SpecialtyGroup(g.Key, new(g.NameEn, g.NameZh), g.Specialties.Select(s => s.Key).ToList())).ToList(),
            countries.Items.Select(c => new CountryRegion(c.Code, c.Kind == "region", new(c.NameEn, c.NameZh))).ToList());
        data._specialtyNames = specialties.Groups.SelectMany(g => g.Specialties)
            .ToDictionary(s => s.Key, s => new BilingualText(s.NameEn, s.NameZh), StringComparer.Ordinal);
        return data;
    }

    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record NamedCode(string Code, string NameEn, string NameZh);
    private sealed record EditionFile(IReadOnlyList<NamedCode> Sectors);
    private sealed record SpecialtyItem(string Key, string NameEn, string NameZh);
    private sealed record GroupItem(string Key, string NameEn, string NameZh, IReadOnlyList<SpecialtyItem> Specialties);
    private sealed record SpecialtiesFile(IReadOnlyList<GroupItem> Groups);
    private sealed record CountryItem(string Code, string Kind, string NameEn, string NameZh);
    private sealed record CountriesFile(IReadOnlyList<CountryItem> Items);
}
