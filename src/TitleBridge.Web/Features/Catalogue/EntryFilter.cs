using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>
/// The catalogue's filters, shared by the public pages and the API: sector, level, country or region,
/// issuer, and paging. <see cref="Validate"/> names every bad value in the user's language.
/// </summary>
public sealed record EntryFilter(string? Sector, string? Level, string? Country, string? Issuer, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;

    public Dictionary<string, string[]> Validate(ReferenceData reference)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(Sector) && reference.FindSector(Sector) is null)
        {
            errors["sector"] = [Localization.Pick(
                $"Unknown sector '{Sector}'. Use one of: {string.Join(", ", reference.Sectors.Select(s => s.Code))}.",
                $"未知的领域“{Sector}”。可选：{string.Join("、", reference.Sectors.Select(s => s.Code))}。")];
        }
        if (!string.IsNullOrEmpty(Level) && !(TitleLevels.TryParseCode(Level, out var level) && level != TitleLevel.ProfessorateSeniorEngineer))
        {
            errors["level"] = [Localization.Pick(
                $"Unknown level '{Level}'. Use AE, E or SE.",
                $"未知的层级“{Level}”。可选：AE、E、SE。")];
        }
        if (!string.IsNullOrEmpty(Country) && reference.FindCountryRegion(Country.ToUpperInvariant()) is null)
        {
            errors["country"] = [Localization.Pick(
                $"Unknown country or region '{Country}'. Use a two-letter code such as US, GB or HK.",
                $"未知的国家（地区）“{Country}”。请使用两位字母代码，如 US、GB、HK。")];
        }
        if (Page < 1)
        {
            errors["page"] = [Localization.Pick("The page number must be 1 or more.", "页码必须大于或等于 1。")];
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [Localization.Pick(
                $"The page size must be between 1 and {MaxPageSize}.",
                $"每页条数必须在 1 到 {MaxPageSize} 之间。")];
        }
        return errors;
    }

    public IEnumerable<CatalogueEntry> Apply(IEnumerable<CatalogueEntry> entries)
    {
        var level = TitleLevels.TryParseCode(Level, out var l) ? l : (TitleLevel?)null;
        return entries.Where(e =>
            (string.IsNullOrEmpty(Sector) || string.Equals(e.Sector, Sector, StringComparison.OrdinalIgnoreCase))
            && (level is null || e.Level == level)
            && (string.IsNullOrEmpty(Country) || string.Equals(e.CountryRegion, Country, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Issuer) || string.Equals(e.IssuerEn, Issuer, StringComparison.OrdinalIgnoreCase) || e.IssuerZh == Issuer));
    }

    public EntryPage ToPage(IEnumerable<CatalogueEntry> entries)
    {
        var matching = Apply(entries).ToList();
        return new EntryPage(matching.Count, Page, PageSize,
            matching.Skip((Page - 1) * PageSize).Take(PageSize).Select(EntryDto.From).ToList());
    }
}
