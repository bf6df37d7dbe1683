using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Catalogue;

public static class CatalogueMapping
{
    public static string BasisCode(EntryBasis basis) => basis switch
    {
        EntryBasis.NamedInAnnouncement => "named-in-announcement",
        EntryBasis.Illustrative => "illustrative",
        EntryBasis.Official => "official",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    public static EntryBasis ParseBasis(string code) => code switch
    {
        "named-in-announcement" => EntryBasis.NamedInAnnouncement,
        "illustrative" => EntryBasis.Illustrative,
        "official" => EntryBasis.Official,
        _ => throw new InvalidOperationException($"Unknown basis '{code}' in the database."),
    };

    public static CatalogueEntry ToDomain(this CatalogueEntryRecord r)
    {
        if (!TitleLevels.TryParseCode(r.Level, out var level))
        {
            throw new InvalidOperationException($"Unknown level '{r.Level}' in the database.");
        }
        return new CatalogueEntry(r.Code, r.Sector, level, r.NameEn, r.NameZh, r.Abbreviation, r.IssuerEn, r.IssuerZh,
            r.CountryRegion, r.Specialty, r.Aliases, ParseBasis(r.Basis), new BilingualText(r.Notes, r.NotesZh));
    }

    public static CatalogueEntryRecord ToRecord(this CatalogueEntry e, string editionId) => new()
    {
        EditionId = editionId,
        Code = e.Code,
        Sector = e.Sector,
        Level = e.Level.Code(),
        NameEn = e.NameEn,
        NameZh = e.NameZh,
        Abbreviation = e.Abbreviation,
        IssuerEn = e.IssuerEn,
        IssuerZh = e.IssuerZh,
        CountryRegion = e.CountryRegion,
        Specialty = e.Specialty,
        Aliases = e.Aliases.ToList(),
        Basis = BasisCode(e.Basis),
        Notes = e.Notes.En,
        NotesZh = e.Notes.Zh,
        ValidityYears = e.ValidityYears,
    };
}
