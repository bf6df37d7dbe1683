using System.Globalization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Tests.TestData;

namespace TitleBridge.Domain.Tests.Eligibility;

/// <summary>The real policy and reference files of the repository, found by walking up to TitleBridge.slnx; the catalogue entries are <see cref="TestCatalogue"/>'s.</summary>
internal static class TestRepo
{
    public static readonly string Root = FindRoot();

    public static string PolicyFile => Path.Combine(Root, "data", "policy", "guangzhou-engineering-2025.json");

    public static readonly RuleSet RuleSet = RuleSetLoader.LoadFile(PolicyFile).Value;

    public static readonly ReferenceData Reference = ReferenceData.Load(
        Path.Combine(Root, "data", "catalogue"),
        Path.Combine(Root, "data", "catalogue", "guangzhou-2025-edition.json"));

    public static EligibilityEvaluator Evaluator(RuleSet? ruleSet = null) => new(ruleSet ?? RuleSet, TestCatalogue.Entries, Reference);

    public static RuleSet WithEligibility(Func<EligibilityParameters, EligibilityParameters> change) =>
        RuleSet with { Eligibility = change(RuleSet.Eligibility) };

    public static Sourced<T> Default<T>(T value) => new(value, SourceLabel.Default, "test", false);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Short ways to write dates and periods in test tables.</summary>
internal static class T
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalD(string? iso) => string.IsNullOrEmpty(iso) ? null : D(iso);

    /// <summary>"2020-03-01..2021-02-28;2021-03-01.." → validity periods (empty end = no expiry).</summary>
    public static IReadOnlyList<ValidityPeriod> Periods(string text) =>
        text.Split(';').Select(p => p.Split(".."))
            .Select(p => new ValidityPeriod(D(p[0]), OptionalD(p[1]))).ToList();

    public static WorkPeriod GuangzhouJob(string from, string? to = null, string specialty = "computer-software", bool fullTime = true) =>
        new(D(from), OptionalD(to), specialty, InGuangzhou: true, FullTime: fullTime);

    public static WorkPeriod OverseasJob(string from, string? to, string specialty = "computer-software", bool fullTime = true, string country = "US") =>
        new(D(from), OptionalD(to), specialty, InGuangzhou: false, FullTime: fullTime, Country: country);
}
