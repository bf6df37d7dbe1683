using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using TitleBridge.Domain.Catalogue.Import;
using TitleBridge.Web.Data;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Catalogue;

/// <summary>
/// Exports an edition in the import format (CSV UTF-8 or XLSX, same columns) or as JSON entries, so an
/// export can be edited and imported again. Published editions are public; drafts only for officers.
/// </summary>
public static class ExportEdition
{
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Handle(
        string id, string? format, CatalogueSnapshots snapshots, HttpContext http, CancellationToken ct)
    {
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "xlsx" or "json"))
        {
            return ProblemAnswers.Invalid([new Problem("export.format", new("The format must be csv, xlsx or json.", "格式必须为 csv、xlsx 或 json。"), "format")]);
        }
        var snapshot = await snapshots.GetAsync(id, ct);
        if (snapshot is null)
        {
            return CatalogueApi.NoEdition(id);
        }
        if (snapshot.Edition.Status == EditionStatus.Draft && !(http.User.IsInRole(Roles.Officer) || http.User.IsInRole(Roles.Admin)))
        {
            return TypedResults.Forbid();
        }
        var table = CatalogueTable.Write(snapshot.Entries);
        var (header, rows) = (table[0], table.Skip(1).ToList());
        return kind switch
        {
            "csv" => TypedResults.File(Csv(header, rows), "text/csv; charset=utf-8", $"{id}.csv"),
            "xlsx" => TypedResults.File(Xlsx(header, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{id}.xlsx"),
            _ => TypedResults.File(
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
                {
                    edition = EditionDto.From(snapshot.Edition, snapshot.Entries.Count, false),
                    entries = snapshot.Entries.Select(EntryDto.From),
                }, JsonDefaults.Web),
                "application/json", $"{id}.json"),
        };
    }

    /// <summary>RFC 4180 as the import expects it: CRLF line ends, quotes only where a field needs them.</summary>
    private static byte[] Csv(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static byte[] Xlsx(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var sheet = rows.Select(r =>
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = r[i];
            }
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: true, sheetName: "catalogue");
        return stream.ToArray();
    }
}

public static class JsonDefaults
{
    public static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
