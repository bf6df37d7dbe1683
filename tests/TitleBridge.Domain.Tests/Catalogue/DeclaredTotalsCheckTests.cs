using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Import;

namespace TitleBridge.Domain.Tests.Catalogue;

public sealed class DeclaredTotalsCheckTests
{
    [Fact]
    public void Compare_RealIllustrativeCsv_MatchesTheAnnouncedTotals()
    {
        var mismatches = DeclaredTotalsCheck.Compare([.. CatalogueFiles.LoadEntries()], CatalogueFiles.LoadDeclaredTotals());

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Compare_OneEntryMissing_ReportsTotalLevelAndSector()
    {
        var declared = new DeclaredTotals(3, new Dictionary<string, int> { ["AE"] = 1, ["E"] = 2 }, new Dictionary<string, int> { ["IT"] = 2, ["EC"] = 1 });
        CatalogueEntry[] entries = [Entry("A-1", "IT", TitleLevel.AssistantEngineer), Entry("A-2", "IT", TitleLevel.Engineer)];

        var mismatches = DeclaredTotalsCheck.Compare(entries, declared);

        Assert.Equal(
            [(TotalsDimension.Total, "", 3, 2), (TotalsDimension.Level, "E", 2, 1), (TotalsDimension.Sector, "EC", 1, 0)],
            mismatches.Select(m => (m.Dimension, m.Key, m.Expected, m.Actual)));
    }

    [Fact]
    public void Compare_UndeclaredLevelOrSector_ExpectsZero()
    {
        var declared = new DeclaredTotals(1, new Dictionary<string, int> { ["AE"] = 1 }, new Dictionary<string, int> { ["IT"] = 1 });
        CatalogueEntry[] entries = [Entry("A-1", "GD", TitleLevel.SeniorEngineer)];

        var mismatches = DeclaredTotalsCheck.Compare(entries, declared);

        Assert.Equal(
            [(TotalsDimension.Level, "AE", 1, 0), (TotalsDimension.Level, "SE", 0, 1), (TotalsDimension.Sector, "GD", 0, 1), (TotalsDimension.Sector, "IT", 1, 0)],
            mismatches.Select(m => (m.Dimension, m.Key, m.Expected, m.Actual)));
    }

    [Fact]
    public void Compare_Mismatch_SaysExpectedAndActualInBothLanguages()
    {
        var declared = new DeclaredTotals(2, new Dictionary<string, int> { ["SE"] = 2 }, new Dictionary<string, int> { ["IT"] = 2 });

        var mismatches = DeclaredTotalsCheck.Compare([Entry("A-1", "IT", TitleLevel.SeniorEngineer)], declared);

        Assert.All(mismatches, m =>
        {
            Assert.Contains("2", m.Message.En, StringComparison.Ordinal);
            Assert.Contains("1", m.Message.En, StringComparison.Ordinal);
            Assert.Contains("2", m.Message.Zh, StringComparison.Ordinal);
            Assert.Contains("1", m.Message.Zh, StringComparison.Ordinal);
            Assert.NotEqual(m.Message.En, m.Message.Zh);
        });
        Assert.Contains("高级工程师", mismatches.Single(m => m.Dimension == TotalsDimension.Level).Message.Zh, StringComparison.Ordinal);
    }

    private static CatalogueEntry Entry(string code, string sector, TitleLevel level) =>
        new(code, sector, level, "Name " + code, "名称" + code, "", "Issuer", "机构", "US", "computer-software", [], EntryBasis.Illustrative, new("", ""));
}
