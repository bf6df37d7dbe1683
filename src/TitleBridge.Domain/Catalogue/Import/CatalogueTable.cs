using System.Text.RegularExpressions;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Catalogue.Import;

/// <summary>
/// The catalogue as a table of strings, the shape every import and export format shares (CSV, XLSX,
/// JSON rows): <see cref="Validate"/> turns a parsed table into entries, all or nothing, and
/// <see cref="Write"/> turns entries back into the same table, so export then import gives the same
/// entries. Reading files and checking encodings belong to the web project.
/// </summary>
public static partial class CatalogueTable
{
    public const string Code = "code";
    public const string Sector = "sector";
    public const string Level = "level";
    public const string NameEn = "name_en";
    public const string NameZh = "name_zh";
    public const string Abbreviation = "abbreviation";
    public const string IssuerEn = "issuer_en";
    public const string IssuerZh = "issuer_zh";
    public const string CountryRegion = "country_region";
    public const string Specialty = "specialty";
    public const string Aliases = "aliases";
    public const string Basis = "basis";
    public const string Notes = "notes";
    public const string NotesZh = "notes_zh";

    /// <summary>The 14 columns in the order the catalogue files use (catalogue README); import accepts any order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [Code, Sector, Level, NameEn, NameZh, Abbreviation, IssuerEn, IssuerZh, CountryRegion, Specialty, Aliases, Basis, Notes, NotesZh];

    /// <summary>Columns that may be empty; every other column is required.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = [Abbreviation, Aliases, Notes, NotesZh];

    /// <summary>
    /// Columns a header may leave out: a table from before the Chinese notes (13 columns) still
    /// imports, its notes English only (decision 0039). Every other column must be in the header.
    /// </summary>
    public static IReadOnlyList<string> ColumnsMayBeAbsent { get; } = [NotesZh];

    /// <summary>Policy.md §1: each catalogue entry maps to Assistant Engineer, Engineer or Senior Engineer.</summary>
    public static IReadOnlyList<TitleLevel> CatalogueLevels { get; } =
        [TitleLevel.AssistantEngineer, TitleLevel.Engineer, TitleLevel.SeniorEngineer];

    /// <summary>The spelling of each <see cref="EntryBasis"/> in the <c>basis</c> column.</summary>
    public static IReadOnlyList<(EntryBasis Basis, string Text)> BasisTexts { get; } =
    [
        (EntryBasis.NamedInAnnouncement, "named-in-announcement"),
        (EntryBasis.Illustrative, "illustrative"),
        (EntryBasis.Official, "official"),
    ];

    /// <summary>Aliases are one cell separated by this character.</summary>
    public const char AliasSeparator = ';';

    /// <summary>
    /// Validates a parsed table: <paramref name="rows"/>[0] is the header, then one row per entry.
    /// Row numbers in problems are 1-based positions in the table (header = row 1, first entry = row 2).
    /// Succeeds with every entry, or fails with every problem found; never half of a table.
    /// Rows whose cells are all blank are skipped (spreadsheets and CSV files end with them) but keep
    /// their number.
    /// </summary>
    public static Result<IReadOnlyList<CatalogueEntry>> Validate(
        IReadOnlyList<IReadOnlyList<string>> rows,
        ReferenceData referenceData)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(referenceData);
        var problems = new List<Problem>();
        if (rows.Count == 0 || rows[0].All(string.IsNullOrWhiteSpace))
        {
            return Result<IReadOnlyList<CatalogueEntry>>.Failure(CatalogueTableProblems.Empty());
        }

        var columnAt = ReadHeader(rows[0], problems);
        var entries = new List<CatalogueEntry>();
        var codes = new List<(int Row, string Value)>();
        var names = new List<(int Row, string Value)>();
        var dataRows = 0;
        for (var index = 1; index < rows.Count; index++)
        {
            var cells = rows[index];
            var rowNumber = index + 1;
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            dataRows++;
            if (cells.Count != rows[0].Count)
            {
                problems.Add(CatalogueTableProblems.CellCount(rowNumber, cells.Count, rows[0].Count));
                continue;
            }
            var entry = ReadRow(cells, rowNumber, columnAt, referenceData, problems);
            if (entry is not null)
            {
                entries.Add(entry);
            }
            // Duplicates are looked for in every row, valid or not, so one upload shows them all.
            if (columnAt.TryGetValue(Code, out var codeAt))
            {
                codes.Add((rowNumber, (cells[codeAt] ?? "").Trim()));
            }
            if (columnAt.TryGetValue(NameEn, out var nameAt))
            {
                names.Add((rowNumber, (cells[nameAt] ?? "").Trim()));
            }
        }
        if (dataRows == 0)
        {
            problems.Add(CatalogueTableProblems.NoDataRows());
        }

        FindDuplicates(codes, CatalogueTableProblems.DuplicateCode, problems);
        FindDuplicates(names, CatalogueTableProblems.DuplicateNameEn, problems);

        if (problems.Count > 0)
        {
            return Result<IReadOnlyList<CatalogueEntry>>.Failure(
                [.. problems.OrderBy(p => p.Row ?? 0).ThenBy(p => ColumnOrder(p.Field))]);
        }
        return Result<IReadOnlyList<CatalogueEntry>>.Success(entries);
    }

    /// <summary>The table for <paramref name="entries"/>: the header (<see cref="Columns"/>), then one row per entry in the given order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Write(IEnumerable<CatalogueEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = new List<IReadOnlyList<string>> { Columns };
        rows.AddRange(entries.Select(Cells));
        return rows;
    }

    /// <summary>The cells of one entry in <see cref="Columns"/> order, exactly as <see cref="Validate"/> reads them.</summary>
    public static IReadOnlyList<string> Cells(CatalogueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            entry.Code,
            entry.Sector,
            entry.Level.Code(),
            entry.NameEn,
            entry.NameZh,
            entry.Abbreviation,
            entry.IssuerEn,
            entry.IssuerZh,
            entry.CountryRegion,
            entry.Specialty,
            string.Join(AliasSeparator, entry.Aliases),
            BasisText(entry.Basis),
            entry.Notes.En,
            entry.Notes.Zh,
        ];
    }

    public static string BasisText(EntryBasis basis) =>
        BasisTexts.First(b => b.Basis == basis).Text;

    /// <summary>Maps each known column to its cell index; reports missing, unknown and repeated columns on row 1.</summary>
    private static Dictionary<string, int> ReadHeader(IReadOnlyList<string> header, List<Problem> problems)
    {
        var columnAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                problems.Add(CatalogueTableProblems.UnknownColumn(header[i].Trim()));
            }
            else if (!columnAt.TryAdd(name, i))
            {
                problems.Add(CatalogueTableProblems.DuplicateColumn(name));
            }
        }
        foreach (var column in Columns.Where(c => !columnAt.ContainsKey(c) && !ColumnsMayBeAbsent.Contains(c)))
        {
            problems.Add(CatalogueTableProblems.MissingColumn(column));
        }
        return columnAt;
    }

    private static CatalogueEntry? ReadRow(
        IReadOnlyList<string> cells,
        int row,
        Dictionary<string, int> columnAt,
        ReferenceData referenceData,
        List<Problem> problems)
    {
        var before = problems.Count;
        string Cell(string column) => columnAt.TryGetValue(column, out var i) ? (cells[i] ?? "").Trim() : "";
        bool Required(string column)
        {
            // A missing column is reported once on the header, not again on every row.
            if (!columnAt.ContainsKey(column))
            {
                return false;
            }
            if (Cell(column).Length == 0)
            {
                problems.Add(CatalogueTableProblems.Required(row, column));
                return false;
            }
            return true;
        }

        var code = Cell(Code);
        Required(Code);
        Required(NameEn);
        Required(NameZh);
        Required(IssuerEn);
        Required(IssuerZh);

        var sector = Cell(Sector);
        if (Required(Sector) && referenceData.FindSector(sector) is null)
        {
            problems.Add(CatalogueTableProblems.UnknownSector(row, sector, referenceData.Sectors.Select(s => s.Code)));
        }

        var level = default(TitleLevel);
        var levelText = Cell(Level);
        if (Required(Level))
        {
            if (!TitleLevels.TryParseCode(levelText, out level))
            {
                problems.Add(CatalogueTableProblems.UnknownLevel(row, levelText));
            }
            else if (!CatalogueLevels.Contains(level))
            {
                problems.Add(CatalogueTableProblems.LevelNotInCatalogue(row, levelText));
            }
        }

        var specialty = Cell(Specialty);
        if (Required(Specialty) && !referenceData.Specialties.ContainsKey(specialty))
        {
            problems.Add(CatalogueTableProblems.UnknownSpecialty(row, specialty));
        }

        var countryRegion = Cell(CountryRegion);
        if (Required(CountryRegion) && referenceData.FindCountryRegion(countryRegion) is null)
        {
            problems.Add(CatalogueTableProblems.UnknownCountryRegion(row, countryRegion, referenceData.CountriesRegions.Select(c => c.Code)));
        }

        var basis = default(EntryBasis);
        var basisText = Cell(Basis);
        if (Required(Basis))
        {
            var match = BasisTexts.FirstOrDefault(b => b.Text.Equals(basisText, StringComparison.OrdinalIgnoreCase));
            if (match.Text is null)
            {
                problems.Add(CatalogueTableProblems.UnknownBasis(row, basisText));
            }
            basis = match.Basis;
        }

        var notes = Cell(Notes);
        var notesZh = Cell(NotesZh);
        // With the notes_zh column present the table claims notes in both languages: a note in only
        // one of them would show the other language's reader a foreign note (decision 0039).
        if (columnAt.ContainsKey(NotesZh) && columnAt.ContainsKey(Notes))
        {
            if (notes.Length > 0 && notesZh.Length == 0)
            {
                problems.Add(CatalogueTableProblems.NotesWithoutChinese(row));
            }
            else if (notes.Length == 0 && notesZh.Length > 0)
            {
                problems.Add(CatalogueTableProblems.ChineseNotesWithoutEnglish(row));
            }
        }
        foreach (Match token in ValidityLabel().Matches(notes))
        {
            if (!ValidityValue().IsMatch(token.Groups["value"].Value))
            {
                problems.Add(CatalogueTableProblems.MalformedValidity(row, token.Value.Trim()));
            }
        }

        if (problems.Count > before)
        {
            return null;
        }
        var aliases = Cell(Aliases)
            .Split(AliasSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new CatalogueEntry(
            code, sector, level, Cell(NameEn), Cell(NameZh), Cell(Abbreviation), Cell(IssuerEn), Cell(IssuerZh),
            countryRegion, specialty, aliases, basis, new BilingualText(notes, notesZh));
    }

    private static void FindDuplicates(
        List<(int Row, string Value)> values,
        Func<int, string, IReadOnlyList<int>, Problem> problem,
        List<Problem> problems)
    {
        // Case-insensitive: "gz2025-it-001" and "GZ2025-IT-001" name the same entry for a person.
        // Every row of a duplicate is reported, each pointing at the others, so either can be fixed.
        foreach (var group in values.Where(v => v.Value.Length > 0)
                     .GroupBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Count() > 1))
        {
            var rows = group.Select(g => g.Row).ToList();
            foreach (var (row, value) in group)
            {
                problems.Add(problem(row, value, [.. rows.Where(r => r != row)]));
            }
        }
    }

    private static int ColumnOrder(string? field)
    {
        var index = field is null ? -1 : Columns.IndexOf(field);
        return index < 0 ? int.MaxValue : index;
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    // The notes' machine-readable token is `validity: (none|\d+y)` (catalogue README); anything else
    // after the label is a typo that would silently turn a fixed validity into "unknown".
    [GeneratedRegex(@"validity\s*:\s*(?<value>[^;,()\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ValidityLabel();

    [GeneratedRegex(@"^(none|\d+y)$", RegexOptions.IgnoreCase)]
    private static partial Regex ValidityValue();
}
