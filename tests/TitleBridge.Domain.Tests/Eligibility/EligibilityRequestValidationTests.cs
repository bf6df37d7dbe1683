using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Tests.TestData;
using static TitleBridge.Domain.Tests.Eligibility.T;
using static TitleBridge.Domain.Tests.TestData.TestCatalogue;
using Codes = TitleBridge.Domain.Eligibility.EligibilityRequestValidation.Codes;

namespace TitleBridge.Domain.Tests.Eligibility;

public class EligibilityRequestValidationTests
{
    private static EligibilityRequest Valid() => new(
        D("2026-06-01"),
        [new QualificationHeld(EThreeYears, D("2020-01-01"), [new ValidityPeriod(D("2020-01-01"), D("2022-12-31")), new ValidityPeriod(D("2023-01-01"), D("2025-12-31"))])],
        new DegreeHeld("bachelor", D("2010-07-01")),
        [GuangzhouJob("2012-01-01"), OverseasJob("2008-01-01", "2011-12-31", country: "HK")],
        [new TitleHeld("AE", D("2015-01-01"))]);

    private static IReadOnlyList<(string? Field, string Code)> Problems(EligibilityRequest request) =>
        EligibilityRequestValidation.Validate(request, TestCatalogue.Find, TestRepo.Reference).Select(p => (p.Field, p.Code)).ToList();

    [Fact]
    public void Validate_WellFormedRequest_HasNoProblems() => Assert.Empty(Problems(Valid()));

    [Fact]
    public void Validate_ExpiredQualification_IsNotAValidationProblem()
    {
        // The qualification above expired on 2025-12-31: that is the evaluator's answer, not a shape problem.
        Assert.Empty(Problems(Valid()));
        Assert.Equal(EligibilityStatus.NotEligible, TestRepo.Evaluator().Evaluate(Valid()).For(TitleBridge.Domain.Catalogue.TitleLevel.Engineer).Status);
    }

    public static TheoryData<string, Func<EligibilityRequest, EligibilityRequest>, string, string> Cases => new()
    {
        { "no evaluation date", r => r with { EvaluationDate = null }, "evaluationDate", Codes.Required },
        { "evaluation date before 1900", r => r with { EvaluationDate = D("1899-12-31") }, "evaluationDate", Codes.DateOutOfRange },
        { "count until before evaluation", r => r with { CountUntil = D("2026-05-31") }, "countUntil", Codes.CountUntilBeforeEvaluation },
        { "no qualifications list", r => r with { Qualifications = null }, "qualifications", Codes.Required },
        { "unknown code", r => r with { Qualifications = [new QualificationHeld(Unknown, D("2020-01-01"))] }, "qualifications[0].code", Codes.UnknownQualification },
        { "missing code", r => r with { Qualifications = [new QualificationHeld(null, D("2020-01-01"))] }, "qualifications[0].code", Codes.Required },
        { "missing obtainedOn", r => r with { Qualifications = [new QualificationHeld(EThreeYears, null)] }, "qualifications[0].obtainedOn", Codes.Required },
        { "obtained after evaluation", r => r with { Qualifications = [new QualificationHeld(EThreeYears, D("2026-06-02"))] }, "qualifications[0].obtainedOn", Codes.DateAfterEvaluation },
        { "obtained in the year 3000", r => r with { Qualifications = [new QualificationHeld(EThreeYears, D("3000-01-01"))] }, "qualifications[0].obtainedOn", Codes.DateOutOfRange },
        { "validity period ends before it starts", r => r with { Qualifications = [new QualificationHeld(EThreeYears, D("2020-01-01"), [new(D("2020-01-01"), D("2022-12-31")), new(D("2023-01-01"), D("2022-12-30"))])] }, "qualifications[0].validityPeriods[1].to", Codes.PeriodEndsBeforeStart },
        { "validity period without start", r => r with { Qualifications = [new QualificationHeld(EThreeYears, D("2020-01-01"), [new(null, D("2022-12-31"))])] }, "qualifications[0].validityPeriods[0].from", Codes.Required },
        { "no degree", r => r with { Degree = null }, "degree", Codes.Required },
        { "no degree level", r => r with { Degree = new DegreeHeld(null, D("2010-07-01")) }, "degree.level", Codes.Required },
        { "unknown degree level", r => r with { Degree = new DegreeHeld("diploma", D("2010-07-01")) }, "degree.level", Codes.UnknownDegreeLevel },
        { "bachelor without award date", r => r with { Degree = new DegreeHeld("bachelor", null) }, "degree.awardedOn", Codes.Required },
        { "degree awarded after evaluation", r => r with { Degree = new DegreeHeld("bachelor", D("2027-07-01")) }, "degree.awardedOn", Codes.DateAfterEvaluation },
        { "no work list", r => r with { Work = null }, "work", Codes.Required },
        { "work ends before it starts", r => r with { Work = [GuangzhouJob("2012-01-01", "2011-12-31")] }, "work[0].to", Codes.PeriodEndsBeforeStart },
        { "work without start", r => r with { Work = [new WorkPeriod(null, null, "data-ai", true, true)] }, "work[0].from", Codes.Required },
        { "unknown specialty", r => r with { Work = [GuangzhouJob("2012-01-01", specialty: "astrology")] }, "work[0].specialty", Codes.UnknownSpecialty },
        { "missing specialty", r => r with { Work = [new WorkPeriod(D("2012-01-01"), null, null, true, true)] }, "work[0].specialty", Codes.Required },
        { "missing inGuangzhou", r => r with { Work = [new WorkPeriod(D("2012-01-01"), null, "data-ai", null, true)] }, "work[0].inGuangzhou", Codes.Required },
        { "missing fullTime", r => r with { Work = [new WorkPeriod(D("2012-01-01"), null, "data-ai", true, null)] }, "work[0].fullTime", Codes.Required },
        { "unknown country", r => r with { Work = [OverseasJob("2012-01-01", null, country: "XX")] }, "work[0].country", Codes.UnknownCountryRegion },
        { "work before 1900", r => r with { Work = [GuangzhouJob("1850-01-01")] }, "work[0].from", Codes.DateOutOfRange },
        { "unknown title level", r => r with { TitlesHeld = [new TitleHeld("ZZ", D("2015-01-01"))] }, "titlesHeld[0].level", Codes.UnknownTitleLevel },
        { "title without date", r => r with { TitlesHeld = [new TitleHeld("E", null)] }, "titlesHeld[0].obtainedOn", Codes.Required },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_MalformedField_ReportsItsPathAndStableCode(string because, Func<EligibilityRequest, EligibilityRequest> change, string field, string code)
    {
        var problems = Problems(change(Valid()));

        Assert.True(problems.Contains((field, code)), $"{because}: expected {field} {code}, got {string.Join("; ", problems)}");
    }

    [Fact]
    public void Validate_SeveralProblems_AreAllReportedAtOnceInBothLanguages()
    {
        var request = new EligibilityRequest(null, [new QualificationHeld("NOPE", null)], new DegreeHeld("diploma", null),
            [new WorkPeriod(D("2020-01-01"), D("2019-01-01"), "astrology", null, null)]);

        var problems = EligibilityRequestValidation.Validate(request, TestCatalogue.Find, TestRepo.Reference);

        Assert.Equal(
            ["evaluationDate", "qualifications[0].code", "qualifications[0].obtainedOn", "degree.level", "degree.awardedOn",
             "work[0].to", "work[0].specialty", "work[0].inGuangzhou", "work[0].fullTime"],
            problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message.Zh)));
    }
}
