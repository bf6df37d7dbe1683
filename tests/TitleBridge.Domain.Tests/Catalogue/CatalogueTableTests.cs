using System.Text;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Import;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Tests.Catalogue;

public sealed class CatalogueTableTests
{
    private static readonly ReferenceData Reference = CatalogueFiles.LoadReference();

    [Fact]
    public void Validate_RealIllustrativeCsv_Gives170EntriesWithNoProblems()
    {
        var result = CatalogueTable.Validate(CatalogueFiles.ReadCsvTable(), Reference);

        Assert.Empty(result.Problems);
        Assert.Equal(170, result.Value.Count);
        var ccie = result.Value.Single(e => e.Code == "GZ2025-IT-053");
        Assert.Equal(TitleLevel.SeniorEngineer, ccie.Level);
        Assert.Equal(["CCIE", "CCIE Enterprise", "CCIE EI", "思科CCIE"], ccie.Aliases);
        Assert.Equal(EntryBasis.NamedInAnnouncement, ccie.Basis);
        Assert.Equal("Cisco Systems, Inc.", ccie.IssuerEn);
    }

    [Fact]
    public void WriteThenValidate_RealCsv_RoundTripsExactly()
    {
        var original = CatalogueFiles.ReadCsvTable();
        var entries = CatalogueTable.Validate(original, Reference).Value;

        var written = CatalogueTable.Write(entries);
        var again = CatalogueTable.Validate(written, Reference).Value;

        Assert.Equal(original.Count, written.Count);
        for (var row = 0; row < original.Count; row++)
        {
            Assert.Equal(original[row], written[row]);
        }
        Assert.Equal(entries.Select(CatalogueTable.Cells), again.Select(CatalogueTable.Cells));
        Assert.Equal(File.ReadAllText(CatalogueFiles.CsvPath, Encoding.UTF8), Rfc4180.Write(written));
    }

    [Fact]
    public void Write_StartsWithTheFourteenColumns()
    {
        Assert.Equal(
            "code,sector,level,name_en,name_zh,abbreviation,issuer_en,issuer_zh,country_region,specialty,aliases,basis,notes,notes_zh",
            string.Join(',', CatalogueTable.Write([])[0]));
    }

    [Fact]
    public void Validate_ColumnsInAnotherOrder_ReadsTheSameEntry()
    {
        var table = new TableBuilder().Row().Build();
        var order = Enumerable.Range(0, table[0].Count).Reverse().ToArray();
        var shuffled = table.Select(row => (IReadOnlyList<string>)[.. order.Select(i => row[i])]).ToList();

        var entry = CatalogueTable.Validate(shuffled, Reference).Value.Single();

        Assert.Equal(CatalogueTable.Cells(CatalogueTable.Validate(table, Reference).Value.Single()), CatalogueTable.Cells(entry));
    }

    [Fact]
    public void Validate_Aliases_AreSplitOnSemicolonsTrimmedAndEmptiesDropped()
    {
        var table = new TableBuilder().Row(aliases: " AZ-305 ;; Azure架构师 ; ").Build();

        var entry = CatalogueTable.Validate(table, Reference).Value.Single();

        Assert.Equal(["AZ-305", "Azure架构师"], entry.Aliases);
    }

    [Fact]
    public void Validate_TrailingBlankRows_AreIgnored()
    {
        var table = new TableBuilder().Row().Build().Append(["", "", "", "", "", "", "", "", "", "", "", "", ""]).ToList();

        Assert.Single(CatalogueTable.Validate(table, Reference).Value);
    }

    // Row 2 is the first data row; the builder writes valid rows unless a cell is overridden.
    [Theory]
    [InlineData("sector", "XX", CatalogueTableProblems.UnknownSectorCode)]
    [InlineData("level", "Q", CatalogueTableProblems.UnknownLevelCode)]
    [InlineData("level", "PSE", CatalogueTableProblems.LevelNotInCatalogueCode)]
    [InlineData("specialty", "basket-weaving", CatalogueTableProblems.UnknownSpecialtyCode)]
    [InlineData("country_region", "Hong Kong", CatalogueTableProblems.UnknownCountryRegionCode)]
    [InlineData("basis", "rumour", CatalogueTableProblems.UnknownBasisCode)]
    [InlineData("notes", "exam X; validity: 3 years", CatalogueTableProblems.MalformedValidityCode)]
    [InlineData("notes", "validity: forever", CatalogueTableProblems.MalformedValidityCode)]
    [InlineData("code", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("sector", " ", CatalogueTableProblems.RequiredCode)]
    [InlineData("level", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("name_en", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("name_zh", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("issuer_en", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("issuer_zh", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("country_region", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("specialty", "", CatalogueTableProblems.RequiredCode)]
    [InlineData("basis", "", CatalogueTableProblems.RequiredCode)]
    public void Validate_BadCell_ReportsRowFieldAndCode(string column, string value, string code)
    {
        var table = new TableBuilder().Row().Row(code: "GZ2025-IT-902", nameEn: "Second").With(3, column, value).Build();

        var result = CatalogueTable.Validate(table, Reference);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((code, column, 3), (problem.Code, problem.Field, problem.Row));
    }

    [Theory]
    [InlineData("abbreviation")]
    [InlineData("aliases")]
    [InlineData("notes", "notes_zh")]
    public void Validate_OptionalColumnEmpty_IsFine(string column, string? alsoEmpty = null)
    {
        var builder = new TableBuilder().Row().With(2, column, "");
        var table = (alsoEmpty is null ? builder : builder.With(2, alsoEmpty, "")).Build();

        Assert.True(CatalogueTable.Validate(table, Reference).Succeeded);
    }

    [Fact]
    public void Validate_DuplicateCode_ReportsBothRows()
    {
        var table = new TableBuilder()
            .Row(code: "GZ2025-IT-901", nameEn: "First")
            .Row(code: "GZ2025-IT-902", nameEn: "Second")
            .Row(code: "gz2025-it-901", nameEn: "Third")
            .Build();

        var problems = CatalogueTable.Validate(table, Reference).Problems;

        Assert.Equal(
            [(CatalogueTableProblems.DuplicateCodeCode, "code", 2), (CatalogueTableProblems.DuplicateCodeCode, "code", 4)],
            problems.Select(p => (p.Code, p.Field, p.Row ?? 0)));
        Assert.Contains("row 4", problems[0].Message.En, StringComparison.Ordinal);
        Assert.Contains("row 2", problems[1].Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateEnglishName_ReportsBothRows()
    {
        var table = new TableBuilder()
            .Row(code: "GZ2025-IT-901", nameEn: "Same Name")
            .Row(code: "GZ2025-IT-902", nameEn: "same name")
            .Build();

        var problems = CatalogueTable.Validate(table, Reference).Problems;

        Assert.Equal(
            [(CatalogueTableProblems.DuplicateNameEnCode, "name_en", 2), (CatalogueTableProblems.DuplicateNameEnCode, "name_en", 3)],
            problems.Select(p => (p.Code, p.Field, p.Row ?? 0)));
    }

    [Fact]
    public void Validate_RowWithWrongNumberOfCells_ReportsTheRow()
    {
        var table = new TableBuilder().Row().Build().Append(["GZ2025-IT-903", "IT"]).ToList();

        var problem = Assert.Single(CatalogueTable.Validate(table, Reference).Problems);

        Assert.Equal((CatalogueTableProblems.CellCountCode, (string?)null, 3), (problem.Code, problem.Field, problem.Row ?? 0));
        Assert.Contains("2 cells", problem.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HeaderMissingAColumn_ReportsItOnRow1()
    {
        var table = new TableBuilder().Row().WithoutColumn("specialty").Build();

        var problem = Assert.Single(CatalogueTable.Validate(table, Reference).Problems);

        Assert.Equal((CatalogueTableProblems.MissingColumnCode, "specialty", 1), (problem.Code, problem.Field, problem.Row ?? 0));
    }

    [Fact]
    public void Validate_HeaderWithUnknownColumn_ReportsItOnRow1()
    {
        var table = new TableBuilder().Row().WithExtraColumn("remarks", "x").Build();

        var problem = Assert.Single(CatalogueTable.Validate(table, Reference).Problems);

        Assert.Equal((CatalogueTableProblems.UnknownColumnCode, "remarks", 1), (problem.Code, problem.Field, problem.Row ?? 0));
    }

    [Fact]
    public void Validate_HeaderWithDuplicatedColumn_ReportsItOnRow1()
    {
        var table = new TableBuilder().Row().WithExtraColumn("notes", "validity: none").Build();

        var problem = Assert.Single(CatalogueTable.Validate(table, Reference).Problems);

        Assert.Equal((CatalogueTableProblems.DuplicateColumnCode, "notes", 1), (problem.Code, problem.Field, problem.Row ?? 0));
    }

    [Fact]
    public void Validate_NoRowsAtAll_IsEmptyOnRow1()
    {
        var problem = Assert.Single(CatalogueTable.Validate([], Reference).Problems);

        Assert.Equal((CatalogueTableProblems.EmptyCode, (string?)null, 1), (problem.Code, problem.Field, problem.Row ?? 0));
    }

    [Fact]
    public void Validate_HeaderOnly_HasNoDataRowsOnRow2()
    {
        var problem = Assert.Single(CatalogueTable.Validate(new TableBuilder().Build(), Reference).Problems);

        Assert.Equal((CatalogueTableProblems.NoDataRowsCode, (string?)null, 2), (problem.Code, problem.Field, problem.Row ?? 0));
    }

    [Fact]
    public void Validate_SeveralBadRows_ReportsEveryProblemAndNoEntries()
    {
        var table = new TableBuilder()
            .Row(code: "GZ2025-IT-901", nameEn: "Good")
            .Row(code: "GZ2025-IT-902", nameEn: "Bad One").With(3, "sector", "XX").With(3, "level", "PSE")
            .Row(code: "GZ2025-IT-903", nameEn: "Bad Two").With(4, "basis", "")
            .Build();

        var result = CatalogueTable.Validate(table, Reference);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [(3, "sector"), (3, "level"), (4, "basis")],
            result.Problems.Select(p => (p.Row ?? 0, p.Field ?? "")));
    }

    public static TheoryData<string, Problem> EveryProblemKind()
    {
        var data = new TheoryData<string, Problem>();
        void Add(IReadOnlyList<IReadOnlyList<string>> table)
        {
            foreach (var problem in CatalogueTable.Validate(table, Reference).Problems)
            {
                data.Add(problem.Code, problem);
            }
        }
        Add([]);
        Add(new TableBuilder().Build());
        Add(new TableBuilder().Row().WithoutColumn("basis").WithExtraColumn("remarks", "").WithExtraColumn("code", "x").Build());
        Add([.. new TableBuilder().Row().Build(), ["too", "few"]]);
        Add(new TableBuilder()
            .Row().With(2, "sector", "XX").With(2, "specialty", "x").With(2, "country_region", "ZZ").With(2, "basis", "x").With(2, "notes", "validity: soon")
            .Row(code: "GZ2025-IT-902").With(3, "level", "Q").With(3, "name_zh", "")
            .Row(code: "GZ2025-IT-902").With(4, "level", "PSE")
            .Row(code: "GZ2025-IT-903").With(5, "notes_zh", "")
            .Row(code: "GZ2025-IT-904").With(6, "notes", "")
            .Build());
        return data;
    }

    [Fact]
    public void EveryProblemKind_IsCoveredByTheMessageTest()
    {
        var codes = typeof(CatalogueTableProblems).GetFields()
            .Where(f => f.IsLiteral && f.Name.EndsWith("Code", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order();

        Assert.Equal(codes, EveryProblemKind().Select(row => (string)row[0]).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(EveryProblemKind))]
    public void EveryProblem_HasDifferentNonEmptyEnglishAndChineseSentences(string code, Problem problem)
    {
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.En), code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.Zh), code);
        Assert.NotEqual(problem.Message.En, problem.Message.Zh);
        Assert.Contains(problem.Message.Zh, c => c is >= '\u4E00' and <= '\u9FFF');
        Assert.EndsWith(".", problem.Message.En, StringComparison.Ordinal);
        Assert.EndsWith("。", problem.Message.Zh, StringComparison.Ordinal);
    }
}

/// <summary>Builds a small catalogue table owned by one test; rows are valid unless a cell is overridden.</summary>
internal sealed class TableBuilder
{
    private readonly List<string> _header = [.. CatalogueTable.Columns];
    private readonly List<List<string>> _rows = [];

    public TableBuilder Row(string code = "GZ2025-IT-901", string nameEn = "Test Cloud Architect", string aliases = "TCA;测试架构师")
    {
        _rows.Add(
        [
            code, "IT", "E", nameEn, "测试云架构师" + _rows.Count, "TCA", "Test Issuer", "测试机构", "US",
            "computer-software", aliases, "illustrative", "exam TCA-001; validity: 3y", "考试 TCA-001；有效期3年",
        ]);
        return this;
    }

    /// <summary>Sets a cell; <paramref name="row"/> is the 1-based table row (2 = first data row).</summary>
    public TableBuilder With(int row, string column, string value)
    {
        _rows[row - 2][_header.IndexOf(column)] = value;
        return this;
    }

    public TableBuilder WithoutColumn(string column)
    {
        var index = _header.IndexOf(column);
        _header.RemoveAt(index);
        _rows.ForEach(r => r.RemoveAt(index));
        return this;
    }

    public TableBuilder WithExtraColumn(string column, string value)
    {
        _header.Add(column);
        _rows.ForEach(r => r.Add(value));
        return this;
    }

    public IReadOnlyList<IReadOnlyList<string>> Build() => [_header.ToList(), .. _rows.Select(r => r.ToList())];
}
