using TitleBridge.Domain.Certificates;

namespace TitleBridge.Domain.Tests.Certificates;

public sealed class CertificateIdentifiersTests
{
    [Theory]
    [InlineData(2026, 1)]
    [InlineData(2026, 999_999)]
    [InlineData(2031, 4711)]
    public void Number_RoundTrips_AndHasItsFixedFormat(int year, int sequence)
    {
        var number = new CertificateNumber(year, sequence);
        var text = number.ToString();
        Assert.Matches(@"^GZZC-\d{4}-\d{6}-[0-9X]$", text);
        Assert.Equal(number, CertificateNumber.TryParse(text.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("GZZC-2026-000001")]
    [InlineData("GZ-2026-000001-1")]
    [InlineData("GZZC-2026-00001-1")]
    [InlineData("")]
    [InlineData(null)]
    public void Number_Malformed_IsNotANumber(string? text) => Assert.Null(CertificateNumber.TryParse(text));

    [Fact]
    public void Number_OneMistypedDigitOrTwoSwappedDigits_FailTheCheck()
    {
        var text = new CertificateNumber(2026, 123_456).ToString();
        for (var i = 10; i < 16; i++)
        {
            var digit = (char)('0' + (text[i] - '0' + 1) % 10);
            Assert.Null(CertificateNumber.TryParse(text[..i] + digit + text[(i + 1)..]));
        }
        var swapped = text[..10] + text[11] + text[10] + text[12..];
        Assert.Null(CertificateNumber.TryParse(swapped));
    }

    [Fact]
    public void Code_IsTenCrockfordCharacters_AndCodesDiffer()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => VerificationCode.New()).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", c));
        Assert.Equal(200, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("7K3QD-9XW2M", "7k3qd9xw2m", true)]
    [InlineData("7K3QD-9XW2M", " 7K3QD 9XW2M ", true)]
    [InlineData("10000-00000", "lO000-0oooo", true)]
    [InlineData("7K3QD-9XW2M", "7K3QD-9XW2N", false)]
    [InlineData("7K3QD-9XW2M", "7K3QD-9XW2", false)]
    [InlineData("7K3QD-9XW2M", "", false)]
    [InlineData("7K3QD-9XW2M", null, false)]
    public void Code_MatchesAsPeopleTypeIt(string stored, string? typed, bool matches) =>
        Assert.Equal(matches, VerificationCode.Matches(stored, typed));

    [Theory]
    [InlineData("张三明", "张*明")]
    [InlineData("张三", "张*")]
    [InlineData("欧阳明华", "欧**华")]
    [InlineData("John Smith", "J*** S***")]
    [InlineData("maria da silva", "M*** D*** S***")]
    [InlineData("Jean-Luc Picard", "J*** L*** P***")]
    [InlineData("", "")]
    public void Names_AreMaskedAsPublicNoticesShowThem(string name, string masked) => Assert.Equal(masked, NameMasking.Mask(name));
}
