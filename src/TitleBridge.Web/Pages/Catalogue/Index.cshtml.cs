using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Pages.Catalogue;

/// <summary>The public catalogue: search, filters by sector, level, country or region and issuer, paging.</summary>
public sealed class IndexModel(CatalogueSnapshots snapshots, ReferenceData reference) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Issuer { get; set; }
    // FromQuery: "page" is also the route value naming the Razor page, which would otherwise win and never bind.
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public CatalogueSnapshot? Snapshot { get; private set; }
    public ReferenceData Reference => reference;
    public IReadOnlyList<CatalogueEntry> Results { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<(string En, string Zh)> Issuers { get; private set; } = [];
    public IReadOnlyList<CountryRegion> Countries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Snapshot = await snapshots.InForceAsync(ct: ct);
        if (Snapshot is null)
        {
            return;
        }
        Issuers = Snapshot.Entries.Select(e => (e.IssuerEn, e.IssuerZh)).Distinct().OrderBy(i => i.IssuerEn, StringComparer.OrdinalIgnoreCase).ToList();
        var present = Snapshot.Entries.Select(e => e.CountryRegion).ToHashSet();
        Countries = reference.CountriesRegions.Where(c => present.Contains(c.Code)).ToList();

        var filter = new EntryFilter(Sector, Level, Country, Issuer, Math.Max(1, PageNumber), PageSize);
        Errors = filter.Validate(reference);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        IEnumerable<CatalogueEntry> candidates = string.IsNullOrWhiteSpace(Q)
            ? Snapshot.Entries
            : Snapshot.Search.Search(Q, Snapshot.Entries.Count).Select(h => h.Entry);
        var matching = filter.Apply(candidates).ToList();
        Total = matching.Count;
        PageNumber = Math.Min(filter.Page, PageCount);
        Results = matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }

    public string PageUrl(int page) => QueryHelpers(page);

    private string QueryHelpers(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["sector"] = Sector,
            ["level"] = Level,
            ["country"] = Country,
            ["issuer"] = Issuer,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/catalogue",
            query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
