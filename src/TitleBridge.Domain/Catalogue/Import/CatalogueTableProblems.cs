using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Catalogue.Import;

/// <summary>
/// Every problem an imported catalogue table can have: a stable code for programs and tests, and one
/// sentence in each language saying what is wrong and, where it helps, what is allowed.
/// </summary>
public static class CatalogueTableProblems
{
    public const string EmptyCode = "catalogue-table.empty";
    public const string NoDataRowsCode = "catalogue-table.no-data-rows";
    public const string MissingColumnCode = "catalogue-table.missing-column";
    public const string UnknownColumnCode = "catalogue-table.unknown-column";
    public const string DuplicateColumnCode = "catalogue-table.duplicate-column";
    public const string CellCountCode = "catalogue-table.cell-count";
    public const string RequiredCode = "catalogue-table.required";
    public const string UnknownSectorCode = "catalogue-table.unknown-sector";
    public const string UnknownLevelCode = "catalogue-table.unknown-level";
    public const string LevelNotInCatalogueCode = "catalogue-table.level-not-in-catalogue";
    public const string UnknownSpecialtyCode = "catalogue-table.unknown-specialty";
    public const string UnknownCountryRegionCode = "catalogue-table.unknown-country-region";
    public const string UnknownBasisCode = "catalogue-table.unknown-basis";
    public const string MalformedValidityCode = "catalogue-table.malformed-validity";
    public const string NotesWithoutChineseCode = "catalogue-table.notes-without-chinese";
    public const string ChineseNotesWithoutEnglishCode = "catalogue-table.chinese-notes-without-english";
    public const string DuplicateCodeCode = "catalogue-table.duplicate-code";
    public const string DuplicateNameEnCode = "catalogue-table.duplicate-name-en";

    private const int HeaderRow = 1;

    internal static Problem Empty() => new(
        EmptyCode,
        new("The file is empty: it needs a header row and at least one catalogue entry.",
            "文件为空：须包含表头行及至少一条目录条目。"),
        null,
        HeaderRow);

    internal static Problem NoDataRows() => new(
        NoDataRowsCode,
        new("The file has a header but no catalogue entries; add at least one row below the header.",
            "文件只有表头，没有目录条目；请在表头下方至少添加一行。"),
        null,
        HeaderRow + 1);

    internal static Problem MissingColumn(string column) => new(
        MissingColumnCode,
        new($"The header has no column \"{column}\"; the table needs all of these columns: {RequiredColumns}.",
            $"表头缺少“{column}”列；表格须包含以下全部列：{RequiredColumns}。"),
        column,
        HeaderRow);

    internal static Problem UnknownColumn(string column) => new(
        UnknownColumnCode,
        new($"The header has a column \"{column}\" that the catalogue does not use; allowed columns are: {AllColumns}.",
            $"表头中的“{column}”列不是目录使用的列；允许的列为：{AllColumns}。"),
        column,
        HeaderRow);

    internal static Problem DuplicateColumn(string column) => new(
        DuplicateColumnCode,
        new($"The header has the column \"{column}\" more than once; keep only one.",
            $"表头中“{column}”列出现了不止一次；请只保留一列。"),
        column,
        HeaderRow);

    internal static Problem CellCount(int row, int actual, int expected) => new(
        CellCountCode,
        new($"This row has {actual} cells but the header has {expected}; check for a missing or extra separator or an unclosed quote.",
            $"此行有 {actual} 个单元格，而表头有 {expected} 列；请检查是否缺少或多出分隔符，或引号未闭合。"),
        null,
        row);

    internal static Problem Required(int row, string column) => new(
        RequiredCode,
        new($"The column \"{column}\" is empty; every entry needs a value here.",
            $"“{column}”列为空；每个条目都必须填写此项。"),
        column,
        row);

    internal static Problem UnknownSector(int row, string value, IEnumerable<string> allowed) => new(
        UnknownSectorCode,
        new($"The sector \"{value}\" is not a sector of this edition; allowed sectors are: {string.Join(", ", allowed)}.",
            $"领域“{value}”不是本版目录的领域；允许的领域为：{string.Join("、", allowed)}。"),
        CatalogueTable.Sector,
        row);

    internal static Problem UnknownLevel(int row, string value) => new(
        UnknownLevelCode,
        new($"The level \"{value}\" is not a title level; use AE (Assistant Engineer), E (Engineer) or SE (Senior Engineer).",
            $"层级“{value}”不是职称层级；请填写 AE（助理工程师）、E（工程师）或 SE（高级工程师）。"),
        CatalogueTable.Level,
        row);

    internal static Problem LevelNotInCatalogue(int row, string value) => new(
        LevelNotInCatalogueCode,
        new($"The level \"{value}\" (Professorate Senior Engineer) is not a catalogue level; catalogue entries map to AE, E or SE only.",
            $"层级“{value}”（正高级工程师）不是目录层级；目录条目只能对应 AE、E 或 SE。"),
        CatalogueTable.Level,
        row);

    internal static Problem UnknownSpecialty(int row, string value) => new(
        UnknownSpecialtyCode,
        new($"The specialty \"{value}\" is not an engineering specialty key; use a key such as computer-software or civil-structural from the specialty list.",
            $"专业“{value}”不是工程系列的专业代码；请使用专业列表中的代码，例如 computer-software 或 civil-structural。"),
        CatalogueTable.Specialty,
        row);

    internal static Problem UnknownCountryRegion(int row, string value, IEnumerable<string> allowed) => new(
        UnknownCountryRegionCode,
        new($"The country or region \"{value}\" is not in the list; allowed codes are: {string.Join(", ", allowed)}.",
            $"国家（地区）“{value}”不在列表中；允许的代码为：{string.Join("、", allowed)}。"),
        CatalogueTable.CountryRegion,
        row);

    internal static Problem UnknownBasis(int row, string value) => new(
        UnknownBasisCode,
        new($"The basis \"{value}\" is not allowed; use named-in-announcement, illustrative or official.",
            $"依据“{value}”无效；请填写 named-in-announcement、illustrative 或 official。"),
        CatalogueTable.Basis,
        row);

    internal static Problem MalformedValidity(int row, string token) => new(
        MalformedValidityCode,
        new($"The notes contain \"{token}\", which is not a validity token; write \"validity: none\" or \"validity: Ny\" (for example \"validity: 3y\").",
            $"备注中的“{token}”不是有效期标记；请写作“validity: none”或“validity: Ny”（例如“validity: 3y”）。"),
        CatalogueTable.Notes,
        row);

    internal static Problem NotesWithoutChinese(int row) => new(
        NotesWithoutChineseCode,
        new($"The column \"{CatalogueTable.NotesZh}\" is empty but \"{CatalogueTable.Notes}\" has a note; write the note in Chinese too, so Chinese pages do not show it in English.",
            $"“{CatalogueTable.Notes}”列有备注，但“{CatalogueTable.NotesZh}”列为空；请同时填写中文备注，以免中文页面显示英文备注。"),
        CatalogueTable.NotesZh,
        row);

    internal static Problem ChineseNotesWithoutEnglish(int row) => new(
        ChineseNotesWithoutEnglishCode,
        new($"The column \"{CatalogueTable.Notes}\" is empty but \"{CatalogueTable.NotesZh}\" has a note; write the note in English too, so English pages do not show it in Chinese.",
            $"“{CatalogueTable.NotesZh}”列有中文备注，但“{CatalogueTable.Notes}”列为空；请同时填写英文备注，以免英文页面显示中文备注。"),
        CatalogueTable.Notes,
        row);

    internal static Problem DuplicateCode(int row, string value, IReadOnlyList<int> otherRows) => new(
        DuplicateCodeCode,
        new($"The code \"{value}\" is also used on row {Rows(otherRows, ", ")}; every entry needs its own code.",
            $"代码“{value}”在第 {Rows(otherRows, "、")} 行也被使用；每个条目的代码必须唯一。"),
        CatalogueTable.Code,
        row);

    internal static Problem DuplicateNameEn(int row, string value, IReadOnlyList<int> otherRows) => new(
        DuplicateNameEnCode,
        new($"The English name \"{value}\" is also used on row {Rows(otherRows, ", ")}; every entry needs its own English name.",
            $"英文名称“{value}”在第 {Rows(otherRows, "、")} 行也被使用；每个条目的英文名称必须唯一。"),
        CatalogueTable.NameEn,
        row);

    private static string AllColumns => string.Join(", ", CatalogueTable.Columns);

    private static string RequiredColumns =>
        string.Join(", ", CatalogueTable.Columns.Where(c => !CatalogueTable.ColumnsMayBeAbsent.Contains(c)));

    private static string Rows(IReadOnlyList<int> rows, string separator) => string.Join(separator, rows);
}
