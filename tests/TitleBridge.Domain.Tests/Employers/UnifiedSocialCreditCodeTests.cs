using TitleBridge.Domain.Employers;
using static TitleBridge.Domain.Tests.Applicants.IdentityDocumentsTests;

namespace TitleBridge.Domain.Tests.Employers;

/// <summary>
/// GB 32100-2015 codes. The "published" ones are codes shown in public registration records, recalled rather
/// than re-fetched from the registry, so they stand as real-looking codes whose two check characters verify;
/// the "generated" ones were made for these tests with both check characters (GB 11714-1997 for position 17,
/// GB 32100-2015 for position 18) computed by a short Python script, independently of this code.
/// </summary>
public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // published: the example in the brief (Fuzhou, 350100)
    [InlineData("9144030071526726XG")] // published: organisation-code check X (10), Shenzhen
    [InlineData("914403001922038216")] // published, Shenzhen
    [InlineData("91330100716105852F")] // published, Hangzhou
    [InlineData("12100000400000624D")] // published: central public institution (1 机构编制, 2 事业单位), division 100000
    [InlineData("91440106MA59C1K26Q")] // generated: company, Tianhe
    [InlineData("52440104MJL0000AXJ")] // generated: 民办非企业单位 (5 民政, 2), Yuexiu
    [InlineData("92440113L12345674X")] // generated: 个体工商户 (9, 2), Panyu
    [InlineData("Y1440115MA5ABCDE5M")] // generated: other authority (Y), Nansha
    [InlineData("N2440113123456788M")] // generated: village collective (N 农业, 2)
    [InlineData("12440100100000040Q")] // generated: organisation-code check 0 (11)
    [InlineData("914401041000000750")] // generated: final check 0 (31)
    public void Parse_ValidCode_Succeeds(string code)
    {
        var result = UnifiedSocialCreditCode.Parse(code);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
        Assert.Equal(code, result.Value.Value);
    }

    [Theory]
    [InlineData("91440106ma59c1k26q", "91440106MA59C1K26Q")] // lower case is upper-cased (documented on Parse)
    [InlineData("  91350100M000100Y43\t", "91350100M000100Y43")]
    public void Parse_LowerCaseOrSurroundingSpace_IsNormalised(string text, string expected) =>
        Assert.Equal(expected, UnifiedSocialCreditCode.Parse(text).Value.Value);

    [Fact]
    public void Parse_ValidCode_ExposesItsParts()
    {
        var code = UnifiedSocialCreditCode.Parse("91440106MA59C1K26Q").Value;
        Assert.Equal('9', code.RegistrationAuthority);
        Assert.Equal('1', code.OrganisationType);
        Assert.Equal("440106", code.DivisionCode);
        Assert.Equal("MA59C1K26", code.OrganisationCode);
    }

    [Theory]
    [InlineData("", UnifiedSocialCreditCode.RequiredCode, null)]
    [InlineData(null, UnifiedSocialCreditCode.RequiredCode, null)]
    [InlineData("91350100M000100Y4", UnifiedSocialCreditCode.LengthCode, "17 characters")]
    [InlineData("91350100M000100Y433", UnifiedSocialCreditCode.LengthCode, "19 characters")]
    [InlineData("350100M000100Y", UnifiedSocialCreditCode.LengthCode, "14 characters")]
    [InlineData("9135010OM000100Y43", UnifiedSocialCreditCode.CharacterCode, "position 8")]   // letter O for zero
    [InlineData("91350100M000100Y4I", UnifiedSocialCreditCode.CharacterCode, "position 18")]  // I
    [InlineData("Z1350100M000100Y43", UnifiedSocialCreditCode.CharacterCode, "position 1")]   // Z
    [InlineData("91350100M0001S0Y43", UnifiedSocialCreditCode.CharacterCode, "position 14")]  // S
    [InlineData("91350100M000100V43", UnifiedSocialCreditCode.CharacterCode, "position 16")]  // V
    [InlineData("913501 0M000100Y43", UnifiedSocialCreditCode.CharacterCode, "position 7")]   // inner space
    [InlineData("91350100-000100Y43", UnifiedSocialCreditCode.CharacterCode, "position 9")]
    [InlineData("９1350100M000100Y43", UnifiedSocialCreditCode.CharacterCode, "position 1")]  // full-width digit
    [InlineData("91350100M000100Y44", UnifiedSocialCreditCode.CheckCharacterCode, "should be 3")]
    [InlineData("91440106MA59C1K26R", UnifiedSocialCreditCode.CheckCharacterCode, "should be Q")]
    [InlineData("91350100M000100Y56", UnifiedSocialCreditCode.OrganisationCodeCheckCode, "should be 4")] // final check recomputed, so only position 17 is wrong
    [InlineData("B1350100M000100Y41", UnifiedSocialCreditCode.RegistrationAuthorityCode, "Position 1 (B)")]
    [InlineData("90350100M000100Y46", UnifiedSocialCreditCode.OrganisationTypeCode, "Position 2 (0)")]
    [InlineData("9A350100M000100Y47", UnifiedSocialCreditCode.OrganisationTypeCode, "Position 2 (A)")]
    [InlineData("9144A106MA59C1K26L", UnifiedSocialCreditCode.DivisionCodeCode, "44A106")]
    public void Parse_InvalidCode_SaysExactlyWhatIsWrong(string? text, string code, string? enFragment)
    {
        var result = UnifiedSocialCreditCode.Parse(text);
        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal("code", problem.Field);
        if (enFragment is not null)
        {
            Assert.Contains(enFragment, problem.Message.En, StringComparison.Ordinal);
        }
        AssertBilingual(problem);
    }

    [Fact]
    public void Parse_SeveralForbiddenCharacters_AreEachReported() =>
        Assert.Equal(
            ["position 1", "position 9"],
            UnifiedSocialCreditCode.Parse("I1350100O000100Y43").Problems
                .Select(p => p.Message.En.Split(" is not")[0].Split(" at ")[1]));

    [Fact]
    public void Parse_BothCheckCharactersWrong_ReportsBoth() =>
        Assert.Equal(
            [UnifiedSocialCreditCode.OrganisationCodeCheckCode, UnifiedSocialCreditCode.CheckCharacterCode],
            UnifiedSocialCreditCode.Parse("91350100M000100Y53").Problems.Select(p => p.Code));

    [Fact]
    public void CheckCharacter_EverySingleCharacterChange_IsDetected()
    {
        // GB 32100-2015 chose a prime modulus (31) over the 31-character set so any one mistyped character changes the check.
        const string valid = "91440106MA59C1K26Q";
        for (var i = 0; i < 17; i++)
        {
            foreach (var c in UnifiedSocialCreditCode.Characters.Where(c => c != valid[i]))
            {
                var changed = valid[..i] + c + valid[(i + 1)..17];
                Assert.NotEqual('Q', UnifiedSocialCreditCode.CheckCharacter(changed));
            }
        }
    }
}
