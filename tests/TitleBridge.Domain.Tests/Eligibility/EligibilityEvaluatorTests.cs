using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Tests.TestData;
using static TitleBridge.Domain.Tests.Eligibility.T;
using static TitleBridge.Domain.Tests.TestData.TestCatalogue;

namespace TitleBridge.Domain.Tests.Eligibility;

/// <summary>Rules of policy.md §2–3, one theory per rule or branch; every row owns its person.</summary>
public class EligibilityEvaluatorTests
{
    private static EligibilityResult Evaluate(EligibilityRequest request, RuleSet? ruleSet = null)
    {
        // Every request in these tables is well-formed: business ineligibility is never a validation problem.
        Assert.Empty(EligibilityRequestValidation.Validate(request, TestCatalogue.Find, TestRepo.Reference));
        return TestRepo.Evaluator(ruleSet).Evaluate(request);
    }

    private static RuleCheck Line(EligibilityResult result, TitleLevel level, string ruleId, string? code = null) =>
        result.For(level).Trace.Single(c => c.RuleId == ruleId && (code is null || c.QualificationCode == code || c.QualificationCode is null));

    private static string Status(EligibilityResult result, TitleLevel level) => result.For(level).Status.Code();

    // ---- CAT -------------------------------------------------------------------------------------

    [Fact]
    public void Evaluate_UnknownCatalogueCode_IsCatNotMetForEveryLevelAndNoException()
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(Unknown, D("2020-01-01"))],
            new DegreeHeld("bachelor", D("2010-07-01")), [GuangzhouJob("2012-01-01")]);

        var result = TestRepo.Evaluator().Evaluate(request);

        Assert.All(result.Levels, l => Assert.Equal(EligibilityStatus.NotEligible, l.Status));
        Assert.All(result.Levels, l => Assert.Equal(RuleOutcome.NotMet, l.Trace.Single(c => c.RuleId == "CAT").Outcome));
        Assert.All(result.Levels, l => Assert.All(
            l.Trace.Where(c => c.RuleId is "VALID" or "HOLD" or "LOCAL" or "EXP" or "EQUIV" or "UP"),
            c => Assert.Equal(RuleOutcome.NotApplicable, c.Outcome)));
    }

    // ---- VALID -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(EThreeYears, "2024-01-01", null, "2026-06-01", "eligible", "ValidUntil")]       // 3y from 2024-01-01 runs to 2026-12-31
    [InlineData(EThreeYears, "2023-01-01", null, "2026-06-01", "notEligible", "ValidExpired")]  // expired 2025-12-31: renew it first
    [InlineData(EThreeYears, "2023-06-01", null, "2026-05-31", "eligible", "ValidUntil")]       // last day of validity is included
    [InlineData(EThreeYears, "2023-06-01", null, "2026-06-01", "notEligible", "ValidExpired")]  // the day after
    [InlineData(EThreeYears, "2017-06-01", "2017-06-01..2020-05-31;2020-06-01..2026-12-31", "2026-06-01", "eligible", "ValidUntil")]
    [InlineData(EThreeYears, "2017-06-01", "2017-06-01..2020-05-31;2020-06-01..2023-05-31", "2026-06-01", "notEligible", "ValidExpired")]
    [InlineData(EThreeYears, "2017-06-01", "2017-06-01..2020-05-31;2026-07-01..2029-06-30", "2026-06-01", "notEligible", "ValidExpired")] // renewal starts later
    [InlineData(ENoExpiry, "2001-01-01", null, "2026-06-01", "eligible", "ValidNoExpiry")]     // the entry needs no renewal
    [InlineData(EThreeYears, "2017-06-01", "2017-06-01..", "2026-06-01", "eligible", "ValidNoExpiry")]
    public void Valid_OnTheEvaluationDate_DecidesTheOwnLevel(string code, string obtained, string? periods, string evaluation, string expected, string reason)
    {
        var request = new EligibilityRequest(D(evaluation),
            [new QualificationHeld(code, D(obtained), periods is null ? null : Periods(periods))],
            new DegreeHeld("bachelor", D("2010-07-01")), [GuangzhouJob("2012-01-01", specialty: "computer-networks")]);

        var result = Evaluate(request);

        Assert.Equal(expected, Status(result, TitleLevel.Engineer));
        Assert.Equal(reason, Line(result, TitleLevel.Engineer, "VALID").ReasonCode.ToString());
    }

    // ---- HOLD (AE qualification, applying one up for Engineer: holdYears 2) ------------------------

    [Theory]
    [InlineData("2020-03-01..", "2022-03-01", "eligible", null)]                      // exactly on the 2nd anniversary
    [InlineData("2020-03-01..", "2022-02-28", "eligibleFrom", "2022-03-01")]          // one day before
    [InlineData("2020-02-29..", "2022-02-28", "eligibleFrom", "2022-03-01")]          // 29 February: complete on 1 March
    [InlineData("2020-02-29..", "2022-03-01", "eligible", null)]
    [InlineData("2019-01-01..2019-12-31;2020-01-01..2027-12-31", "2021-01-01", "eligible", null)]             // renewal the day after: chain continues
    [InlineData("2019-01-01..2019-12-31;2020-01-02..2027-12-31", "2021-06-01", "eligibleFrom", "2022-01-02")] // one day gap: chain restarts
    [InlineData("2016-01-01..2018-12-31;2019-06-01..2020-12-31;2021-01-01..2027-12-31", "2021-03-01", "eligibleFrom", "2021-06-01")] // restarts at the first period after the gap
    [InlineData("2016-01-01..2018-12-31;2018-06-01..2027-12-31", "2019-06-01", "eligible", null)]            // overlapping renewal
    public void Hold_RenewalChain_CountsFromTheStartOfTheUnbrokenChain(string periods, string evaluation, string expected, string? from)
    {
        var parsed = Periods(periods);
        var request = new EligibilityRequest(D(evaluation), [new QualificationHeld(AeThreeYears, parsed[0].From, parsed)],
            new DegreeHeld("doctorate", D("2005-07-01")), [GuangzhouJob("2006-01-01", specialty: "computer-networks")]);

        var engineer = Evaluate(request).For(TitleLevel.Engineer);

        Assert.Equal(expected, engineer.Status.Code());
        Assert.Equal(OptionalD(from), engineer.EligibleFrom);
        if (from is not null)
        {
            Assert.Equal(D(from).Year, engineer.EligibleFromEvaluationYear);
            Assert.Equal(EligibilityRoute.OneUp, engineer.Route);
        }
    }

    [Theory]
    [InlineData(0, 1, "eligible")]        // renewal the day after the last day
    [InlineData(0, 2, "eligibleFrom")]    // one day late: gap
    [InlineData(10, 11, "eligible")]      // within renewalGraceDays
    [InlineData(10, 12, "eligibleFrom")]  // one day beyond the grace
    public void Hold_RenewalGraceDays_DecideWhetherALateRenewalContinuesTheChain(int graceDays, int renewalStartsDaysAfterEnd, string expected)
    {
        var ruleSet = TestRepo.WithEligibility(e => e with { RenewalGraceDays = TestRepo.Default(graceDays) });
        var firstEnd = D("2023-12-31");
        var periods = new List<ValidityPeriod> { new(D("2021-01-01"), firstEnd), new(firstEnd.AddDays(renewalStartsDaysAfterEnd), D("2027-12-31")) };
        var request = new EligibilityRequest(D("2024-06-01"), [new QualificationHeld(AeThreeYears, D("2021-01-01"), periods)],
            new DegreeHeld("doctorate", D("2005-07-01")), [GuangzhouJob("2006-01-01", specialty: "computer-networks")]);

        Assert.Equal(expected, Status(Evaluate(request, ruleSet), TitleLevel.Engineer));
    }

    [Theory]
    [InlineData("doctorate", "2024-06-01", "eligible")]     // E → SE: holdYears 2 for a doctorate
    [InlineData("master", "2024-06-01", "eligibleFrom")]    // holdYears 5 otherwise
    [InlineData("master", "2027-06-01", "eligible")]
    public void Hold_DoctorateException_ShortensTheHoldingPeriodForSeniorEngineer(string degree, string evaluation, string expected)
    {
        var request = new EligibilityRequest(D(evaluation), [new QualificationHeld(ENoExpiry, D("2022-06-01"))],
            new DegreeHeld(degree, D("2005-07-01")), [GuangzhouJob("2006-01-01")]);

        Assert.Equal(expected, Status(Evaluate(request), TitleLevel.SeniorEngineer));
    }

    // ---- LOCAL -------------------------------------------------------------------------------------

    [Theory]
    [InlineData(true, null, "computer-software", "eligible", "LocalMet")]
    [InlineData(true, null, "data-ai", "eligible", "LocalMet")]                                 // same group (ict): similar
    [InlineData(true, null, "civil-structural", "notEligible", "LocalDissimilar")]             // dissimilar specialty
    [InlineData(false, null, "computer-software", "notEligible", "LocalNotInGuangzhou")]       // works abroad
    [InlineData(true, "2026-05-31", "computer-software", "notEligible", "LocalNotInGuangzhou")] // left Guangzhou the day before
    [InlineData(true, "2026-06-01", "computer-software", "eligible", "LocalMet")]               // last day covers the date
    public void Local_WorkInGuangzhouOnTheEvaluationDate_InASimilarSpecialty(bool inGuangzhou, string? to, string specialty, string expected, string reason)
    {
        var work = new WorkPeriod(D("2020-01-01"), OptionalD(to), specialty, inGuangzhou, FullTime: true, Country: inGuangzhou ? null : "GB");
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(ENoExpiry, D("2020-01-01"))],
            new DegreeHeld("bachelor", D("2010-07-01")), [work]);

        var result = Evaluate(request);

        Assert.Equal(expected, Status(result, TitleLevel.Engineer));
        Assert.Equal(reason, Line(result, TitleLevel.Engineer, "LOCAL").ReasonCode.ToString());
    }

    [Theory]
    [InlineData(0, "eligible", null)]
    [InlineData(6, "eligibleFrom", "2026-07-15")]                  // six months from 2026-01-15
    [InlineData(4, "eligible", null)]                              // 2026-05-15 ≤ 2026-06-01
    public void Local_MinLocalMonths_IsATimeCondition(int months, string expected, string? from)
    {
        var ruleSet = TestRepo.WithEligibility(e => e with { MinLocalMonths = TestRepo.Default(months) });
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(ENoExpiry, D("2020-01-01"))],
            new DegreeHeld("bachelor", D("2010-07-01")),
            [OverseasJob("2012-01-01", "2026-01-14"), GuangzhouJob("2026-01-15", "2026-03-31"), GuangzhouJob("2026-04-01")]); // adjacent pieces are one run

        var engineer = Evaluate(request, ruleSet).For(TitleLevel.Engineer);

        Assert.Equal(expected, engineer.Status.Code());
        Assert.Equal(OptionalD(from), engineer.EligibleFrom);
    }

    // ---- EXP (AE qualification held long, applying one up for Engineer) ------------------------------

    public static TheoryData<string, string, WorkPeriod[], int> ExperienceCases => new()
    {
        // degree, awarded, work, days after the start of counting on which the requirement is first met
        { "bachelor", "2020-01-01", [GuangzhouJob("2020-01-01")], 5 * 365 - 1 },
        { "bachelor", "2020-01-01", [GuangzhouJob("2015-01-01")], 5 * 365 - 1 },                          // work before the degree does not count
        { "bachelor", "2020-01-01", [GuangzhouJob("2020-01-01", fullTime: false)], 2 * 5 * 365 - 1 },     // part-time counts half
        { "bachelor", "2020-01-01", [GuangzhouJob("2020-01-01"), GuangzhouJob("2021-01-01", "2022-12-31")], 5 * 365 - 1 },   // overlap counted once
        { "bachelor", "2020-01-01", [GuangzhouJob("2020-01-01"), GuangzhouJob("2020-01-01", fullTime: false)], 5 * 365 - 1 }, // full-time wins on shared days
        { "bachelor", "2020-01-01", [OverseasJob("2020-01-01", "2021-12-31", country: "JP"), GuangzhouJob("2022-01-01")], 5 * 365 - 1 }, // overseas = domestic
        { "bachelor", "2020-01-01", [OverseasJob("2020-01-01", "2021-12-31", specialty: "civil-structural"), GuangzhouJob("2022-01-01")], 5 * 365 - 1 + 731 }, // dissimilar not counted
        { "master", "2020-01-01", [GuangzhouJob("2020-01-01")], 2 * 365 - 1 },
    };

    [Theory]
    [MemberData(nameof(ExperienceCases))]
    public void Exp_EligibleFromIsTheExactFirstDay(string degree, string awarded, WorkPeriod[] work, int firstDayOffset)
    {
        var start = D(awarded);
        var firstDay = start.AddDays(firstDayOffset);
        EligibilityRequest On(DateOnly date) => new(date, [new QualificationHeld(AeNoExpiry, D("2010-01-01"))], new DegreeHeld(degree, start), work);

        var dayBefore = Evaluate(On(firstDay.AddDays(-1))).For(TitleLevel.Engineer);
        var onTheDay = Evaluate(On(firstDay)).For(TitleLevel.Engineer);

        Assert.Equal(EligibilityStatus.EligibleFrom, dayBefore.Status);
        Assert.Equal(firstDay, dayBefore.EligibleFrom);
        Assert.Equal(EligibilityStatus.Eligible, onTheDay.Status);
        Assert.Equal(EligibilityRoute.OneUp, onTheDay.Route);
    }

    [Theory]
    [InlineData("associate")]
    [InlineData("other")]
    public void Exp_DegreeWithoutAValue_CannotGoUpButKeepsItsOwnLevel(string degree)
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2010-01-01"))],
            new DegreeHeld(degree, degree == "other" ? null : D("2005-07-01")), [GuangzhouJob("2006-01-01")]);

        var result = Evaluate(request);

        Assert.Equal(EligibilityStatus.Eligible, result.For(TitleLevel.AssistantEngineer).Status);
        Assert.Equal(EligibilityStatus.NotEligible, result.For(TitleLevel.Engineer).Status);
        Assert.Equal(ReasonCode.ExpDegreeNoRoute, Line(result, TitleLevel.Engineer, "EXP").ReasonCode);
    }

    [Fact]
    public void Exp_WorkEndingBeforeTheThreshold_IsNotEligibleRatherThanEligibleFrom()
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2010-01-01"))],
            new DegreeHeld("bachelor", D("2025-01-01")), [GuangzhouJob("2025-01-01", "2026-12-31")]);

        var result = Evaluate(request);

        Assert.Equal(EligibilityStatus.NotEligible, result.For(TitleLevel.Engineer).Status);
        Assert.Equal(ReasonCode.ExpNever, Line(result, TitleLevel.Engineer, "EXP").ReasonCode);
    }

    // ---- EQUIV, UP: the own level and one up, never two --------------------------------------------

    [Theory]
    [InlineData(AeNoExpiry, "eligible", "eligible", "notEligible", "notEligible")]
    [InlineData(ENoExpiry, "notEligible", "eligible", "eligible", "notEligible")]
    [InlineData(SeNoExpiry, "notEligible", "notEligible", "eligible", "eligible")]
    public void EquivAndUp_OwnLevelAndOneAbove_NeverTwo(string code, string ae, string e, string se, string pse)
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(code, D("2005-01-01"))],
            new DegreeHeld("bachelor", D("1995-07-01")), [GuangzhouJob("1996-01-01", specialty: "electronics-communications")]);

        var result = Evaluate(request);

        Assert.Equal([ae, e, se, pse], result.Levels.Select(l => l.Status.Code()));
        Assert.Equal([TitleLevel.AssistantEngineer, TitleLevel.Engineer, TitleLevel.SeniorEngineer, TitleLevel.ProfessorateSeniorEngineer],
            result.Levels.Select(l => l.Level));
    }

    [Fact]
    public void Up_TwoLevelsAbove_IsNotMetWithTheNeverTwoReason()
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2005-01-01"))],
            new DegreeHeld("doctorate", D("1995-07-01")), [GuangzhouJob("1996-01-01")]);

        var result = Evaluate(request);

        Assert.Equal(ReasonCode.UpTwoOrMore, Line(result, TitleLevel.SeniorEngineer, "UP").ReasonCode);
        Assert.Equal(ReasonCode.UpTwoOrMore, Line(result, TitleLevel.ProfessorateSeniorEngineer, "UP").ReasonCode);
        Assert.Equal(ReasonCode.UpNotAbove, Line(result, TitleLevel.AssistantEngineer, "UP").ReasonCode);
        Assert.Equal(EligibilityRoute.Equivalent, result.For(TitleLevel.AssistantEngineer).Route);
        Assert.Equal(EligibilityRoute.OneUp, result.For(TitleLevel.Engineer).Route);
    }

    [Fact]
    public void EligibleFrom_BothHoldingAndExperienceMissing_IsTheLaterDate()
    {
        // Holding: 2 years from 2025-09-01 → 2027-09-01. Experience: master 2 × 365 days from 2025-01-01 → 2026-12-31.
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2025-09-01"))],
            new DegreeHeld("master", D("2025-01-01")), [GuangzhouJob("2025-01-01")]);

        var engineer = Evaluate(request).For(TitleLevel.Engineer);

        Assert.Equal(EligibilityStatus.EligibleFrom, engineer.Status);
        Assert.Equal(D("2027-09-01"), engineer.EligibleFrom);
        Assert.Equal(2027, engineer.EligibleFromEvaluationYear);
        Assert.Equal(AeNoExpiry, engineer.SupportingQualification);
    }

    [Fact]
    public void BestSupport_SeveralQualifications_PrefersTheEquivalentRouteThenTheEarliestDate()
    {
        var request = new EligibilityRequest(D("2026-06-01"),
            [new QualificationHeld(AeNoExpiry, D("2015-01-01")), new QualificationHeld(ENoExpiry, D("2026-01-01"))],
            new DegreeHeld("bachelor", D("2010-07-01")), [GuangzhouJob("2011-01-01")]);

        var engineer = Evaluate(request).For(TitleLevel.Engineer);

        Assert.Equal(EligibilityStatus.Eligible, engineer.Status);
        Assert.Equal(ENoExpiry, engineer.SupportingQualification);
        Assert.Equal(EligibilityRoute.Equivalent, engineer.Route);
    }

    // ---- HELD --------------------------------------------------------------------------------------

    [Theory]
    [InlineData("E", "2020-01-01", "alreadyHeld", "alreadyHeld", "eligible")]
    [InlineData("AE", "2020-01-01", "alreadyHeld", "eligible", "eligible")]
    [InlineData("SE", "2020-01-01", "alreadyHeld", "alreadyHeld", "alreadyHeld")]
    public void Held_TitleAtOrAboveALevel_IsReportedAsAlreadyHeld(string held, string obtained, string ae, string e, string se)
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(ENoExpiry, D("2015-01-01"))],
            new DegreeHeld("doctorate", D("2010-07-01")), [GuangzhouJob("2011-01-01")], [new TitleHeld(held, D(obtained))]);

        var result = Evaluate(request);

        Assert.Equal([ae, e, se], result.Levels.Take(3).Select(l => l.Status.Code()));
    }

    // ---- COUNT -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("days", "2026-03-01", null, "eligibleFrom", "2026-11-01", 2026)]
    [InlineData("days", "2026-03-01", "2026-12-31", "eligible", null, null)]                   // a cycle counts until 31 December
    [InlineData("guangdong-calendar-year", "2026-03-01", null, "eligible", null, null)]        // 2025-01-01 … 2026-12-31: 2 calendar years
    [InlineData("guangdong-calendar-year", "2025-06-01", null, "eligibleFrom", "2026-01-01", 2026)]
    public void Count_ConventionAndCountUntil_DecideWhenTwoYearsAreComplete(string convention, string evaluation, string? countUntil, string expected, string? from, int? year)
    {
        var ruleSet = TestRepo.WithEligibility(e => e with
        {
            CountingConvention = TestRepo.Default(convention == "days" ? CountingConvention.Days : CountingConvention.GuangdongCalendarYear),
        });
        var request = new EligibilityRequest(D(evaluation), [new QualificationHeld(AeNoExpiry, D("2024-11-01"))],
            new DegreeHeld("doctorate", D("2010-07-01")), [GuangzhouJob("2011-01-01")], CountUntil: OptionalD(countUntil));

        var engineer = Evaluate(request, ruleSet).For(TitleLevel.Engineer);

        Assert.Equal(expected, engineer.Status.Code());
        Assert.Equal(OptionalD(from), engineer.EligibleFrom);
        Assert.Equal(year, engineer.EligibleFromEvaluationYear);
    }

    [Fact]
    public void Count_CalendarYearConvention_CountsExperienceFromTheFirstJanuaryAfterTheStart()
    {
        var ruleSet = TestRepo.WithEligibility(e => e with { CountingConvention = TestRepo.Default(CountingConvention.GuangdongCalendarYear) });
        // Master: 2 years. Work from 2024-03-01 counts from 2025-01-01; 730 days reached in 2026 → evaluation year 2026.
        EligibilityRequest On(string date) => new(D(date), [new QualificationHeld(AeNoExpiry, D("2010-01-01"))],
            new DegreeHeld("master", D("2024-02-01")), [GuangzhouJob("2024-03-01")]);

        Assert.Equal(EligibilityStatus.EligibleFrom, Evaluate(On("2025-12-31"), ruleSet).For(TitleLevel.Engineer).Status);
        Assert.Equal(D("2026-01-01"), Evaluate(On("2025-12-31"), ruleSet).For(TitleLevel.Engineer).EligibleFrom);
        Assert.Equal(EligibilityStatus.Eligible, Evaluate(On("2026-01-01"), ruleSet).For(TitleLevel.Engineer).Status);
    }

    // ---- the trace -----------------------------------------------------------------------------------

    [Fact]
    public void Trace_EveryLevel_HasEveryRuleForEveryQualificationWithBothLanguages()
    {
        var request = new EligibilityRequest(D("2026-06-01"),
            [new QualificationHeld(AeThreeYears, D("2025-01-01")), new QualificationHeld("NOPE", D("2020-01-01")), new QualificationHeld(EThreeYears, D("2019-01-01"))],
            new DegreeHeld("master", D("2015-07-01")),
            [GuangzhouJob("2016-01-01", "2020-12-31", fullTime: false), OverseasJob("2021-01-01", "2022-12-31"), GuangzhouJob("2023-01-01", specialty: "civil-structural")],
            [new TitleHeld("AE", D("2018-01-01"))]);

        var result = TestRepo.Evaluator().Evaluate(request);

        Assert.Equal(4, result.Levels.Count);
        foreach (var level in result.Levels)
        {
            Assert.Equal(1 + 8 * 3, level.Trace.Count);
            Assert.Equal("HELD", level.Trace[0].RuleId);
            Assert.Equal(["CAT", "VALID", "HOLD", "LOCAL", "EXP", "EQUIV", "UP", "COUNT"], level.Trace.Skip(1).Take(8).Select(c => c.RuleId));
            Assert.All(level.Trace, c =>
            {
                Assert.False(string.IsNullOrWhiteSpace(c.Reason.En));
                Assert.False(string.IsNullOrWhiteSpace(c.Reason.Zh));
                Assert.False(string.IsNullOrWhiteSpace(c.Rule.Source));
            });
        }
    }

    [Fact]
    public void Rules_EveryRule_HasAStableIdAndASource()
    {
        Assert.Equal(["HELD", "CAT", "VALID", "HOLD", "LOCAL", "EXP", "EQUIV", "UP", "COUNT"], EligibilityRule.All.Select(r => r.Id));
        Assert.All(EligibilityRule.All, r => Assert.Matches(@"\[(published|national|precedent|default)\]", r.Source));
    }

    [Fact]
    public void Request_HasNoNationality()
    {
        var names = typeof(EligibilityRequest).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(EligibilityRequest).Namespace)
            .SelectMany(t => t.GetProperties().Select(p => p.Name));
        Assert.DoesNotContain(names, n => n.Contains("Nationality", StringComparison.OrdinalIgnoreCase) || n.Contains("Citizenship", StringComparison.OrdinalIgnoreCase));
    }
}
