using TitleBridge.Domain.Eligibility;
using static TitleBridge.Domain.Tests.Eligibility.T;

namespace TitleBridge.Domain.Tests.Eligibility;

public class DayArithmeticTests
{
    [Theory]
    [InlineData("2020-03-01", 2, 0, "2022-03-01")] // policy.md COUNT example
    [InlineData("2020-02-29", 1, 0, "2021-03-01")] // no 29 February in 2021: complete the day after 28 February
    [InlineData("2020-02-29", 4, 0, "2024-02-29")]
    [InlineData("2019-02-28", 1, 0, "2020-02-28")]
    [InlineData("2021-01-31", 0, 1, "2021-03-01")] // no 31 February
    [InlineData("2020-01-31", 0, 1, "2020-03-01")] // no 31 February in a leap year either
    [InlineData("2021-03-31", 0, 1, "2021-05-01")]
    [InlineData("2021-11-15", 0, 3, "2022-02-15")]
    [InlineData("2021-01-15", 0, 0, "2021-01-15")]
    public void AnniversaryAfter_YearsAndMonths_IsTheCompletionDay(string start, int years, int months, string expected) =>
        Assert.Equal(D(expected), Anniversary.After(D(start), years, months));
}
