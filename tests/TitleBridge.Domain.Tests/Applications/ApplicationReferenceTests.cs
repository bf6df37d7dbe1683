using TitleBridge.Domain.Applications;

namespace TitleBridge.Domain.Tests.Applications;

public class ApplicationReferenceTests
{
    [Theory]
    [InlineData(2026, 123, "GZ-2026-000123")]
    [InlineData(2026, 1, "GZ-2026-000001")]
    [InlineData(2030, 999_999, "GZ-2030-999999")]
    [InlineData(2000, 42, "GZ-2000-000042")]
    public void ToString_PadsTheSequenceToSixDigits(int year, int sequence, string expected) =>
        Assert.Equal(expected, ApplicationReference.Create(year, sequence).Value.ToString());

    [Theory]
    [InlineData("GZ-2026-000123", 2026, 123)]
    [InlineData("  GZ-2026-000123 ", 2026, 123)]
    [InlineData("gz-2026-000123", 2026, 123)]
    [InlineData("Gz-2027-999999", 2027, 999_999)]
    public void Parse_WellFormed_ReadsYearAndSequence(string text, int year, int sequence)
    {
        var reference = ApplicationReference.Parse(text).Value;

        Assert.Equal(year, reference.EvaluationYear);
        Assert.Equal(sequence, reference.Sequence);
        Assert.Equal(text.Trim().ToUpperInvariant(), reference.ToString());
    }

    [Theory]
    [InlineData(null, "reference.empty")]
    [InlineData("", "reference.empty")]
    [InlineData("   ", "reference.empty")]
    [InlineData("GZ-2026-123", "reference.format")] // sequence not padded
    [InlineData("GZ-2026-0000123", "reference.format")] // seven digits
    [InlineData("GZ-26-000123", "reference.format")] // two-digit year
    [InlineData("SZ-2026-000123", "reference.format")] // another city's prefix
    [InlineData("GZ2026000123", "reference.format")] // no hyphens
    [InlineData("GZ_2026_000123", "reference.format")]
    [InlineData("GZ-2026-00012a", "reference.format")]
    [InlineData("GZ-２０２６-000123", "reference.format")] // full-width digits
    [InlineData("GZ-2026-+00123", "reference.format")]
    [InlineData("GZ-2026 -000123", "reference.format")]
    [InlineData("GZ-1999-000123", "reference.year-out-of-range")]
    [InlineData("GZ-0000-000123", "reference.year-out-of-range")]
    [InlineData("GZ-2026-000000", "reference.sequence-out-of-range")]
    public void Parse_BadInput_IsRefusedWithAStableCode(string? text, string code)
    {
        var result = ApplicationReference.Parse(text);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.En));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message.Zh));
        Assert.False(ApplicationReference.TryParse(text, out _));
    }

    [Theory]
    [InlineData(1999, 1, "reference.year-out-of-range")]
    [InlineData(10_000, 1, "reference.year-out-of-range")]
    [InlineData(2026, 0, "reference.sequence-out-of-range")]
    [InlineData(2026, -5, "reference.sequence-out-of-range")]
    [InlineData(2026, 1_000_000, "reference.sequence-out-of-range")]
    public void Create_OutOfRange_IsRefused(int year, int sequence, string code) =>
        Assert.Equal(code, Assert.Single(ApplicationReference.Create(year, sequence).Problems).Code);

    [Fact]
    public void Create_BothOutOfRange_ReportsBoth() =>
        Assert.Equal(
            ["reference.year-out-of-range", "reference.sequence-out-of-range"],
            ApplicationReference.Create(12, 0).Problems.Select(p => p.Code));

    [Fact]
    public void FormatThenParse_RoundTripsAndCompares()
    {
        var a = ApplicationReference.Create(2026, 7).Value;
        var b = ApplicationReference.Create(2026, 8).Value;
        var c = ApplicationReference.Create(2027, 1).Value;

        Assert.True(ApplicationReference.TryParse(a.ToString(), out var read));
        Assert.Equal(a, read);
        Assert.Equal([a, b, c], new[] { c, a, b }.Order());
    }

    [Fact]
    public void IParsable_BadInput_ThrowsFormatExceptionWithTheEnglishMessage()
    {
        static T ParseVia<T>(string s) where T : IParsable<T> => T.Parse(s, null);

        Assert.Equal(ApplicationReference.Create(2026, 123).Value, ParseVia<ApplicationReference>("GZ-2026-000123"));
        var error = Assert.Throws<FormatException>(() => ParseVia<ApplicationReference>("GZ-2026-123"));
        Assert.Contains("GZ-2026-000123", error.Message);
    }
}
