using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Tests.TestData;
using static TitleBridge.Domain.Tests.Eligibility.T;
using static TitleBridge.Domain.Tests.TestData.TestCatalogue;

namespace TitleBridge.Domain.Tests.Eligibility;

/// <summary>The result in plain words (issue #11): one sentence per level, the one thing that would change a "not yet", and the warnings.</summary>
public class EligibilitySummaryTests
{
    private static LevelSummary Summary(EligibilityRequest request, TitleLevel level)
    {
        Assert.Empty(EligibilityRequestValidation.Validate(request, TestCatalogue.Find, TestRepo.Reference));
        var result = TestRepo.Evaluator().Evaluate(request);
        return EligibilitySummary.Of(result, request, TestCatalogue.Find, TestRepo.RuleSet.Eligibility.RenewalGraceDays.Value).Single(s => s.Level == level);
    }

    public static TheoryData<string, EligibilityRequest, string> NotYet => new()
    {
        {
            "an expired qualification is to be renewed",
            new(D("2026-06-01"), [new QualificationHeld(AeThreeYears, D("2020-01-01"))], new DegreeHeld("bachelor", D("2010-07-01")), [GuangzhouJob("2011-01-01", specialty: "computer-networks")]),
            "Not yet. Renew Test Cloud Practitioner: it is not valid on 2026-06-01."
        },
        {
            "no work in Guangzhou",
            new(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2020-01-01"))], new DegreeHeld("bachelor", D("2010-07-01")), [OverseasJob("2011-01-01", null, "computer-networks")]),
            "Not yet. You would need to be working in Guangzhou, in a field related to " + TestCatalogue.Find(AeNoExpiry)!.NameEn + ", on 2026-06-01."
        },
        {
            "an associate degree closes one level up",
            new(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2010-01-01"))], new DegreeHeld("associate", D("2005-07-01")), [GuangzhouJob("2006-01-01")]),
            "Not yet. With a degree of the level associate (dazhuan), one level up is closed; it needs a bachelor's degree or higher."
        },
        {
            "related work that has ended",
            new(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2010-01-01"))], new DegreeHeld("bachelor", D("2025-01-01")), [GuangzhouJob("2025-01-01", "2026-12-31")]),
            "Not yet. You need 5 years of relevant experience after your degree and no current work in a related field adds to it: related work that continues would change this."
        },
    };

    [Theory]
    [MemberData(nameof(NotYet))]
    public void NotYet_SaysTheOneThingThatWouldChangeIt(string why, EligibilityRequest request, string expected)
    {
        var engineer = Summary(request, TitleLevel.Engineer);

        Assert.True(engineer.Status == EligibilityStatus.NotEligible, why);
        Assert.Equal(expected, engineer.Sentence.En);
        Assert.StartsWith("暂不可以。", engineer.Sentence.Zh);
    }

    [Fact]
    public void NotYet_AQualificationOfAHigherLevel_SaysToApplyForThatLevel()
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(ENoExpiry, D("2015-01-01"))],
            new DegreeHeld("bachelor", D("2010-07-01")), [GuangzhouJob("2011-01-01")]);

        var assistant = Summary(request, TitleLevel.AssistantEngineer);

        Assert.Equal($"Not yet. {TestCatalogue.Find(ENoExpiry)!.NameEn} corresponds to Engineer, a higher level: apply for that level instead.", assistant.Sentence.En);
    }

    [Fact]
    public void EligibleFrom_QualificationExpiringBeforeTheDate_WarnsToRenewIt_AndARenewalAlreadyListedSilencesIt()
    {
        EligibilityRequest With(string periods) => new(D("2026-11-27"), [new QualificationHeld(AeThreeYears, D("2025-06-01"), Periods(periods))],
            new DegreeHeld("master", D("2018-07-01")), [GuangzhouJob("2025-07-01", specialty: "computer-networks")]);

        var expiring = Summary(With("2025-06-01..2027-05-31"), TitleLevel.Engineer);
        var renewed = Summary(With("2025-06-01..2027-05-31;2027-06-01..2030-05-31"), TitleLevel.Engineer);

        Assert.Equal(EligibilityStatus.EligibleFrom, expiring.Status);
        Assert.Equal("Test Cloud Practitioner expires on 2027-05-31, before 2027-06-30 when you need it: renew it so that it is still valid then.",
            Assert.Single(expiring.Warnings).En);
        Assert.Empty(renewed.Warnings);
    }

    [Fact]
    public void Held_NoTitleHeld_DoesNotApply_AndSaysSo()
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2015-01-01"))],
            new DegreeHeld("bachelor", D("2010-07-01")), [GuangzhouJob("2011-01-01")]);

        var held = TestRepo.Evaluator().Evaluate(request).For(TitleLevel.Engineer).Trace[0];

        Assert.Equal(("HELD", RuleOutcome.NotApplicable, "No Chinese title at or above Engineer is held."), (held.RuleId, held.Outcome, held.Reason.En));
    }

    [Fact]
    public void Exp_CountsFromTheFirstRelevantDay_NotFromTheDegree()
    {
        var request = new EligibilityRequest(D("2026-06-01"), [new QualificationHeld(AeNoExpiry, D("2015-01-01"))],
            new DegreeHeld("bachelor", D("2010-07-01")), [GuangzhouJob("2020-01-01", specialty: "computer-networks")]);

        var exp = TestRepo.Evaluator().Evaluate(request).For(TitleLevel.Engineer).Trace.Single(c => c.RuleId == "EXP");

        Assert.StartsWith("2344 days of relevant experience from 2020-01-01 to 2026-06-01;", exp.Reason.En);
    }
}
