using System.Text.Json.Nodes;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Tests.TestData;

namespace TitleBridge.Domain.Tests.Eligibility;

public sealed class RuleSetImpactTests
{
    private static readonly DateOnly CountUntil = new(2026, 12, 31);

    /// <summary>The shipped rule set with AE → E after a bachelor's degree asking <paramref name="years"/> years of work.</summary>
    private static RuleSet BachelorNeeds(int years)
    {
        var json = JsonNode.Parse(File.ReadAllText(TestRepo.PolicyFile))!;
        json["version"] = $"bachelor-{years}";
        json["upThresholds"]![0]!["workYearsAfterDegree"]!["bachelor"]!["value"] = years;
        return RuleSetLoader.Load(json.ToJsonString()).Value;
    }

    /// <summary>AE (three years' validity, 2020) held, working in Guangzhou since September 2015, with a degree of 2015.</summary>
    private static EligibilityRequest Person(string degree) => new(CountUntil,
        [new QualificationHeld(TestCatalogue.AeThreeYears, new(2020, 3, 1), [new(new(2020, 3, 1), new(2023, 2, 28)), new(new(2023, 3, 1), new(2026, 2, 28)), new(new(2026, 3, 1), new(2029, 2, 28))])],
        new DegreeHeld(degree, new(2015, 7, 1)),
        [new WorkPeriod(new(2015, 9, 1), null, "computer-networks", true, true, "CN")], null, CountUntil);

    [Fact]
    public void OnlyTheFileTheCandidateTouches_ChangesStatus_AtThatLevel()
    {
        var report = RuleSetImpact.Compare([("bachelor", Person("bachelor")), ("master", Person("master"))],
            TestRepo.Evaluator(), TestRepo.Evaluator(BachelorNeeds(12)));

        Assert.Equal(2, report.Evaluated);
        var file = Assert.Single(report.Changed);
        Assert.Equal("bachelor", file.Key);
        Assert.Equal([new LevelChange(TitleLevel.Engineer, EligibilityStatus.Eligible, EligibilityStatus.EligibleFrom)], file.Changes);
        Assert.Equal([0, 1, 0, 0], report.Levels.Select(l => l.Changed));
        Assert.Equal([0, 1, 0, 0], report.Levels.Select(l => l.NoLongerEligible));
    }

    [Fact]
    public void TheParallelReport_IsTheSingleThreadedOne_InTheFilesOrder()
    {
        var files = Enumerable.Range(0, 400).Select(i => (i, Person(i % 3 == 0 ? "master" : "bachelor"))).ToList();
        var candidate = TestRepo.Evaluator(BachelorNeeds(12));

        var parallel = RuleSetImpact.Compare(files, TestRepo.Evaluator(), candidate);
        var single = RuleSetImpact.Compare(files, TestRepo.Evaluator(), candidate, parallelism: 1);

        Assert.Equal(single.Levels, parallel.Levels);
        Assert.Equal(single.Changed.Select(c => c.Key), parallel.Changed.Select(c => c.Key));
        Assert.Equal(files.Where(f => f.i % 3 != 0).Select(f => f.i), parallel.Changed.Select(c => c.Key));
    }

    [Fact]
    public void TheSameRules_ChangeNothing()
    {
        var report = RuleSetImpact.Compare([(1, Person("bachelor"))], TestRepo.Evaluator(), TestRepo.Evaluator(BachelorNeeds(5)));

        Assert.Empty(report.Changed);
        Assert.All(report.Levels, l => Assert.Equal(0, l.Changed));
    }
}
