using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Import;
using TitleBridge.Domain.Catalogue.Search;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Tests.Catalogue;

/// <summary>Issue #11: the catalogue's notes in both languages (decision 0039), from the table to the search.</summary>
public sealed class CatalogueNotesTests
{
    private static readonly string[] Header13 =
        ["code", "sector", "level", "name_en", "name_zh", "abbreviation", "issuer_en", "issuer_zh", "country_region", "specialty", "aliases", "basis", "notes"];

    private static string[] Cells13(string code, string notes) =>
        [code, "IT", "E", "Notes Test " + code, "备注测试" + code, "NT", "Test Issuer", "测试机构", "US", "computer-software", "", "illustrative", notes];

    private static IReadOnlyList<IReadOnlyList<string>> Table(params (string Code, string Notes, string NotesZh)[] rows) =>
        [[.. Header13, "notes_zh"], .. rows.Select(r => (IReadOnlyList<string>)[.. Cells13(r.Code, r.Notes), r.NotesZh])];

    [Fact]
    public void Validate_NotesZhColumn_ReadsTheNoteInBothLanguages()
    {
        var result = CatalogueTable.Validate(
            Table(("GZ2025-IT-901", "requires RHCSA; validity: 3y", "须先取得 RHCSA；有效期3年")),
            CatalogueFiles.LoadReference());

        var entry = Assert.Single(result.Value);
        Assert.Equal(new BilingualText("requires RHCSA; validity: 3y", "须先取得 RHCSA；有效期3年"), entry.Notes);
        Assert.Equal(3, entry.ValidityYears);
    }

    [Fact]
    public void Validate_WithoutNotesZhColumn_ImportsTheNotesAsEnglishOnly()
    {
        IReadOnlyList<IReadOnlyList<string>> table = [Header13, Cells13("GZ2025-IT-902", "performance-based exam; validity: 2y")];

        var result = CatalogueTable.Validate(table, CatalogueFiles.LoadReference());

        Assert.True(result.Succeeded, string.Join(" | ", result.Problems.Select(p => p.Message.En)));
        var entry = Assert.Single(result.Value!);
        Assert.Equal(new BilingualText("performance-based exam; validity: 2y", ""), entry.Notes);
        Assert.Equal(2, entry.ValidityYears);
    }

    [Fact]
    public void Validate_NotesWithoutChinese_IsRefusedOnItsRow_NamingNotesZh()
    {
        var result = CatalogueTable.Validate(
            Table(("GZ2025-IT-903", "entry-level", "入门级"), ("GZ2025-IT-904", "associate tier; validity: 3y", "")),
            CatalogueFiles.LoadReference());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((CatalogueTableProblems.NotesWithoutChineseCode, "notes_zh", 3), (problem.Code, problem.Field, problem.Row ?? 0));
        Assert.Equal(
            "The column \"notes_zh\" is empty but \"notes\" has a note; write the note in Chinese too, so Chinese pages do not show it in English.",
            problem.Message.En);
        Assert.Equal("“notes”列有备注，但“notes_zh”列为空；请同时填写中文备注，以免中文页面显示英文备注。", problem.Message.Zh);
    }

    [Fact]
    public void Validate_ChineseNotesWithoutEnglish_IsRefusedOnItsRow_NamingNotes()
    {
        var result = CatalogueTable.Validate(Table(("GZ2025-IT-905", "", "入门级")), CatalogueFiles.LoadReference());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((CatalogueTableProblems.ChineseNotesWithoutEnglishCode, "notes", 2), (problem.Code, problem.Field, problem.Row ?? 0));
        Assert.Contains("notes_zh", problem.Message.En, StringComparison.Ordinal);
        Assert.Contains("notes_zh", problem.Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoNotesInEitherLanguage_IsAccepted()
    {
        var result = CatalogueTable.Validate(Table(("GZ2025-IT-906", "", "")), CatalogueFiles.LoadReference());

        Assert.Equal(new BilingualText("", ""), Assert.Single(result.Value!).Notes);
        Assert.False(result.Value![0].HasNotes);
    }

    [Fact]
    public void Write_ThenValidate_KeepsBothLanguagesOfTheNotes()
    {
        var entries = CatalogueTable.Validate(
            Table(("GZ2025-IT-907", "exam EX294; validity: 3y", "实操考试 EX294；有效期3年")), CatalogueFiles.LoadReference()).Value!;

        var table = CatalogueTable.Write(entries);

        Assert.Equal(["exam EX294; validity: 3y", "实操考试 EX294；有效期3年"], table[1].TakeLast(2));
        Assert.Equal(entries[0].Notes, CatalogueTable.Validate(table, CatalogueFiles.LoadReference()).Value![0].Notes);
    }

    [Fact]
    public void ShippedCatalogue_EveryNoteHasItsChineseText()
    {
        var entries = CatalogueFiles.LoadEntries();

        Assert.Equal(170, entries.Count(e => e.HasNotes));
        Assert.All(entries, e => Assert.Equal(e.Notes.En.Length > 0, e.Notes.Zh.Length > 0));
        Assert.All(entries, e => Assert.DoesNotContain("validity:", e.Notes.Zh, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Notes.Zh));
    }

    [Theory]
    [InlineData("rebranding", "GZ2025-IT-901")]
    [InlineData("更名", "GZ2025-IT-901")]
    [InlineData("定期培训", "GZ2025-IT-902")]
    [InlineData("periodic training", "GZ2025-IT-902")]
    public void Search_FindsAnEntryByItsNotes_InEitherLanguage(string query, string expected)
    {
        var index = new CatalogueSearchIndex(CatalogueTable.Validate(
            Table(
                ("GZ2025-IT-901", "the scheme is rebranding its track", "该认证方向正在更名"),
                ("GZ2025-IT-902", "periodic training once appointed", "被选任后须定期培训")),
            CatalogueFiles.LoadReference()).Value!);

        Assert.Equal([expected], index.Search(query, 10).Select(h => h.Entry.Code));
    }

    [Fact]
    public void Search_ExamCodeNamedOnlyInTheChineseNotes_RanksAsAnExamCode()
    {
        var index = new CatalogueSearchIndex(CatalogueTable.Validate(
            Table(
                ("GZ2025-IT-908", "hands-on exam", "实操考试 ZX-777"),
                ("GZ2025-IT-909", "hands-on exam ZX", "实操考试")),
            CatalogueFiles.LoadReference()).Value!);

        Assert.Equal("GZ2025-IT-908", index.Search("ZX-777", 10)[0].Entry.Code);
    }
}
