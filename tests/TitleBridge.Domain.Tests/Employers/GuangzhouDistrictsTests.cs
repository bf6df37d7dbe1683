using TitleBridge.Domain.Employers;
using TitleBridge.Domain.Tests.Catalogue;
using static TitleBridge.Domain.Tests.Applicants.IdentityDocumentsTests;

namespace TitleBridge.Domain.Tests.Employers;

public class GuangzhouDistrictsTests
{
    private static GuangzhouDistricts LoadReal() =>
        GuangzhouDistricts.LoadFile(Path.Combine(CatalogueFiles.RepoRoot, "data", "reference", "guangzhou-districts.json")).Value;

    [Fact]
    public void RealFile_HasTheElevenDistrictsWithASource()
    {
        var districts = LoadReal();
        Assert.Equal(11, districts.Districts.Count);
        Assert.False(string.IsNullOrWhiteSpace(districts.Source));
    }

    [Theory]
    [InlineData("440103", "荔湾区", "Liwan District")]
    [InlineData("440104", "越秀区", "Yuexiu District")]
    [InlineData("440105", "海珠区", "Haizhu District")]
    [InlineData("440106", "天河区", "Tianhe District")]
    [InlineData("440111", "白云区", "Baiyun District")]
    [InlineData("440112", "黄埔区", "Huangpu District")]
    [InlineData("440113", "番禺区", "Panyu District")]
    [InlineData("440114", "花都区", "Huadu District")]
    [InlineData("440115", "南沙区", "Nansha District")]
    [InlineData("440117", "从化区", "Conghua District")]
    [InlineData("440118", "增城区", "Zengcheng District")]
    public void RealFile_Find_NamesTheDistrictInBothLanguages(string code, string zh, string en)
    {
        var district = LoadReal().Find(code);
        Assert.NotNull(district);
        Assert.Equal(new(en, zh), district.Name);
    }

    [Theory]
    [InlineData("440100")] // the city itself
    [InlineData("440183")] // the former county-level city of Zengcheng, a district since 2014
    [InlineData("440304")] // Futian, Shenzhen
    public void RealFile_Find_OtherCodes_AreNotGuangzhouDistricts(string code) => Assert.Null(LoadReal().Find(code));

    [Fact]
    public void Find_ByAnEmployersCreditCode_GivesItsDistrict() =>
        Assert.Equal("天河区", LoadReal().Find(UnifiedSocialCreditCode.Parse("91440106MA59C1K26Q").Value.DivisionCode)!.Name.Zh);

    [Theory]
    [InlineData("{", GuangzhouDistricts.NotJsonCode)]
    [InlineData("{}", GuangzhouDistricts.IllTypedCode)]
    [InlineData("""{ "districts": [] }""", GuangzhouDistricts.SourceMissingCode)]
    [InlineData("""{ "source": "s", "districts": [ { "code": "440304", "name_zh": "福田区", "name_en": "Futian" } ] }""", GuangzhouDistricts.CodeInvalidCode)]
    [InlineData("""{ "source": "s", "districts": [ { "code": "44010", "name_zh": "x", "name_en": "y" } ] }""", GuangzhouDistricts.CodeInvalidCode)]
    [InlineData("""{ "source": "s", "districts": [ { "code": "440106", "name_zh": "天河区" } ] }""", GuangzhouDistricts.NameMissingCode)]
    [InlineData("""{ "source": "s", "districts": [ { "code": "440106", "name_zh": "天河区", "name_en": "Tianhe" }, { "code": "440106", "name_zh": "天河区", "name_en": "Tianhe" } ] }""", GuangzhouDistricts.CodeDuplicateCode)]
    public void Load_MalformedFile_IsAProblem(string json, string code)
    {
        var problem = Assert.Single(GuangzhouDistricts.Load(json).Problems);
        Assert.Equal(code, problem.Code);
        AssertBilingual(problem);
    }
}
