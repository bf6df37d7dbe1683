using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Import;

namespace TitleBridge.Domain.Tests.Catalogue;

public sealed class EditionDiffTests
{
    [Fact]
    public void Compare_SameEntries_IsEmpty()
    {
        var diff = EditionDiff.Compare([Entry("A-1"), Entry("A-2")], [Entry("A-2"), Entry("A-1")]);

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compare_RealCatalogueWithItself_IsEmpty()
    {
        Assert.True(EditionDiff.Compare(CatalogueFiles.LoadEntries(), CatalogueFiles.LoadEntries()).IsEmpty);
    }

    [Fact]
    public void Compare_FindsAddedAndRemovedEntriesInCodeOrder()
    {
        var diff = EditionDiff.Compare([Entry("A-1"), Entry("A-3"), Entry("A-2")], [Entry("A-1"), Entry("A-5"), Entry("A-4")]);

        Assert.Equal(["A-4", "A-5"], diff.Added.Select(e => e.Code));
        Assert.Equal(["A-2", "A-3"], diff.Removed.Select(e => e.Code));
        Assert.Empty(diff.Changed);
    }

    [Fact]
    public void Compare_LevelChanged_IsFlaggedWithBeforeAndAfter()
    {
        var diff = EditionDiff.Compare([Entry("A-1")], [Entry("A-1") with { Level = TitleLevel.SeniorEngineer }]);

        var change = Assert.Single(diff.Changed);
        Assert.True(change.LevelChanged);
        Assert.False(change.SectorChanged);
        Assert.Empty(change.OtherFields);
        Assert.Equal(new FieldChange("level", "E", "SE"), Assert.Single(change.Fields));
    }

    [Fact]
    public void Compare_SectorChanged_IsFlagged()
    {
        var diff = EditionDiff.Compare([Entry("A-1")], [Entry("A-1") with { Sector = "EC" }]);

        var change = Assert.Single(diff.Changed);
        Assert.True(change.SectorChanged);
        Assert.False(change.LevelChanged);
        Assert.Equal(new FieldChange("sector", "IT", "EC"), Assert.Single(change.Fields));
    }

    [Fact]
    public void Compare_OtherFieldsChanged_NamesEachColumn()
    {
        var after = Entry("A-1") with { NameZh = "新名称", Aliases = ["X", "Y"], Basis = EntryBasis.Official, Notes = new("validity: 5y", "有效期5年") };

        var change = Assert.Single(EditionDiff.Compare([Entry("A-1")], [after]).Changed);

        Assert.Equal(["name_zh", "aliases", "basis", "notes", "notes_zh"], change.OtherFields.Select(f => f.Field));
        Assert.Equal(new FieldChange("aliases", "X", "X;Y"), change.Fields.Single(f => f.Field == "aliases"));
    }

    [Fact]
    public void Compare_AliasListsWithEqualItems_AreNotAChange()
    {
        var diff = EditionDiff.Compare([Entry("A-1") with { Aliases = ["P", "Q"] }], [Entry("A-1") with { Aliases = new List<string> { "P", "Q" } }]);

        Assert.True(diff.IsEmpty);
    }

    private static CatalogueEntry Entry(string code) =>
        new(code, "IT", TitleLevel.Engineer, "Name " + code, "名称", "AB", "Issuer", "机构", "US", "computer-software", ["X"], EntryBasis.Illustrative, new("validity: 3y", "有效期 3 年"));
}
