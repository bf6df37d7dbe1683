using System.Text.Json.Nodes;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using static TitleBridge.Domain.Tests.Eligibility.T;

namespace TitleBridge.Domain.Tests.Eligibility;

public class RuleSetLoaderTests
{
    private static JsonObject RealFile() => JsonNode.Parse(File.ReadAllText(TestRepo.PolicyFile))!.AsObject();

    [Fact]
    public void Load_TheGuangzhou2025File_HasEveryParameterOfThePolicy()
    {
        var ruleSet = RuleSetLoader.LoadFile(TestRepo.PolicyFile).Value;

        Assert.Equal("guangzhou-engineering", ruleSet.Id);
        Assert.Equal(0, ruleSet.Eligibility.RenewalGraceDays.Value);
        Assert.False(ruleSet.Eligibility.RenewalGraceDays.ConfirmedForGuangzhou);
        Assert.Equal(0, ruleSet.Eligibility.MinLocalMonths.Value);
        Assert.Equal(new Fraction(1, 2), ruleSet.Eligibility.PartTimeFactor.Value);
        Assert.Equal(365, ruleSet.Eligibility.ExperienceDaysPerYear.Value);
        Assert.Equal(CountingConvention.Days, ruleSet.Eligibility.CountingConvention.Value);

        var seniorRow = ruleSet.UpThresholdFrom(TitleLevel.Engineer)!;
        Assert.Equal(5, seniorRow.HoldYearsFor(DegreeLevel.Master));
        Assert.Equal(2, seniorRow.HoldYearsFor(DegreeLevel.Doctorate));
        Assert.Equal([2, 7, 10, null, null], DegreeLevels.All.Select(seniorRow.WorkYearsFor));
        Assert.Equal([0, 2, 5, null, null], DegreeLevels.All.Select(ruleSet.UpThresholdFrom(TitleLevel.AssistantEngineer)!.WorkYearsFor));
        Assert.Equal([7, 12, 15, null, null], DegreeLevels.All.Select(ruleSet.UpThresholdFrom(TitleLevel.SeniorEngineer)!.WorkYearsFor));
        Assert.Null(ruleSet.UpThresholdFrom(TitleLevel.ProfessorateSeniorEngineer));

        var p = ruleSet.Procedure;
        Assert.Equal([10, 5, 5, 7, 30, 3],
            new[] { p.CorrectionWorkingDays, p.PrePublicityWorkingDays, p.ResultPublicityWorkingDays, p.MinCommitteeSize, p.ReexaminationDays, p.IntegrityRecordYears }.Select(s => s.Value));
        Assert.Equal(new Fraction(2, 3), p.QuorumFraction.Value);
        Assert.Equal(new Fraction(2, 3), p.PassFraction.Value);
        Assert.Equal(new Fraction(1, 20), p.SupervisionSampleFraction.Value);
        Assert.Equal(["national-supervision-2024", "default"], p.SupervisionSampleFraction.Cites);
    }

    [Fact]
    public void Load_PrecedentAndDefaultValues_AreNeverConfirmedForGuangzhou()
    {
        var ruleSet = RuleSetLoader.LoadFile(TestRepo.PolicyFile).Value;
        var all = new List<(SourceLabel Label, bool Confirmed, string Source)>();
        void Add<TValue>(Sourced<TValue> s) => all.Add((s.Label, s.ConfirmedForGuangzhou, s.Source));
        Add(ruleSet.Eligibility.RenewalGraceDays); Add(ruleSet.Eligibility.MinLocalMonths); Add(ruleSet.Eligibility.PartTimeFactor);
        Add(ruleSet.Eligibility.CountingConvention); Add(ruleSet.Eligibility.ExperienceDaysPerYear);
        foreach (var row in ruleSet.UpThresholds)
        {
            Add(row.HoldYears);
            foreach (var s in row.HoldYearsByDegree.Values) { Add(s); }
            foreach (var s in row.WorkYearsAfterDegree.Values) { Add(s); }
        }

        Assert.All(all, s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));
        Assert.All(all.Where(s => s.Label is SourceLabel.Precedent or SourceLabel.Default), s => Assert.False(s.Confirmed));
    }

    public static TheoryData<string, Action<JsonObject>, string, string> BrokenFiles => new()
    {
        { "missing grace", j => j["eligibility"]!.AsObject().Remove("renewalGraceDays"), "eligibility.renewalGraceDays", "rule-set.missing" },
        { "grace as text", j => j["eligibility"]!["renewalGraceDays"]!["value"] = "zero", "eligibility.renewalGraceDays.value", "rule-set.ill-typed" },
        { "negative months", j => j["eligibility"]!["minLocalMonths"]!["value"] = -1, "eligibility.minLocalMonths.value", "rule-set.ill-typed" },
        { "unknown convention", j => j["eligibility"]!["countingConvention"]!["value"] = "lunar", "eligibility.countingConvention.value", "rule-set.ill-typed" },
        { "fraction over one", j => j["eligibility"]!["partTimeFactor"]!["value"] = new JsonObject { ["numerator"] = 3, ["denominator"] = 2 }, "eligibility.partTimeFactor.value", "rule-set.ill-typed" },
        { "no source", j => j["procedure"]!["quorumFraction"]!.AsObject().Remove("source"), "procedure.quorumFraction.source", "rule-set.missing" },
        { "precedent marked confirmed", j => j["upThresholds"]![0]!["holdYears"]!["confirmedForGuangzhou"] = true, "upThresholds[0].holdYears.confirmedForGuangzhou", "rule-set.unconfirmed-label" },
        { "forgotten degree", j => j["upThresholds"]![1]!["workYearsAfterDegree"]!.AsObject().Remove("associate"), "upThresholds[1].workYearsAfterDegree.associate", "rule-set.missing" },
        { "two levels up", j => j["upThresholds"]![0]!["to"] = "SE", "upThresholds[0].to", "rule-set.not-one-level-up" },
        { "bad date", j => j["effectiveFrom"] = "25/12/2025", "effectiveFrom", "rule-set.ill-typed" },
        { "no procedure", j => j.Remove("procedure"), "procedure", "rule-set.missing" },
        { "missing integrity record", j => j["procedure"]!.AsObject().Remove("integrityRecordYears"), "procedure.integrityRecordYears", "rule-set.missing" },
        { "missing supervision share", j => j["procedure"]!.AsObject().Remove("supervisionSampleFraction"), "procedure.supervisionSampleFraction", "rule-set.missing" },
        { "no review", j => j.Remove("review"), "review", "rule-set.missing" },
        { "even review group", j => j["review"]!["reviewGroupSize"]!["value"] = 4, "review.reviewGroupSize.value", "rule-set.ill-typed" },
        { "review group of one", j => j["review"]!["reviewGroupSize"]!["value"] = 1, "review.reviewGroupSize.value", "rule-set.ill-typed" },
        { "missing lookback", j => j["review"]!.AsObject().Remove("conflictLookbackYears"), "review.conflictLookbackYears", "rule-set.missing" },
        { "scale upside down", j => j["review"]!["scoring"]!["value"]!["scaleMax"] = 0, "review.scoring.value", "rule-set.ill-typed" },
        { "criterion without weight", j => j["review"]!["scoring"]!["value"]!["criteria"]![0]!.AsObject().Remove("weight"), "review.scoring.value", "rule-set.ill-typed" },
        { "no criteria", j => j["review"]!["scoring"]!["value"]!["criteria"] = new JsonArray(), "review.scoring.value", "rule-set.ill-typed" },
        { "negative group cost", j => j["review"]!["assignmentCosts"]!["value"]!["groupMatch"] = -1, "review.assignmentCosts.value", "rule-set.ill-typed" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Load_BrokenParameter_IsAClearProblemWithItsPath(string because, Action<JsonObject> breakIt, string field, string code)
    {
        var json = RealFile();
        breakIt(json);

        var result = RuleSetLoader.Load(json.ToJsonString());

        Assert.False(result.Succeeded, because);
        Assert.Contains(result.Problems, p => p.Field == field && p.Code == code);
    }

    [Fact]
    public void Load_ReviewSection_HasPolicySection54Values()
    {
        var review = RuleSetLoader.LoadFile(TestRepo.PolicyFile).Value.Review;

        Assert.Equal(3, review.MaxExpertTermYears.Value);
        Assert.Equal(25, review.SeniorCommitteeMinSizeBySeries.Value);
        Assert.Equal(11, review.SeniorCommitteeMinSizeBySpecialty.Value);
        Assert.Equal(3, review.ReviewGroupSize.Value);
        Assert.Equal(3, review.ConflictLookbackYears.Value);
        Assert.Equal(["competence", "achievements", "report"], review.Scoring.Value.Criteria.Select(c => c.Key));
        Assert.Equal(100, review.Scoring.Value.Criteria.Sum(c => c.Weight));
        Assert.False(review.ConflictLookbackYears.ConfirmedForGuangzhou);
    }

    [Fact]
    public void Load_NotJson_IsAProblemNotAnException() =>
        Assert.Equal("rule-set.not-json", Assert.Single(RuleSetLoader.Load("{ nope").Problems).Code);

    [Theory]
    [InlineData("2025-12-24", null)]
    [InlineData("2025-12-25", "2025.1")]
    [InlineData("2026-12-31", "2025.1")]   // evaluations dated before the newer one's effective date keep the earlier version
    [InlineData("2027-01-01", "2027.1")]
    [InlineData("2030-06-01", "2027.1")]
    public void InForceOn_ADate_PicksTheLatestVersionEffectiveByThen(string date, string? expectedVersion)
    {
        var first = TestRepo.RuleSet;
        var second = first with { Version = "2027.1", EffectiveFrom = D("2027-01-01") };
        var catalogue = new RuleSetCatalogue([second, first]);

        Assert.Equal(expectedVersion, catalogue.InForceOn(D(date))?.Version);
    }

    [Fact]
    public void LoadFolder_TheRepositoryPolicyFolder_Loads()
    {
        var result = RuleSetCatalogue.LoadFolder(Path.GetDirectoryName(TestRepo.PolicyFile)!);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
        Assert.Equal("2025.1", result.Value.InForceOn(D("2026-06-01"))!.Version);
    }
}
