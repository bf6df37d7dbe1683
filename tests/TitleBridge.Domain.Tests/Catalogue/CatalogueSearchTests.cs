using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Search;

namespace TitleBridge.Domain.Tests.Catalogue;

public sealed class CatalogueSearchTests
{
    // The shipped file, for the tests named RealCatalogue: they check that its rows are found by what people type.
    private static readonly Lazy<CatalogueSearchIndex> RealIndex =
        new(() => new CatalogueSearchIndex(CatalogueFiles.LoadEntries(), CatalogueFiles.LoadReference()));

    // Entries built here for the search rules that hold whatever the catalogue holds.
    private static readonly Lazy<CatalogueSearchIndex> SmallIndex = new(() => new CatalogueSearchIndex(
    [
        Entry("T-001", "Cloud Practitioner", aliases: ["AWS CCP"], issuerEn: "Amazon Web Services (AWS)"),
        Entry("T-002", "Solutions Architect Associate", aliases: ["AWS SAA"], issuerEn: "Amazon Web Services (AWS)"),
        Entry("T-003", "Solutions Architect Professional", aliases: ["AWS SAP"], issuerEn: "Amazon Web Services (AWS)"),
        Entry("T-004", "Azure Solutions Architect Expert", aliases: ["AZ-305"], issuerEn: "Microsoft Corporation"),
        Entry("T-005", "Chartered Engineer", aliases: ["CEng"], issuerEn: "Engineering Council"),
        Entry("T-006", "Fellow of the Royal Institution of Chartered Surveyors", aliases: ["FRICS"]),
        Entry("T-007", "Network Expert", nameZh: "思科认证网络专家", aliases: ["CCIE", "思科CCIE"]),
    ]));

    [Theory]
    [InlineData("az305", "GZ2025-IT-026")]
    [InlineData("AZ 305", "GZ2025-IT-026")]
    [InlineData("AZ-305", "GZ2025-IT-026")]
    [InlineData("ＡＺ－３０５", "GZ2025-IT-026")]
    [InlineData("azrue solutions architect", "GZ2025-IT-026")]
    [InlineData("思科 专家", "GZ2025-IT-053")]
    [InlineData("ccna", "GZ2025-IT-008")]
    [InlineData("CCNA", "GZ2025-IT-008")]
    [InlineData("思科CCNA", "GZ2025-IT-008")]
    [InlineData("aws saa", "GZ2025-IT-003")]
    [InlineData("saa-c03", "GZ2025-IT-003")]
    [InlineData("SAA–C03", "GZ2025-IT-003")]
    [InlineData("solutions architect associate aws", "GZ2025-IT-003")]
    [InlineData("chartered engineer", "GZ2025-EC-012")]
    [InlineData("CEng", "GZ2025-EC-012")]
    [InlineData("註冊建築師", "GZ2025-EC-017")]
    [InlineData("注册建筑师 香港", "GZ2025-EC-017")]
    [InlineData("registered architect hong kong", "GZ2025-EC-017")]
    [InlineData("frics", "GZ2025-EC-037")]
    [InlineData("leed ap", "GZ2025-GD-004")]
    [InlineData("LEED_AP", "GZ2025-GD-004")]
    [InlineData("gz2025-it-053", "GZ2025-IT-053")]
    [InlineData("p.eng", "GZ2025-EC-029")]
    [InlineData("tuv functional safety", "GZ2025-AM-016")]
    [InlineData("澳門建築師", "GZ2025-EC-022")]
    [InlineData("亚马逊 架构师 专业", "GZ2025-IT-023")]
    [InlineData("350-401", "GZ2025-IT-028")]
    [InlineData("az30", "GZ2025-IT-026")]
    [InlineData("az-30", "GZ2025-IT-026")]
    [InlineData("思科cci", "GZ2025-IT-053")]
    [InlineData("ccna\uD800", "GZ2025-IT-008")]
    public void Search_RealCatalogue_FindsTheRightEntryFirst(string query, string expectedCode)
    {
        var hits = RealIndex.Value.Search(query, 5);

        Assert.NotEmpty(hits);
        Assert.Equal(expectedCode, hits[0].Entry.Code);
    }

    [Theory]
    [InlineData("技术士")]
    [InlineData("技術士")]
    [InlineData("gijutsushi")]
    public void Search_RealCatalogue_JapaneseProfessionalEngineer_FindsTheJapanPeRowsFirst(string query)
    {
        string[] japanPe = ["GZ2025-EC-030", "GZ2025-AM-002", "GZ2025-AM-008", "GZ2025-AM-020"];

        var hits = RealIndex.Value.Search(query, 10);

        Assert.Contains(hits[0].Entry.Code, japanPe);
        Assert.All(hits.Take(japanPe.Length - 1), h => Assert.Contains(h.Entry.Code, japanPe));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData(" - / . ")]
    [InlineData(null)]
    public void Search_EmptyOrBlankQuery_FindsNothing(string? query)
    {
        Assert.Empty(SmallIndex.Value.Search(query, 10));
    }

    [Fact]
    public void Search_LimitZero_FindsNothing()
    {
        Assert.Empty(SmallIndex.Value.Search("aws", 0));
    }

    [Fact]
    public void Search_ManyMatches_ReturnsAtMostTheLimitBestFirst()
    {
        var hits = SmallIndex.Value.Search("aws", 3);

        Assert.Equal(3, hits.Count);
        Assert.True(hits[0].Score >= hits[1].Score && hits[1].Score >= hits[2].Score);
    }

    [Fact]
    public void Search_NoMatch_FindsNothing()
    {
        Assert.Empty(SmallIndex.Value.Search("zzzqqxx", 10));
    }

    [Fact]
    public void Search_ExactAliasBeatsNameWordsBeatsTypo()
    {
        var index = new CatalogueSearchIndex(
        [
            Entry("T-001", "Cloud Widget Expert", aliases: ["CWE"]),
            Entry("T-002", "CWE Handbook Reader"),
            Entry("T-003", "Cwf Operator"),
        ]);

        var hits = index.Search("cwe", 10);

        Assert.Equal(["T-001", "T-002"], hits.Select(h => h.Entry.Code));
    }

    [Fact]
    public void Search_AllWordsMatchedBeatsSomeWordsMatched()
    {
        var index = new CatalogueSearchIndex(
        [
            Entry("T-001", "Bridge Inspector"),
            Entry("T-002", "Senior Bridge Inspector Tunnel"),
        ]);

        var hits = index.Search("tunnel bridge", 10);

        Assert.Equal("T-002", hits[0].Entry.Code);
        Assert.Equal(2, hits.Count);
    }

    [Fact]
    public void Search_EqualScores_AreOrderedByCode()
    {
        var index = new CatalogueSearchIndex(
        [
            Entry("T-003", "Pump Engineer C"),
            Entry("T-001", "Pump Engineer A"),
            Entry("T-002", "Pump Engineer B"),
        ]);

        var hits = index.Search("pump", 10);

        Assert.Equal(["T-001", "T-002", "T-003"], hits.Select(h => h.Entry.Code));
    }

    [Theory]
    [InlineData("valve inspecter", "T-001")]
    [InlineData("vavle inspector", "T-001")]
    [InlineData("inspector valve", "T-001")]
    [InlineData("VALVE   INSPECTOR", "T-001")]
    [InlineData("ｖａｌｖｅ", "T-001")]
    [InlineData("valveinspector", "T-001")]
    [InlineData("insp", "T-001")]
    public void Search_ForgivesTyposOrderSpacingCaseAndWidth(string query, string expectedCode)
    {
        var index = new CatalogueSearchIndex(
        [
            Entry("T-001", "Valve Inspector"),
            Entry("T-002", "Boiler Operator"),
        ]);

        Assert.Equal(expectedCode, index.Search(query, 10)[0].Entry.Code);
    }

    [Fact]
    public void Search_ShortCodeWithOneTypo_DoesNotMatchAnotherCode()
    {
        var index = new CatalogueSearchIndex([Entry("T-001", "Network Thing", aliases: ["CCNA"])]);

        Assert.Empty(index.Search("ccnp", 10));
    }

    [Fact]
    public void Search_FindsIssuerNamesInBothLanguages()
    {
        var index = new CatalogueSearchIndex(
        [
            Entry("T-001", "Thing One", issuerEn: "Acme Institute", issuerZh: "阿克米学会"),
            Entry("T-002", "Thing Two"),
        ]);

        Assert.Equal("T-001", index.Search("acme", 10)[0].Entry.Code);
        Assert.Equal("T-001", index.Search("阿克米", 10)[0].Entry.Code);
    }

    [Fact]
    public void Search_FindsExamCodesInNotes()
    {
        var index = new CatalogueSearchIndex(
        [
            Entry("T-001", "Thing One", notes: "associate tier; exam QQ-X07; validity: 3y"),
            Entry("T-002", "Thing Two"),
        ]);

        Assert.Equal("T-001", index.Search("qqx07", 10).Single().Entry.Code);
    }

    [Fact]
    public void Search_FromManyThreadsAtOnce_GivesTheSameAnswers()
    {
        var index = SmallIndex.Value;
        string[] queries = ["az305", "思科 专家", "frics", "chartered engineer", "aws saa"];
        var expected = queries.Select(q => index.Search(q, 5)[0].Entry.Code).ToArray();

        Parallel.For(0, 2000, i =>
        {
            var q = i % queries.Length;
            Assert.Equal(expected[q], index.Search(queries[q], 5)[0].Entry.Code);
        });
    }

    private static CatalogueEntry Entry(
        string code,
        string nameEn,
        string nameZh = "",
        IReadOnlyList<string>? aliases = null,
        string issuerEn = "Issuer",
        string issuerZh = "发证机构",
        string notes = "") =>
        new(code, "IT", TitleLevel.Engineer, nameEn, nameZh, "", issuerEn, issuerZh, "US", "computer-software",
            aliases ?? [], EntryBasis.Illustrative, new(notes, ""));
}
