using System.Diagnostics;
using System.Text.Json;
using TitleBridge.Domain.Review;

// policy.md §5.4 review groups at the scale of a large cycle: the min-cost-flow solver against a greedy
// baseline (each file in turn takes the k least-loaded able experts, same key first), same instance, same run.
var files = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var expertCount = args.Length > 1 ? int.Parse(args[1]) : 500;
var k = args.Length > 2 ? int.Parse(args[2]) : 3;
var specialtiesFile = args.Length > 3 ? args[3] : "data/catalogue/specialties.json";

var keys = JsonDocument.Parse(File.ReadAllText(specialtiesFile)).RootElement.GetProperty("groups").EnumerateArray()
    .SelectMany(g => g.GetProperty("specialties").EnumerateArray().Select(s => (Key: s.GetProperty("key").GetString()!, Group: g.GetProperty("key").GetString()!)))
    .ToList();
// The catalogue has 24 keys; the instance has 25, so one more synthetic key joins the largest group.
keys.Add(("bench-extra", "built"));
// Files are skewed across specialties (weights 1–5), experts are not: some keys need same-group readers.
var weights = keys.Select((_, i) => i % 5 + 1).ToArray();
var random = new Random(20260601);
AssignmentFile NewFile(int i)
{
    var pick = random.Next(weights.Sum());
    var s = 0;
    while (pick >= weights[s]) { pick -= weights[s++]; }
    return new AssignmentFile($"f{i:D5}", keys[s].Key, keys[s].Group);
}
var fileList = Enumerable.Range(0, files).Select(NewFile).ToArray();
var experts = Enumerable.Range(0, expertCount).Select(i =>
{
    var primary = keys[i % keys.Count];
    var specialties = new List<ExpertSpecialty> { new(primary.Key, primary.Group) };
    var sameGroup = keys.Where(s => s.Group == primary.Group && s.Key != primary.Key).ToArray();
    if (sameGroup.Length > 0 && random.Next(100) < 30)
    {
        var second = sameGroup[random.Next(sameGroup.Length)];
        specialties.Add(new(second.Key, second.Group));
    }
    return new AssignmentExpert($"x{i:D3}", specialties);
}).ToArray();
var conflicts = new HashSet<(string, string)>();
foreach (var f in fileList)
{
    foreach (var e in experts)
    {
        if (random.Next(50) == 0)   // about 2% of pairs
        {
            conflicts.Add((e.Id, f.Id));
        }
    }
}
// The cap leaves a third of slack over the average load, as a committee secretary would.
var cap = (int)Math.Ceiling(k * (double)files / expertCount * 4 / 3);
var input = new AssignmentInput(fileList, experts, conflicts, k, cap, new AssignmentCosts(1000, 1));

var greedyClock = Stopwatch.StartNew();
var (greedy, short_) = Greedy(input);
greedyClock.Stop();

var clock = Stopwatch.StartNew();
var solved = ReviewGroupSolver.Solve(input);
clock.Stop();
if (!solved.Succeeded)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, solved.Problems.Select(p => p.Message.En)));
    return 1;
}
var greedyObjective = ReviewGroupSolver.Objective(input, greedy);
var check = ReviewGroupSolver.Objective(input, solved.Value.ByFile);
if (check != solved.Value.Objective)
{
    Console.Error.WriteLine($"objective mismatch: flow {solved.Value.Objective}, recomputed {check}");
    return 1;
}
Console.WriteLine($"instance: {files} files, {expertCount} experts, {keys.Count} specialties, {conflicts.Count} conflicts ({100.0 * conflicts.Count / ((long)files * expertCount):F2}% of pairs), load cap {cap}");
Console.WriteLine($"optimal: {solved.Value.SameKeyPlaces} same-key places, {solved.Value.SameGroupPlaces} same-group, loads {solved.Value.Loads.Values.Min()}–{solved.Value.Loads.Values.Max()}");
Console.WriteLine($"greedy: {greedy.Values.Sum(g => g.Count(a => a.Match == MatchKind.SameGroup))} same-group places, loads {greedy.Values.SelectMany(g => g).GroupBy(a => a.ExpertId).Min(g => g.Count())}–{greedy.Values.SelectMany(g => g).GroupBy(a => a.ExpertId).Max(g => g.Count())}{(short_ > 0 ? $", {short_} files left short" : "")}");
Console.WriteLine($"assignment: {files} files x {expertCount} experts, k={k}: optimal in {clock.Elapsed.TotalSeconds:F2} s (objective {solved.Value.Objective}; greedy {greedyObjective} in {greedyClock.Elapsed.TotalSeconds:F2} s)");
return 0;

static (Dictionary<string, IReadOnlyList<AssignedExpert>> Groups, int Short) Greedy(AssignmentInput input)
{
    var loads = input.Experts.ToDictionary(e => e.Id, _ => 0);
    var groups = new Dictionary<string, IReadOnlyList<AssignedExpert>>();
    var shortFiles = 0;
    var byGroup = input.Experts.SelectMany(e => e.Specialties.Select(s => s.Group).Distinct().Select(g => (g, e))).ToLookup(x => x.g, x => x.e);
    foreach (var file in input.Files)
    {
        var chosen = byGroup[file.SpecialtyGroup]
            .Where(e => loads[e.Id] < input.LoadCap && !input.Conflicts.Contains((e.Id, file.Id)))
            .Select(e => (e, Match: ReviewGroupSolver.Match(e, file)!.Value))
            .OrderBy(x => x.Match).ThenBy(x => loads[x.e.Id]).ThenBy(x => x.e.Id, StringComparer.Ordinal)
            .Take(input.GroupSize).ToList();
        shortFiles += chosen.Count < input.GroupSize ? 1 : 0;
        foreach (var (e, _) in chosen)
        {
            loads[e.Id]++;
        }
        groups[file.Id] = chosen.Select(x => new AssignedExpert(x.e.Id, x.Match)).ToList();
    }
    return (groups, shortFiles);
}
