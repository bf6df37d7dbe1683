using CsCheck;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Tests.TestData;
using static TitleBridge.Domain.Tests.Eligibility.T;
using static TitleBridge.Domain.Tests.TestData.TestCatalogue;

namespace TitleBridge.Domain.Tests.Eligibility;

/// <summary>Properties of policy.md §2–3 over random people: time only ever helps, and how periods are cut never matters.</summary>
public class EligibilityPropertyTests
{
    private static readonly DateOnly Base = D("2026-06-01");
    private static readonly string[] Codes = [AeNoExpiry, AeThreeYears, EThreeYears, ENoExpiry, SeNoExpiry];
    private static readonly string[] Specialties = ["computer-software", "computer-networks", "electronics-communications", "civil-structural"];
    private static readonly string[] Degrees = ["doctorate", "master", "bachelor", "associate", "other"];

    private static readonly Gen<WorkPeriod> GenWork =
        Gen.Select(Gen.Int[0, 9000], Gen.Int[0, 4000], Gen.Bool, Gen.OneOf(Specialties), Gen.Bool, Gen.Bool)
            .Select(x => new WorkPeriod(Base.AddDays(-x.Item1), x.Item3 ? null : Base.AddDays(-x.Item1 + x.Item2), x.Item4, x.Item5, x.Item6));

    private static readonly Gen<QualificationHeld> GenQualification =
        Gen.Select(Gen.OneOf(Codes), Gen.Int[0, 6000]).Select((code, daysAgo) => new QualificationHeld(code, Base.AddDays(-daysAgo)));

    private static readonly Gen<EligibilityRequest> GenPerson =
        Gen.Select(GenQualification.Array[1, 3], Gen.OneOf(Degrees), Gen.Int[0, 9000], GenWork.Array[0, 6], Gen.Int[0, 800])
            .Select((quals, degree, awardedDaysAgo, work, later) => new EligibilityRequest(
                Base.AddDays(later), quals, new DegreeHeld(degree, Base.AddDays(-awardedDaysAgo)), work));

    private static readonly EligibilityEvaluator Evaluator = TestRepo.Evaluator();

    /// <summary>About a quarter of random people are eligible for something; enough samples reach every status and route.</summary>
    private const int Iterations = 2000;

    private static void NeverLower(EligibilityResult before, EligibilityResult after)
    {
        for (var i = 0; i < before.Levels.Count; i++)
        {
            var (b, a) = (before.Levels[i], after.Levels[i]);
            var ok = b.Status switch
            {
                EligibilityStatus.Eligible => a.Status == EligibilityStatus.Eligible,
                EligibilityStatus.EligibleFrom => a.Status == EligibilityStatus.Eligible
                    || (a.Status == EligibilityStatus.EligibleFrom && a.EligibleFrom <= b.EligibleFrom),
                EligibilityStatus.AlreadyHeld => a.Status == EligibilityStatus.AlreadyHeld,
                _ => true,
            };
            Assert.True(ok, $"{b.Level}: {b.Status} {b.EligibleFrom} became {a.Status} {a.EligibleFrom}");
        }
    }

    [Fact]
    public void MoreExperience_NeverLowersAStatus() =>
        Gen.Select(GenPerson, GenWork).Sample(iter: Iterations, assert: (person, extra) =>
        {
            var before = Evaluator.Evaluate(person);
            var after = Evaluator.Evaluate(person with { Work = [.. person.Work!, extra] });
            NeverLower(before, after);
        });

    [Fact]
    public void LongerHoldingPeriod_NeverLowersAStatus() =>
        Gen.Select(GenPerson, Gen.Int[1, 4000]).Sample(iter: Iterations, assert: (person, earlierBy) =>
        {
            // The same validity on the evaluation date, with an earlier unbroken start of the renewal chain.
            var first = person.Qualifications![0];
            var obtained = first.ObtainedOn!.Value;
            var years = TestCatalogue.Find(first.Code!)!.ValidityYears;
            var current = new ValidityPeriod(obtained, years is { } y ? Anniversary.After(obtained, y).AddDays(-1) : null);
            var shorter = first with { ValidityPeriods = [current] };
            var longer = first with
            {
                ObtainedOn = obtained.AddDays(-earlierBy),
                ValidityPeriods = [new ValidityPeriod(obtained.AddDays(-earlierBy), obtained.AddDays(-1)), current],
            };

            var before = Evaluator.Evaluate(person with { Qualifications = [shorter, .. person.Qualifications.Skip(1)] });
            var after = Evaluator.Evaluate(person with { Qualifications = [longer, .. person.Qualifications.Skip(1)] });
            NeverLower(before, after);
        });

    [Fact]
    public void SplittingAPeriodIntoAdjacentPieces_ChangesNothing() =>
        Gen.Select(GenPerson, GenWork, Gen.Int[0, 3999]).Sample(iter: Iterations, assert: (person, whole, cut) =>
        {
            var from = whole.From!.Value;
            var lastFirstDay = whole.To is { } to ? Math.Min(from.DayNumber + cut, to.DayNumber - 1) : from.DayNumber + cut;
            if (lastFirstDay < from.DayNumber)
            {
                return; // a one-day period cannot be split
            }
            var firstPiece = whole with { To = DateOnly.FromDayNumber(lastFirstDay) };
            var secondPiece = whole with { From = DateOnly.FromDayNumber(lastFirstDay + 1) };

            var before = Evaluator.Evaluate(person with { Work = [.. person.Work!, whole] });
            var after = Evaluator.Evaluate(person with { Work = [.. person.Work!, firstPiece, secondPiece] });

            for (var i = 0; i < before.Levels.Count; i++)
            {
                var (b, a) = (before.Levels[i], after.Levels[i]);
                Assert.Equal((b.Status, b.EligibleFrom, b.SupportingQualification, b.Route), (a.Status, a.EligibleFrom, a.SupportingQualification, a.Route));
                Assert.Equal(b.Trace.Select(c => (c.RuleId, c.Outcome, c.ReasonCode, c.Reason.En)), a.Trace.Select(c => (c.RuleId, c.Outcome, c.ReasonCode, c.Reason.En)));
            }
        });
}
