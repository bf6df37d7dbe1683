using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Data;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>The public catalogue API under /api/catalogue: no sign-in, cacheable reads.</summary>
public static class CatalogueApi
{
    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalogue").WithTags("Catalogue");
        api.MapGet("/editions", ListEditions).WithName("ListEditions")
            .WithSummary("Catalogue editions with their declared totals and data status.");
        api.MapGet("/entries", ListEntries).WithName("ListEntries")
            .WithSummary("Entries of an edition (default: the edition in force), filtered and paged.");
        api.MapGet("/entries/{code}", GetEntry).WithName("GetEntry")
            .WithSummary("One entry of the edition in force, by its code.");
        api.MapGet("/editions/{id}/export", ExportEdition.Handle).WithName("ExportEdition")
            .WithSummary("An edition as CSV (UTF-8), XLSX or JSON, in the import format. Drafts only for officers.");
        api.MapGet("/search", Search).WithName("SearchCatalogue")
            .WithSummary("Search the edition in force: English, Chinese, abbreviations, aliases and exam codes, forgiving of typos.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<EditionDto>>> ListEditions(AppDbContext db, CatalogueSnapshots snapshots, HttpContext http, CancellationToken ct)
    {
        var inForce = await snapshots.InForceAsync(ct: ct);
        var editions = await db.CatalogueEditions.AsNoTracking()
            .Select(e => new { Edition = e, Count = e.Entries.Count })
            .ToListAsync(ct);
        Cache(http, maxAgeSeconds: 60);
        return TypedResults.Ok<IReadOnlyList<EditionDto>>(editions
            .OrderByDescending(e => e.Edition.AnnouncedOn).ThenBy(e => e.Edition.Id, StringComparer.Ordinal)
            .Select(e => EditionDto.From(e.Edition, e.Count, e.Edition.Id == inForce?.Edition.Id))
            .ToList());
    }

    public static async Task<Results<Ok<EntryPage>, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> ListEntries(
        string? edition, string? sector, string? level, string? country, string? issuer, int? page, int? pageSize,
        CatalogueSnapshots snapshots, ReferenceData reference, HttpContext http, CancellationToken ct)
    {
        var snapshot = edition is null ? await snapshots.InForceAsync(ct: ct) : await snapshots.GetAsync(edition, ct);
        if (snapshot is null)
        {
            return NoEdition(edition);
        }
        var filter = new EntryFilter(sector, level, country, issuer, page ?? 1, pageSize ?? 20);
        var problems = filter.Problems(reference);
        if (problems.Count > 0)
        {
            return ProblemAnswers.Invalid(problems);
        }
        if (NotModified(http, snapshot))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(filter.ToPage(snapshot.Entries));
    }

    public static async Task<Results<Ok<EntryDto>, StatusCodeHttpResult, ProblemHttpResult>> GetEntry(
        string code, CatalogueSnapshots snapshots, HttpContext http, CancellationToken ct)
    {
        var snapshot = await snapshots.InForceAsync(ct: ct);
        if (snapshot is null)
        {
            return NoEdition(null);
        }
        if (!snapshot.ByCode.TryGetValue(code, out var entry))
        {
            return ProblemAnswers.Refusal(Problem.NotFound("catalogue.entry-not-found", new("No such catalogue entry.", "目录中没有该条目。")), new(
                $"The edition in force ({snapshot.Edition.Id}) has no entry with the code '{Excerpt.Of(code)}'.",
                $"现行版次（{snapshot.Edition.Id}）中没有代码为“{Excerpt.Of(code)}”的条目。"));
        }
        return NotModified(http, snapshot)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(EntryDto.From(entry));
    }

    public static async Task<Results<Ok<SearchResponse>, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> Search(
        string? q, int? limit, CatalogueSnapshots snapshots, HttpContext http, CancellationToken ct)
    {
        const int MaxLimit = 50;
        var problems = new List<Problem>();
        if (limit is < 1 or > MaxLimit)
        {
            problems.Add(new Problem("search.limit", new($"The limit must be between 1 and {MaxLimit}.", $"limit 必须在 1 到 {MaxLimit} 之间。"), "limit"));
        }
        if (q is { Length: > 200 })
        {
            problems.Add(new Problem("search.q", new("The search text must be 200 characters or fewer.", "搜索内容不能超过 200 个字符。"), "q"));
        }
        if (problems.Count > 0)
        {
            return ProblemAnswers.Invalid(problems);
        }
        var snapshot = await snapshots.InForceAsync(ct: ct);
        if (snapshot is null)
        {
            return NoEdition(null);
        }
        if (NotModified(http, snapshot))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var hits = snapshot.Search.Search(q ?? "", limit ?? 10);
        return TypedResults.Ok(new SearchResponse(snapshot.Edition.Id, hits
            .Select(h => new SearchItem(h.Entry.Code, h.Entry.NameEn, h.Entry.NameZh, h.Entry.Sector, h.Entry.Level.Code(), Math.Round(h.Score, 3)))
            .ToList()));
    }

    public static ProblemHttpResult NoEdition(string? edition) => ProblemAnswers.Refusal(
        Problem.NotFound("catalogue.edition-not-found", new("No such catalogue edition.", "没有该目录版次。")),
        edition is null
            ? new("No catalogue edition is in force today.", "今天没有现行有效的目录版次。")
            : new($"There is no edition with the id '{Excerpt.Of(edition)}'.", $"没有编号为“{Excerpt.Of(edition)}”的版次。"));

    /// <summary>
    /// Sets ETag and Cache-Control. The ETag covers the edition's version, the request (path and query)
    /// and the response language, so a change to any of them changes it.
    /// </summary>
    private static bool NotModified(HttpContext http, CatalogueSnapshot snapshot)
    {
        var key = $"{snapshot.Version}|{http.Request.Path}{http.Request.QueryString}|{Localization.CurrentCulture}";
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20]}\"";
        http.Response.Headers.ETag = etag;
        Cache(http, maxAgeSeconds: 300);
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"));
    }

    private static void Cache(HttpContext http, int maxAgeSeconds)
    {
        http.Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        http.Response.Headers.Vary = "Accept-Language, Cookie";
    }
}
