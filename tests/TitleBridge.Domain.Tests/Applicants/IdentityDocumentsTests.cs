using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Tests.Applicants;

public class IdentityDocumentsTests
{
    // A fixed "today" so the birth-date rule does not depend on the clock.
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static void AssertSingleProblem<T>(Result<T> result, string code)
    {
        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        AssertBilingual(problem);
    }

    internal static void AssertBilingual(Problem problem)
    {
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.En));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.Zh));
        Assert.NotEqual(problem.Message.En, problem.Message.Zh);
    }

    [Theory]
    [InlineData("123456789", "GB", "123456789")]
    [InlineData("E12345678", "CHN", "E12345678")]
    [InlineData("  c01x00t47 ", " de ", "C01X00T47")] // trimmed and upper-cased
    [InlineData("AB123", "US", "AB123")]             // 5 characters, the shortest allowed
    [InlineData("A1234567890123456789", "USA", "A1234567890123456789")] // 20, the longest
    public void CheckPassport_Valid_IsNormalised(string number, string country, string expected)
    {
        var result = IdentityDocuments.CheckPassport(number, country);
        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("", "GB", IdentityDocuments.RequiredCode)]
    [InlineData(null, "GB", IdentityDocuments.RequiredCode)]
    [InlineData("AB12", "GB", IdentityDocuments.PassportLengthCode)]
    [InlineData("A12345678901234567890", "GB", IdentityDocuments.PassportLengthCode)]
    [InlineData("1234 5678", "GB", IdentityDocuments.PassportCharacterCode)]
    [InlineData("12345-678", "GB", IdentityDocuments.PassportCharacterCode)]
    [InlineData("Ｅ12345678", "CN", IdentityDocuments.PassportCharacterCode)] // full-width letter
    [InlineData("护照12345", "CN", IdentityDocuments.PassportCharacterCode)]
    [InlineData("123456789", "", IdentityDocuments.IssuingCountryRequiredCode)]
    [InlineData("123456789", null, IdentityDocuments.IssuingCountryRequiredCode)]
    [InlineData("123456789", "G", IdentityDocuments.IssuingCountryFormatCode)]
    [InlineData("123456789", "GBRT", IdentityDocuments.IssuingCountryFormatCode)]
    [InlineData("123456789", "英国", IdentityDocuments.IssuingCountryFormatCode)]
    [InlineData("123456789", "G1", IdentityDocuments.IssuingCountryFormatCode)]
    public void CheckPassport_Invalid_IsAProblem(string? number, string? country, string code) =>
        AssertSingleProblem(IdentityDocuments.CheckPassport(number, country), code);

    [Fact]
    public void CheckPassport_BadNumberAndNoCountry_ReportsBoth() =>
        Assert.Equal(
            [IdentityDocuments.PassportCharacterCode, IdentityDocuments.IssuingCountryRequiredCode],
            IdentityDocuments.CheckPassport("AB-123", "").Problems.Select(p => p.Code));

    [Theory]
    [InlineData("H12345678", "H12345678")]
    [InlineData("M87654321", "M87654321")]
    [InlineData("h12345678", "H12345678")]
    [InlineData("H1234567801", "H1234567801")] // older permit: 10 digits
    public void CheckHongKongMacaoTravelPermit_Valid(string number, string expected) =>
        Assert.Equal(expected, IdentityDocuments.CheckHongKongMacaoTravelPermit(number).Value);

    [Theory]
    [InlineData("", IdentityDocuments.RequiredCode)]
    [InlineData("12345678", IdentityDocuments.HongKongMacaoFormatCode)]     // no letter
    [InlineData("K12345678", IdentityDocuments.HongKongMacaoFormatCode)]    // neither H nor M
    [InlineData("H1234567", IdentityDocuments.HongKongMacaoFormatCode)]     // 7 digits
    [InlineData("H123456789", IdentityDocuments.HongKongMacaoFormatCode)]   // 9 digits
    [InlineData("H12345678901", IdentityDocuments.HongKongMacaoFormatCode)] // 11 digits
    [InlineData("H1234567A", IdentityDocuments.HongKongMacaoFormatCode)]
    [InlineData("H 12345678", IdentityDocuments.HongKongMacaoFormatCode)]
    public void CheckHongKongMacaoTravelPermit_Invalid_IsAProblem(string number, string code) =>
        AssertSingleProblem(IdentityDocuments.CheckHongKongMacaoTravelPermit(number), code);

    [Theory]
    [InlineData("12345678", "12345678")]           // since 2008-09-25: the lifelong number alone
    [InlineData("0561682001", "0561682001")]       // 2006–2008 Fujian, Jiangsu, Shanghai: no bracket
    [InlineData("0561682001(D)", "0561682001(D)")] // 1992–2008: issuing office in brackets (D: Macao)
    [InlineData("0561682001（b）", "0561682001(B)")] // full-width brackets and lower case are normalised
    [InlineData("0561682001(1)", "0561682001(1)")] // the office code may be a digit
    public void CheckTaiwanTravelPermit_Valid(string number, string expected) =>
        Assert.Equal(expected, IdentityDocuments.CheckTaiwanTravelPermit(number).Value);

    [Theory]
    [InlineData("", IdentityDocuments.RequiredCode)]
    [InlineData("1234567", IdentityDocuments.TaiwanFormatCode)]
    [InlineData("123456789", IdentityDocuments.TaiwanFormatCode)]
    [InlineData("12345678(B)", IdentityDocuments.TaiwanFormatCode)] // the bracket only follows 10 digits
    [InlineData("0561682001(BD)", IdentityDocuments.TaiwanFormatCode)]
    [InlineData("0561682001B", IdentityDocuments.TaiwanFormatCode)]
    [InlineData("T1234567", IdentityDocuments.TaiwanFormatCode)]
    public void CheckTaiwanTravelPermit_Invalid_IsAProblem(string number, string code) =>
        AssertSingleProblem(IdentityDocuments.CheckTaiwanTravelPermit(number), code);

    [Theory]
    [InlineData("11010519491231002X", "11010519491231002X")] // the example of GB 11643-1999
    [InlineData("11010519491231002x", "11010519491231002X")] // lower-case x is normalised
    [InlineData("440524188001010014", "440524188001010014")] // the other example of GB 11643-1999
    [InlineData("440106199003071231", "440106199003071231")] // Tianhe, Guangzhou
    [InlineData("810000199408230021", "810000199408230021")] // residence permit, Hong Kong residents
    [InlineData("820000200002290056", "820000200002290056")] // residence permit, Macao residents; 29 Feb 2000
    [InlineData("830000198511111230", "830000198511111230")] // residence permit, Taiwan residents
    public void CheckResidentIdentityNumber_Valid(string number, string expected)
    {
        var result = IdentityDocuments.CheckResidentIdentityNumber(number, Today);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("", IdentityDocuments.RequiredCode)]
    [InlineData("110105491231002", IdentityDocuments.ResidentIdLengthCode)]     // 15-digit first-generation number
    [InlineData("11010519491231002X1", IdentityDocuments.ResidentIdLengthCode)]
    [InlineData("1101051949123100AX", IdentityDocuments.ResidentIdFormatCode)]  // letter inside
    [InlineData("11010519491231002Y", IdentityDocuments.ResidentIdFormatCode)]  // check character neither digit nor X
    [InlineData("110105 949123100 X", IdentityDocuments.ResidentIdFormatCode)]
    [InlineData("11010519491231002 ", IdentityDocuments.ResidentIdLengthCode)]  // trailing space trimmed: 17 left
    [InlineData("11010519491231002", IdentityDocuments.ResidentIdLengthCode)]
    [InlineData("110105194912310021", IdentityDocuments.ResidentIdCheckCode)]   // should end in X
    [InlineData("440106199003071230", IdentityDocuments.ResidentIdCheckCode)]   // should end in 1
    [InlineData("440106199002301234", IdentityDocuments.ResidentIdBirthDateCode)] // 30 February; check character right
    [InlineData("44010620261231001X", IdentityDocuments.ResidentIdBirthDateFutureCode)] // born 2026-12-31, after "today"
    [InlineData("990106199003071239", IdentityDocuments.ResidentIdAreaCode)]    // no province 99
    [InlineData("710000199003071233", IdentityDocuments.ResidentIdAreaCode)]    // 71 (Taiwan) is not issued; Taiwan residents use 830000
    [InlineData("840000199003071232", IdentityDocuments.ResidentIdAreaCode)]
    public void CheckResidentIdentityNumber_Invalid_IsAProblem(string number, string code) =>
        AssertSingleProblem(IdentityDocuments.CheckResidentIdentityNumber(number, Today), code);

    [Fact]
    public void CheckResidentIdentityNumber_WrongCheckCharacter_SaysWhichItShouldBe()
    {
        var problem = Assert.Single(IdentityDocuments.CheckResidentIdentityNumber("110105194912310021", Today).Problems);
        Assert.Contains("should be X", problem.Message.En, StringComparison.Ordinal);
        Assert.Contains("应为 X", problem.Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckResidentIdentityNumber_BornToday_IsAccepted() =>
        Assert.True(IdentityDocuments.CheckResidentIdentityNumber("440113202401010002", new DateOnly(2024, 1, 1)).Succeeded);

    [Theory]
    [InlineData(IdentityDocumentType.Passport, "123456789", "GB", true)]
    [InlineData(IdentityDocumentType.Passport, "123456789", null, false)]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "M12345678", null, true)]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "12345678", null, true)]
    [InlineData(IdentityDocumentType.ResidentIdentityNumber, "11010519491231002X", null, true)]
    [InlineData(IdentityDocumentType.ResidentIdentityNumber, "12345678", null, false)]
    public void Check_DispatchesByType(IdentityDocumentType type, string number, string? country, bool valid) =>
        Assert.Equal(valid, IdentityDocuments.Check(type, number, country, Today).Succeeded);

    [Theory]
    [InlineData("11010519491231002X", "110***********002X")] // 18: first 3, last 4
    [InlineData("E1234567890123", "E12*******0123")]         // 14: first 3, last 4
    [InlineData("H1234567801", "H1******801")]               // 11: first 2, last 3
    [InlineData("0561682001(D)", "05********(D)")]           // 13: first 2, last 3
    [InlineData("H12345678", "H******78")]                   // 9: first 1, last 2
    [InlineData("12345678", "1*****78")]                     // 8
    [InlineData("AB1234", "A***34")]                         // 6
    [InlineData("AB123", "*****")]                           // 5: too short to show any
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_KeepsOnlyTheEnds(string? number, string expected) =>
        Assert.Equal(expected, IdentityDocuments.Mask(number));

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("123456789")]
    [InlineData("H12345678")]
    public void Mask_ShowsAtMostHalfAndKeepsTheLength(string number)
    {
        var masked = IdentityDocuments.Mask(number);
        Assert.Equal(number.Length, masked.Length);
        Assert.True(masked.Count(c => c == '*') * 2 >= number.Length);
    }
}
