using BenchmarkDotNet.Attributes;
using RulesEngine.Models;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Bench;

/// <summary>
/// One eligibility evaluation (3 qualifications, 6 work periods, every rule for every level) beside the
/// UP rule alone written for Microsoft's RulesEngine. RulesEngine gets the time facts already computed
/// (it has no interval arithmetic), so the comparison flatters it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EligibilityBenchmarks
{
    private EligibilityEvaluator _evaluator = null!;
    private EligibilityRequest _person = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private UpFacts _facts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var ruleSet = RuleSetLoader.LoadFile(Path.Combine(root, "data", "policy", "guangzhou-engineering-2025.json")).Value;
        var reference = ReferenceData.Load(Path.Combine(root, "data", "catalogue"), Path.Combine(root, "data", "catalogue", "guangzhou-2025-edition.json"));
        var catalogue = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal)
        {
            ["GZ2025-IT-001"] = Entry("GZ2025-IT-001", TitleLevel.AssistantEngineer, "computer-networks", "validity: 3y"),
            ["GZ2025-IT-023"] = Entry("GZ2025-IT-023", TitleLevel.Engineer, "computer-networks", "validity: 3y"),
            ["GZ2025-EC-041"] = Entry("GZ2025-EC-041", TitleLevel.SeniorEngineer, "architecture", "validity: 5y"),
        };
        _evaluator = new EligibilityEvaluator(ruleSet, catalogue, reference);
        _person = new EligibilityRequest(
            new DateOnly(2026, 6, 1),
            [
                new QualificationHeld("GZ2025-IT-001", new DateOnly(2016, 3, 1),
                    [new ValidityPeriod(new DateOnly(2016, 3, 1), new DateOnly(2019, 2, 28)), new ValidityPeriod(new DateOnly(2019, 3, 5), new DateOnly(2022, 3, 4)), new ValidityPeriod(new DateOnly(2022, 3, 5), new DateOnly(2025, 3, 4)), new ValidityPeriod(new DateOnly(2025, 3, 5), new DateOnly(2028, 3, 4))]),
                new QualificationHeld("GZ2025-IT-023", new DateOnly(2024, 2, 29)),
                new QualificationHeld("GZ2025-EC-041", new DateOnly(2015, 1, 1)),
            ],
            new DegreeHeld("master", new DateOnly(2012, 7, 1)),
            [
                new WorkPeriod(new DateOnly(2010, 9, 1), new DateOnly(2012, 6, 30), "computer-software", false, false, "GB"),
                new WorkPeriod(new DateOnly(2012, 8, 1), new DateOnly(2015, 12, 31), "computer-networks", false, true, "HK"),
                new WorkPeriod(new DateOnly(2015, 6, 1), new DateOnly(2016, 6, 30), "data-ai", false, false, "HK"),
                new WorkPeriod(new DateOnly(2016, 7, 1), new DateOnly(2019, 12, 31), "architecture", false, true, "SG"),
                new WorkPeriod(new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31), "computer-networks", true, true),
                new WorkPeriod(new DateOnly(2023, 1, 1), null, "information-security", true, true),
            ]);

        // The UP rule (policy.md §3) as a RulesEngine lambda over precomputed facts; thresholds are inputs, not literals.
        var up = new Workflow
        {
            WorkflowName = "UP",
            Rules =
            [
                new Rule
                {
                    RuleName = "UP",
                    RuleExpressionType = RuleExpressionType.LambdaExpression,
                    Expression = "input1.TargetLevel == input1.EntryLevel + 1 && input1.Catalogued && input1.Valid && input1.Local"
                        + " && input1.CountingDay >= input1.HoldCompleteDay"
                        + " && input1.WorkYearsRequired >= 0 && input1.ExperienceUnits >= input1.WorkYearsRequired * input1.DaysPerYear * input1.UnitsPerDay",
                },
            ],
        };
        _rulesEngine = new RulesEngine.RulesEngine([up], new ReSettings());
        _facts = new UpFacts
        {
            TargetLevel = 2, EntryLevel = 1, Catalogued = true, Valid = true, Local = true,
            CountingDay = new DateOnly(2026, 6, 1).DayNumber, HoldCompleteDay = new DateOnly(2018, 3, 1).DayNumber,
            WorkYearsRequired = ruleSet.UpThresholdFrom(TitleLevel.AssistantEngineer)!.WorkYearsFor(DegreeLevel.Master) ?? -1,
            ExperienceUnits = 9000, DaysPerYear = ruleSet.Eligibility.ExperienceDaysPerYear.Value, UnitsPerDay = ruleSet.Eligibility.PartTimeFactor.Value.Denominator,
        };
        _upEntry = catalogue["GZ2025-IT-001"];
        _met =
        [
            ValidRule.Instance.Check(_upEntry.Code, RuleOutcome.Met, ReasonCode.ValidNoExpiry),
            LocalRule.Instance.Check(_upEntry.Code, RuleOutcome.Met, ReasonCode.LocalMet),
            HoldRule.Instance.Check(_upEntry.Code, RuleOutcome.Met, ReasonCode.HoldMet),
            ExpRule.Instance.Check(_upEntry.Code, RuleOutcome.Met, ReasonCode.ExpMet),
        ];
        if (UpWithTitleBridge().Outcome != RuleOutcome.Met || !UpWithRulesEngine() || Evaluate().Levels.Count != TitleLevels.All.Count)
        {
            throw new InvalidOperationException("The benchmark inputs do not evaluate as intended.");
        }
    }

    [Benchmark(Baseline = true, Description = "TitleBridge: full evaluation (9 rules × 3 qualifications × 4 levels)")]
    public EligibilityResult Evaluate() => _evaluator.Evaluate(_person);

    [Benchmark(Description = "TitleBridge: full evaluation + compose every bilingual reason")]
    public int EvaluateAndComposeReasons()
    {
        var length = 0;
        foreach (var level in _evaluator.Evaluate(_person).Levels)
        {
            foreach (var check in level.Trace)
            {
                length += check.Reason.Zh.Length;
            }
        }
        return length;
    }

    [Benchmark(Description = "RulesEngine 6.0.1: the UP rule alone, facts precomputed")]
    public bool UpWithRulesEngine() =>
        _rulesEngine.ExecuteAllRulesAsync("UP", _facts).GetAwaiter().GetResult()[0].IsSuccess;

    [Benchmark(Description = "RulesEngine 6.0.1: the UP rule for 3 qualifications × 4 levels, facts precomputed")]
    public int UpWithRulesEngineForThePerson()
    {
        var met = 0;
        for (var i = 0; i < QualificationsTimesLevels; i++)
        {
            met += _rulesEngine.ExecuteAllRulesAsync("UP", _facts).GetAwaiter().GetResult()[0].IsSuccess ? 1 : 0;
        }
        return met;
    }

    [Benchmark(Description = "TitleBridge: the UP rule alone, facts precomputed")]
    public RuleCheck UpWithTitleBridge() =>
        UpRule.Instance.Evaluate(_upEntry.Code, _upEntry, TitleLevel.Engineer, hasThreshold: true, _met[0], _met[1], _met[2], _met[3],
            TimeCondition.Satisfied, TimeCondition.Satisfied, TimeCondition.Satisfied, out _);

    private const int QualificationsTimesLevels = 12;
    private CatalogueEntry _upEntry = null!;
    private RuleCheck[] _met = null!;

    private static CatalogueEntry Entry(string code, TitleLevel level, string specialty, string notes) =>
        new(code, code[7..9], level, code, code, code, "issuer", "issuer", "US", specialty, [], EntryBasis.Illustrative, new(notes, ""));

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found.");
    }
}

/// <summary>The inputs the RulesEngine version of UP needs, computed beforehand.</summary>
public sealed class UpFacts
{
    public int TargetLevel { get; set; }
    public int EntryLevel { get; set; }
    public bool Catalogued { get; set; }
    public bool Valid { get; set; }
    public bool Local { get; set; }
    public int CountingDay { get; set; }
    public int HoldCompleteDay { get; set; }
    public int WorkYearsRequired { get; set; }
    public long ExperienceUnits { get; set; }
    public int DaysPerYear { get; set; }
    public int UnitsPerDay { get; set; }
}
