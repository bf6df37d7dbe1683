using TitleBridge.Domain.Catalogue;

namespace TitleBridge.Domain.Tests.TestData;

/// <summary>
/// Catalogue entries built in code for the rule tests, each with only the level, specialty and validity a test needs:
/// importing the official annex into data/catalogue changes none of them. Tests of the shipped file itself read
/// the file (see Catalogue/CatalogueFiles).
/// </summary>
internal static class TestCatalogue
{
    /// <summary>AE, computer-networks, validity none.</summary>
    public const string AeNoExpiry = "TEST-AE-NONE";

    /// <summary>AE, computer-networks, validity 3y.</summary>
    public const string AeThreeYears = "TEST-AE-3Y";

    /// <summary>E, computer-networks, validity 3y.</summary>
    public const string EThreeYears = "TEST-E-3Y";

    /// <summary>E, computer-software, validity none.</summary>
    public const string ENoExpiry = "TEST-E-NONE";

    /// <summary>SE, electronics-communications, validity none.</summary>
    public const string SeNoExpiry = "TEST-SE-NONE";

    /// <summary>A code no entry has.</summary>
    public const string Unknown = "TEST-XX-999";

    public static readonly IReadOnlyDictionary<string, CatalogueEntry> Entries = new[]
    {
        Entry(AeNoExpiry, TitleLevel.AssistantEngineer, "computer-networks", "none", "Test Network Fundamentals", "测试网络基础"),
        Entry(AeThreeYears, TitleLevel.AssistantEngineer, "computer-networks", "3y", "Test Cloud Practitioner", "测试云从业者"),
        Entry(EThreeYears, TitleLevel.Engineer, "computer-networks", "3y", "Test Cloud Architect Professional", "测试云架构师专业级"),
        Entry(ENoExpiry, TitleLevel.Engineer, "computer-software", "none", "Test Software Engineer Examination", "测试软件工程师考试"),
        Entry(SeNoExpiry, TitleLevel.SeniorEngineer, "electronics-communications", "none", "Test Senior Member", "测试高级会员"),
    }.ToDictionary(e => e.Code, StringComparer.Ordinal);

    public static CatalogueEntry? Find(string code) => Entries.TryGetValue(code, out var entry) ? entry : null;

    private static CatalogueEntry Entry(string code, TitleLevel level, string specialty, string validity, string nameEn, string nameZh) =>
        new(code, "IT", level, nameEn, nameZh, "", "Test Issuer", "测试发证机构", "US", specialty, [], EntryBasis.Illustrative, new("validity: " + validity, "有效期：" + validity));
}
