using System.Diagnostics;
using System.Text.Json.Nodes;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;

// Rule-set impact (issue #9) at the scale of a large cycle: N files, each evaluated under the rule set in force and
// under a candidate (AE → E after a bachelor's degree: 7 years of work instead of 5), statuses compared level by level.
// The same files are run on every core (Parallel.For) and then on one thread, in the same run.
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var root = args.Length > 1 ? args[1] : ".";
var policy = Path.Combine(root, "data", "policy", "guangzhou-engineering-2025.json");
var current = RuleSetLoader.LoadFile(policy).Value;
var edited = JsonNode.Parse(File.ReadAllText(policy))!;
edited["version"] = "bench-candidate";
edited["upThresholds"]![0]!["workYearsAfterDegree"]!["bachelor"]!["value"] = 7;
var candidate = RuleSetLoader.Load(edited.ToJsonString()).Value;
var reference = ReferenceData.Load(Path.Combine(root, "data", "catalogue"), Path.Combine(root, "data", "catalogue", "guangzhou-2025-edition.json"));

// A catalogue of 40 entries over the four levels and a few specialties; the files draw from it.
string[] specialties = ["computer-networks", "computer-software", "information-security", "data-ai", "architecture"];
var catalogue = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal);
for (var i = 0; i < 40; i++)
{
    var code = $"GZ2025-IT-{i:D3}";
    catalogue[code] = new CatalogueEntry(code, "IT", (TitleLevel)((int)TitleLevel.AssistantEngineer + i % 3), code, code, code, "issuer", "issuer", "US",
        specialties[i % specialties.Length], [], EntryBasis.Illustrative, new BilingualText(i % 2 == 0 ? "validity: 3y" : "", i % 2 == 0 ? "有效期 3 年" : ""));
}
var codes = catalogue.Keys.ToArray();

// Files vary in degree, dates, number of qualifications (1–3) and work periods (1–6): a seeded draw, the same every run.
var random = new Random(20260901);
var countUntil = new DateOnly(2026, 12, 31);
string[] degrees = ["bachelor", "bachelor", "master", "doctorate", "associate"];
var files = new (int Key, EligibilityRequest Request)[count];
for (var f = 0; f < count; f++)
{
    var awarded = new DateOnly(2000 + random.Next(22), 7, 1);
    var qualifications = Enumerable.Range(0, 1 + random.Next(3)).Select(_ =>
    {
        var obtained = awarded.AddMonths(random.Next(12, 120));
        obtained = obtained < countUntil.AddYears(-1) ? obtained : countUntil.AddYears(-1);
        return new QualificationHeld(codes[random.Next(codes.Length)], obtained, [new ValidityPeriod(obtained, obtained.AddYears(3).AddDays(-1)), new ValidityPeriod(obtained.AddYears(3), obtained.AddYears(6).AddDays(-1))]);
    }).ToList();
    var start = awarded.AddMonths(random.Next(0, 6));
    var work = new List<WorkPeriod>();
    for (var w = 1 + random.Next(6); w > 0 && start < countUntil; w--)
    {
        var end = w == 1 ? (DateOnly?)null : start.AddMonths(random.Next(6, 48));
        work.Add(new WorkPeriod(start, end, specialties[random.Next(specialties.Length)], random.Next(3) > 0, random.Next(5) > 0, random.Next(2) == 0 ? "HK" : "CN"));
        start = (end ?? countUntil).AddDays(1 + random.Next(60));
    }
    files[f] = (f, new EligibilityRequest(countUntil, qualifications, new DegreeHeld(degrees[random.Next(degrees.Length)], awarded), work, null, countUntil));
}
CatalogueEntry? Find(string code) => catalogue.GetValueOrDefault(code);
var invalid = files.Count(f => EligibilityRequestValidation.Validate(f.Request, Find, reference).Count > 0);
if (invalid > 0)
{
    Console.Error.WriteLine($"{invalid} generated files do not validate");
    return 1;
}
var before = new EligibilityEvaluator(current, Find, reference);
var after = new EligibilityEvaluator(candidate, Find, reference);

// Warm up (JIT, tiering) on a slice, then measure: all cores, then one thread, each best of three.
RuleSetImpact.Compare(files[..Math.Min(count, 5_000)], before, after);
RuleSetImpact.Compare(files[..Math.Min(count, 5_000)], before, after, parallelism: 1);
(TimeSpan Best, ImpactReport<int> Report) Measure(int parallelism)
{
    var best = TimeSpan.MaxValue;
    ImpactReport<int>? report = null;
    for (var run = 0; run < 3; run++)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        report = RuleSetImpact.Compare(files, before, after, parallelism);
        best = clock.Elapsed < best ? clock.Elapsed : best;
    }
    return (best, report!);
}
var (parallel, report) = Measure(-1);
var (single, same) = Measure(1);
if (same.Changed.Count != report.Changed.Count || !same.Levels.SequenceEqual(report.Levels))
{
    Console.Error.WriteLine("the single-threaded and parallel reports differ");
    return 1;
}
var evaluations = 2.0 * count;
var perEvaluation = single.TotalMicroseconds / evaluations;
Console.WriteLine($"files: {count}, cores: {Environment.ProcessorCount}, changed: {report.Changed.Count} ("
    + string.Join(", ", report.Levels.Select(l => $"{l.Level.Code()} {l.Changed}")) + ")");
Console.WriteLine($"single thread: {single.TotalSeconds:F2} s = {perEvaluation:F2} µs per evaluation ({evaluations:N0} evaluations)");
Console.WriteLine($"impact: {count} files in {parallel.TotalSeconds:F2} s on {Environment.ProcessorCount} cores "
    + $"({parallel.TotalMicroseconds / evaluations:F2} µs per evaluation; {single / parallel:F2}x the single-threaded time per evaluation); target <= 2 s: {(parallel.TotalSeconds <= 2 ? "met" : "not met")}");
return 0;
