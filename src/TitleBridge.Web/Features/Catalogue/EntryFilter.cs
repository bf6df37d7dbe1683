using TitleBridge.Domain.Common;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>
/// The catalogue's filters, shared by the public pages and the API: sector, level, country or region,
/// issuer, and paging. <see cref="Validate"/> names every bad value in the user's language.
/// </summary>
public sealed record EntryFilter(string? Sector, string? Level, string? Country, string? Issuer, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The highest page number accepted: far beyond any edition (170 entries), low enough that
    /// (page − 1) × page size can never overflow (decision record 0010).
    /// </summary>
    public const int MaxPage = 10_000;

    /// <summary>The filters' problems for a page, keyed by field, in the reader's language.</summary>
    public Dictionary<string, string[]> Validate(ReferenceData reference) =>
        Problems(reference).GroupBy(p => p.Field!).ToDictionary(g => g.Key, g => g.Select(p => p.Message.Pick()).ToArray());

    /// <summary>Every bad filter, naming the field; a bad value is echoed only as a short excerpt.</summary>
    public List<Problem> Problems(ReferenceData reference)
    {
        var problems = new List<Problem>();
        void Add(string field, string en, string zh) => problems.Add(new Problem("filter." + field, new(en, zh), field));
        if (!string.IsNullOrEmpty(Sector) && reference.FindSector(Sector) is null)
        {
            Add("sector",
                $"Unknown sector '{Excerpt.Of(Sector)}'. Use one of: {string.Join(", ", reference.Sectors.Select(s => s.Code))}.",
                $"未知的领域“{Excerpt.Of(Sector)}”。可选：{string.Join("、", reference.Sectors.Select(s => s.Code))}。");
        }
        if (!string.IsNullOrEmpty(Level) && !(TitleLevels.TryParseCode(Level, out var level) && level != TitleLevel.ProfessorateSeniorEngineer))
        {
            Add("level", $"Unknown level '{Excerpt.Of(Level)}'. Use AE, E or SE.", $"未知的层级“{Excerpt.Of(Level)}”。可选：AE、E、SE。");
        }
        if (!string.IsNullOrEmpty(Country) && reference.FindCountryRegion(Country.ToUpperInvariant()) is null)
        {
            Add("country",
                $"Unknown country or region '{Excerpt.Of(Country)}'. Use a two-letter code such as US, GB or HK.",
                $"未知的国家（地区）“{Excerpt.Of(Country)}”。请使用两位字母代码，如 US、GB、HK。");
        }
        if (Issuer is { Length: > MaxIssuerLength })
        {
            Add("issuer", $"The issuer has at most {MaxIssuerLength} characters.", $"发证机构不超过 {MaxIssuerLength} 个字符。");
        }
        if (Page is < 1 or > MaxPage)
        {
            Add("page", $"The page number must be between 1 and {MaxPage}.", $"页码必须在 1 到 {MaxPage} 之间。");
        }
        if (PageSize is < 1 or > MaxPageSize)
        {
            Add("pageSize", $"The page size must be between 1 and {MaxPageSize}.", $"每页条数必须在 1 到 {MaxPageSize} 之间。");
        }
        return problems;
    }

    /// <summary>Longer than any issuer's name in either language.</summary>
    public const int MaxIssuerLength = 200;

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
