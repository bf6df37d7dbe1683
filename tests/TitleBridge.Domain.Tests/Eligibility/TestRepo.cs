using System.Globalization;
using System.Text;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Domain.Tests.Eligibility;

/// <summary>The real data files of the repository, found by walking up to TitleBridge.slnx.</summary>
internal static class TestRepo
{
    public static readonly string Root = FindRoot();

    public static string PolicyFile => Path.Combine(Root, "data", "policy", "guangzhou-engineering-2025.json");

    public static readonly RuleSet RuleSet = RuleSetLoader.LoadFile(PolicyFile).Value;

    public static readonly ReferenceData Reference = ReferenceData.Load(
        Path.Combine(Root, "data", "catalogue"),
        Path.Combine(Root, "data", "catalogue", "guangzhou-2025-edition.json"));

    public static readonly IReadOnlyDictionary<string, CatalogueEntry> Catalogue = ReadCatalogue(
        Path.Combine(Root, "data", "catalogue", "guangzhou-2025-illustrative.csv"));

    public static CatalogueEntry? Find(string code) => Catalogue.TryGetValue(code, out var entry) ? entry : null;

    public static EligibilityEvaluator Evaluator(RuleSet? ruleSet = null) => new(ruleSet ?? RuleSet, Catalogue, Reference);

    public static RuleSet WithEligibility(Func<EligibilityParameters, EligibilityParameters> change) =>
        RuleSet with { Eligibility = change(RuleSet.Eligibility) };

    public static Sourced<T> Default<T>(T value) => new(value, SourceLabel.Default, "test", false);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A tiny RFC 4180 reader: enough for the catalogue CSV (minimal quoting, CRLF).</summary>
    private static Dictionary<string, CatalogueEntry> ReadCatalogue(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path, Encoding.UTF8));
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name);
        var entries = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1).Where(r => r.Length == header.Length))
        {
            TitleLevels.TryParseCode(row[Col("level")], out var level);
            entries[row[Col("code")]] = new CatalogueEntry(
                row[Col("code")], row[Col("sector")], level, row[Col("name_en")], row[Col("name_zh")], row[Col("abbreviation")],
                row[Col("issuer_en")], row[Col("issuer_zh")], row[Col("country_region")], row[Col("specialty")],
                row[Col("aliases")].Split(';', StringSplitOptions.RemoveEmptyEntries),
                row[Col("basis")] == "named-in-announcement" ? EntryBasis.NamedInAnnouncement : EntryBasis.Illustrative,
                row[Col("notes")]);
        }
        return entries;
    }

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; }
                fields.Add(field.ToString()); field.Clear();
                rows.Add([.. fields]); fields.Clear();
            }
            else { field.Append(c); }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }
}

/// <summary>Short ways to write dates and periods in test tables.</summary>
internal static class T
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalD(string? iso) => string.IsNullOrEmpty(iso) ? null : D(iso);

    /// <summary>"2020-03-01..2021-02-28;2021-03-01.." → validity periods (empty end = no expiry).</summary>
    public static IReadOnlyList<ValidityPeriod> Periods(string text) =>
        text.Split(';').Select(p => p.Split(".."))
            .Select(p => new ValidityPeriod(D(p[0]), OptionalD(p[1]))).ToList();

    // Catalogue codes from data/catalogue/guangzhou-2025-illustrative.csv, chosen for level, specialty and validity.
    /// <summary>AE, computer-networks, validity none.</summary>
    public const string AeNoExpiry = "GZ2025-IT-005";

    /// <summary>AE, computer-networks, validity 3y.</summary>
    public const string AeThreeYears = "GZ2025-IT-001";

    /// <summary>E, computer-networks, validity 3y.</summary>
    public const string EThreeYears = "GZ2025-IT-023";

    /// <summary>E, computer-software, validity none.</summary>
    public const string ENoExpiry = "GZ2025-IT-040";

    /// <summary>SE, electronics-communications, validity none.</summary>
    public const string SeNoExpiry = "GZ2025-IT-051";

    public static WorkPeriod GuangzhouJob(string from, string? to = null, string specialty = "computer-software", bool fullTime = true) =>
        new(D(from), OptionalD(to), specialty, InGuangzhou: true, FullTime: fullTime);

    public static WorkPeriod OverseasJob(string from, string? to, string specialty = "computer-software", bool fullTime = true, string country = "US") =>
        new(D(from), OptionalD(to), specialty, InGuangzhou: false, FullTime: fullTime, Country: country);
}
