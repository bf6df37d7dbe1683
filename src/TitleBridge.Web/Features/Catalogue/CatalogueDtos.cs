using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>An entry as the API shows it (issue #2 contract; notes in both languages since issue #11).</summary>
public sealed record EntryDto(
    string Code,
    string Sector,
    string Level,
    string NameEn,
    string NameZh,
    string Abbreviation,
    string IssuerEn,
    string IssuerZh,
    string CountryRegion,
    string Specialty,
    IReadOnlyList<string> Aliases,
    string Basis,
    int? ValidityYears,
    TextDto Notes)
{
    public static EntryDto From(CatalogueEntry e) => new(
        e.Code, e.Sector, e.Level.Code(), e.NameEn, e.NameZh, e.Abbreviation, e.IssuerEn, e.IssuerZh,
        e.CountryRegion, e.Specialty, e.Aliases, CatalogueMapping.BasisCode(e.Basis), e.ValidityYears, new TextDto(e.Notes.En, e.Notes.Zh));
}

public sealed record TextDto(string En, string Zh);

public sealed record DeclaredTotalsDto(int Total, IReadOnlyDictionary<string, int> ByLevel, IReadOnlyDictionary<string, int> BySector);

public sealed record EditionDto(
    string Id,
    string NameEn,
    string NameZh,
    string IssuerEn,
    string IssuerZh,
    DateOnly AnnouncedOn,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    string Status,
    bool InForce,
    string DataStatus,
    TextDto DataNote,
    DeclaredTotalsDto DeclaredTotals,
    int EntryCount)
{
    public static EditionDto From(CatalogueEditionRecord e, int entryCount, bool inForce) => new(
        e.Id, e.NameEn, e.NameZh, e.IssuerEn, e.IssuerZh, e.AnnouncedOn, e.EffectiveFrom, e.EffectiveTo,
        e.Status == EditionStatus.Published ? "published" : "draft", inForce,
        e.DataStatus == Domain.Catalogue.DataStatus.Official ? "official" : "illustrative",
        new TextDto(e.DataNoteEn, e.DataNoteZh),
        new DeclaredTotalsDto(e.DeclaredTotal, e.DeclaredByLevel, e.DeclaredBySector),
        entryCount);
}

public sealed record EntryPage(int Total, int Page, int PageSize, IReadOnlyList<EntryDto> Items);

public sealed record SearchItem(string Code, string NameEn, string NameZh, string Sector, string Level, double Score);

public sealed record SearchResponse(string Edition, IReadOnlyList<SearchItem> Items);
