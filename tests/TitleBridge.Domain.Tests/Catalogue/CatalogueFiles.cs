using System.Text;
using System.Text.Json;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Import;

namespace TitleBridge.Domain.Tests.Catalogue;

/// <summary>
/// The real catalogue files of the repository, read the way the web project will read them. Only the tests of the
/// shipped file itself (named Real…) read it; rule tests build their entries (TestData/TestCatalogue).
/// </summary>
internal static class CatalogueFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string CatalogueFolder => Path.Combine(RepoRoot, "data", "catalogue");

    public static string CsvPath => Path.Combine(CatalogueFolder, "guangzhou-2025-illustrative.csv");

    public static string EditionPath => Path.Combine(CatalogueFolder, "guangzhou-2025-edition.json");

    public static ReferenceData LoadReference() => ReferenceData.Load(CatalogueFolder, EditionPath);

    public static IReadOnlyList<IReadOnlyList<string>> ReadCsvTable() =>
        Rfc4180.Parse(File.ReadAllText(CsvPath, Encoding.UTF8));

    /// <summary>The 170 illustrative entries, validated by <see cref="CatalogueTable"/>.</summary>
    public static IReadOnlyList<CatalogueEntry> LoadEntries() =>
        CatalogueTable.Validate(ReadCsvTable(), LoadReference()).Value;

    public static DeclaredTotals LoadDeclaredTotals()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(EditionPath));
        var totals = json.RootElement.GetProperty("declared_totals");
        static Dictionary<string, int> Counts(JsonElement element) =>
            element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        return new DeclaredTotals(
            totals.GetProperty("total").GetInt32(),
            Counts(totals.GetProperty("by_level")),
            Counts(totals.GetProperty("by_sector")));
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TitleBridge.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A small RFC 4180 reader for tests: quoted fields may hold commas, quotes ("") and line breaks.</summary>
internal static class Rfc4180
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Writes rows with minimal quoting and CRLF line ends, as the catalogue files are written.</summary>
    public static string Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        }
        return builder.ToString();
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
