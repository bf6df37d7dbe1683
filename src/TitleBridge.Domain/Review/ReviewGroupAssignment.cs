using Google.OrTools.Graph;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Review;

/// <summary>An accepted file to be read: its specialty key and that key's group (policy.md §2 "same or similar").</summary>
public sealed record AssignmentFile(string Id, string SpecialtyKey, string SpecialtyGroup);

/// <summary>One specialty an expert holds, with its group.</summary>
public sealed record ExpertSpecialty(string Key, string Group);

/// <summary>A committee member who may read files.</summary>
public sealed record AssignmentExpert(string Id, IReadOnlyList<ExpertSpecialty> Specialties);

/// <summary>How well an expert fits a file: the same specialty key is preferred to the same group.</summary>
public enum MatchKind
{
    SameKey,
    SameGroup,
}

/// <summary>
/// The whole input of one assignment: stored with its result so it can be solved again and compared.
/// <see cref="Conflicts"/> are (expert id, file id) pairs in force.
/// </summary>
public sealed record AssignmentInput(
    IReadOnlyList<AssignmentFile> Files,
    IReadOnlyList<AssignmentExpert> Experts,
    IReadOnlySet<(string ExpertId, string FileId)> Conflicts,
    int GroupSize,
    int LoadCap,
    AssignmentCosts Costs);

public sealed record AssignedExpert(string ExpertId, MatchKind Match);

/// <summary>An optimal assignment: every file's review group, the objective and how it splits.</summary>
public sealed record ReviewGroups(
    IReadOnlyDictionary<string, IReadOnlyList<AssignedExpert>> ByFile,
    long Objective,
    int SameKeyPlaces,
    int SameGroupPlaces,
    IReadOnlyDictionary<string, int> Loads)
{
    public const string Solver = "Google OR-Tools 9.15 SimpleMinCostFlow";
}

/// <summary>
/// Review-group assignment (policy.md §5.4, 评议组) as a minimum-cost flow, solved exactly by OR-Tools:
/// source → file (capacity k) → expert (capacity 1, cost 0 for the same key, <c>groupMatch</c> for the
/// same group, no arc when conflicted or unrelated) → sink through <c>loadCap</c> unit arcs costing
/// 0, loadStep, 2·loadStep, … — a convex cost, so the cheapest flow spreads files evenly.
/// A flow of k × files is then exactly k distinct experts per file; integrality of min-cost flow
/// makes the optimum of this network the optimum over all assignments.
/// Files and experts are numbered in id order, so the same input gives the same network and,
/// OR-Tools being deterministic, the same answer.
/// </summary>
public static class ReviewGroupSolver
{
    public static MatchKind? Match(AssignmentExpert expert, AssignmentFile file)
    {
        if (expert.Specialties.Any(s => s.Key == file.SpecialtyKey))
        {
            return MatchKind.SameKey;
        }
        return expert.Specialties.Any(s => s.Group == file.SpecialtyGroup) ? MatchKind.SameGroup : null;
    }

    /// <summary>The objective of any assignment: group-match places × groupMatch + Σ over experts of loadStep × L(L−1)/2.</summary>
    public static long Objective(AssignmentInput input, IReadOnlyDictionary<string, IReadOnlyList<AssignedExpert>> byFile)
    {
        long total = 0;
        foreach (var group in byFile.Values)
        {
            total += group.Count(a => a.Match == MatchKind.SameGroup) * (long)input.Costs.GroupMatch;
        }
        foreach (var load in byFile.Values.SelectMany(g => g).GroupBy(a => a.ExpertId).Select(g => (long)g.Count()))
        {
            total += input.Costs.LoadStep * load * (load - 1) / 2;
        }
        return total;
    }

    public static Result<ReviewGroups> Solve(AssignmentInput input)
    {
        var files = input.Files.OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
        var experts = input.Experts.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        var k = input.GroupSize;
        if (files.Length == 0)
        {
            return Result<ReviewGroups>.Success(new ReviewGroups(new Dictionary<string, IReadOnlyList<AssignedExpert>>(), 0, 0, 0, new Dictionary<string, int>()));
        }

        // Index the experts by group and the conflicts by file once: 10,000 files × 500 experts must not
        // test every pair with string comparisons (bench/assignment).
        var index = new Dictionary<string, int>(experts.Length, StringComparer.Ordinal);
        var byGroup = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < experts.Length; e++)
        {
            index[experts[e].Id] = e;
            foreach (var group in experts[e].Specialties.Select(s => s.Group).Distinct())
            {
                (byGroup.TryGetValue(group, out var list) ? list : byGroup[group] = []).Add(e);
            }
        }
        var conflicted = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var (expertId, fileId) in input.Conflicts)
        {
            if (index.TryGetValue(expertId, out var e))
            {
                (conflicted.TryGetValue(fileId, out var set) ? set : conflicted[fileId] = []).Add(e);
            }
        }

        var fileNode = 1;
        var expertNode = fileNode + files.Length;
        var sink = expertNode + experts.Length;
        var flow = new MinCostFlow();
        var pairArcs = new List<(int Arc, int File, int Expert, MatchKind Match)>();
        for (var f = 0; f < files.Length; f++)
        {
            flow.AddArcWithCapacityAndUnitCost(0, fileNode + f, k, 0);
            if (!byGroup.TryGetValue(files[f].SpecialtyGroup, out var able))
            {
                continue;
            }
            var excluded = conflicted.GetValueOrDefault(files[f].Id);
            foreach (var e in able)
            {
                if (excluded?.Contains(e) == true)
                {
                    continue;
                }
                var match = experts[e].Specialties.Any(s => s.Key == files[f].SpecialtyKey) ? MatchKind.SameKey : MatchKind.SameGroup;
                var arc = flow.AddArcWithCapacityAndUnitCost(fileNode + f, expertNode + e, 1, match == MatchKind.SameKey ? 0 : input.Costs.GroupMatch);
                pairArcs.Add((arc, f, e, match));
            }
        }
        for (var e = 0; e < experts.Length; e++)
        {
            if (input.Costs.LoadStep == 0)
            {
                flow.AddArcWithCapacityAndUnitCost(expertNode + e, sink, input.LoadCap, 0);
                continue;
            }
            for (var j = 0; j < input.LoadCap; j++)
            {
                flow.AddArcWithCapacityAndUnitCost(expertNode + e, sink, 1, (long)input.Costs.LoadStep * j);
            }
        }
        var demand = (long)k * files.Length;
        flow.SetNodeSupply(0, demand);
        flow.SetNodeSupply(sink, -demand);

        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            return Result<ReviewGroups>.Failure(Explain(input, files, experts));
        }

        var byFile = files.ToDictionary(f => f.Id, _ => new List<AssignedExpert>());
        var loads = new Dictionary<string, int>();
        foreach (var (arc, f, e, match) in pairArcs)
        {
            if (flow.Flow(arc) > 0)
            {
                byFile[files[f].Id].Add(new AssignedExpert(experts[e].Id, match));
                loads[experts[e].Id] = loads.GetValueOrDefault(experts[e].Id) + 1;
            }
        }
        var groups = byFile.ToDictionary(p => p.Key, p => (IReadOnlyList<AssignedExpert>)p.Value);
        var places = groups.Values.SelectMany(g => g).ToList();
        return Result<ReviewGroups>.Success(new ReviewGroups(
            groups, flow.OptimalCost(), places.Count(a => a.Match == MatchKind.SameKey), places.Count(a => a.Match == MatchKind.SameGroup), loads));
    }

    /// <summary>
    /// Why no assignment exists, from the most local reason to the most global: a file with fewer than k
    /// conflict-free experts of its key or group; a specialty key, then a group, whose files need more
    /// places than the conflict-free experts able to read them can give within their load cap; otherwise
    /// the largest flow shows which specialties' files stay short when they compete for the same experts.
    /// </summary>
    private static IReadOnlyList<Problem> Explain(AssignmentInput input, AssignmentFile[] files, AssignmentExpert[] experts)
    {
        var k = input.GroupSize;
        bool Able(AssignmentExpert e, AssignmentFile f) => !input.Conflicts.Contains((e.Id, f.Id)) && Match(e, f) is not null;
        var problems = new List<Problem>();
        foreach (var file in files)
        {
            var able = experts.Count(e => Able(e, file));
            if (able < k)
            {
                problems.Add(Problem.Unprocessable("assignment.file-short", new(
                    $"File {file.Id} ({file.SpecialtyKey}) has {able} conflict-free experts of the same specialty or group; it needs {k}.",
                    $"申请 {file.Id}（{file.SpecialtyKey}）只有 {able} 名同专业或相近专业且无回避情形的专家，需要 {k} 名。"), file.Id));
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        foreach (var (scope, label, subset) in files.GroupBy(f => f.SpecialtyKey).OrderBy(g => g.Key, StringComparer.Ordinal)
                     .Select(g => ("specialty", g.Key, g.ToArray()))
                     .Concat(files.GroupBy(f => f.SpecialtyGroup).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ("group", g.Key, g.ToArray()))))
        {
            var need = (long)k * subset.Length;
            var supply = experts.Sum(e => (long)Math.Min(input.LoadCap, subset.Count(f => Able(e, f))));
            if (supply < need)
            {
                var ableExperts = experts.Count(e => subset.Any(f => Able(e, f)));
                problems.Add(Shortage(scope, label, subset.Length, need, supply, ableExperts, input.LoadCap));
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }

        // Competition across specialties: route as much as possible and name the specialties left short.
        var flow = new MinCostFlow();
        var fileNode = 1;
        var expertNode = fileNode + files.Length;
        var sink = expertNode + experts.Length;
        var sourceArcs = new int[files.Length];
        for (var f = 0; f < files.Length; f++)
        {
            sourceArcs[f] = flow.AddArcWithCapacityAndUnitCost(0, fileNode + f, k, 0);
            for (var e = 0; e < experts.Length; e++)
            {
                if (Able(experts[e], files[f]))
                {
                    flow.AddArcWithCapacityAndUnitCost(fileNode + f, expertNode + e, 1, 0);
                }
            }
        }
        for (var e = 0; e < experts.Length; e++)
        {
            flow.AddArcWithCapacityAndUnitCost(expertNode + e, sink, input.LoadCap, 0);
        }
        flow.SetNodeSupply(0, (long)k * files.Length);
        flow.SetNodeSupply(sink, -(long)k * files.Length);
        flow.SolveMaxFlowWithMinCost();
        foreach (var g in Enumerable.Range(0, files.Length).GroupBy(f => files[f].SpecialtyKey).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var need = (long)k * g.Count();
            var placed = g.Sum(f => flow.Flow(sourceArcs[f]));
            if (placed < need)
            {
                problems.Add(Problem.Unprocessable("assignment.competition", new(
                    $"Specialty {g.Key}: {g.Count()} files need {need} places, but with the other specialties' files sharing the same experts only {placed} can be filled within the load cap of {input.LoadCap}.",
                    $"专业 {g.Key}：{g.Count()} 份申请需要 {need} 个评议名额，但与其他专业共用同一批专家，在每人 {input.LoadCap} 份的上限内只能安排 {placed} 个。"), g.Key));
            }
        }
        if (problems.Count == 0)
        {
            problems.Add(Problem.Unprocessable("assignment.infeasible", new(
                $"No assignment gives every file {k} experts within the load cap of {input.LoadCap}.",
                $"无法在每人 {input.LoadCap} 份的上限内为每份申请安排 {k} 名专家。")));
        }
        return problems;
    }

    private static Problem Shortage(string scope, string label, int fileCount, long need, long supply, int ableExperts, int cap) =>
        Problem.Unprocessable(scope == "specialty" ? "assignment.specialty-short" : "assignment.group-short", new(
            $"{(scope == "specialty" ? "Specialty" : "Specialty group")} {label}: {fileCount} files need {need} places (demand); the {ableExperts} conflict-free experts able to read them can give {supply} within the load cap of {cap} (supply) — {need - supply} short.",
            $"{(scope == "specialty" ? "专业" : "专业组")} {label}：{fileCount} 份申请需要 {need} 个评议名额（需求）；能评审且无回避情形的 {ableExperts} 名专家在每人 {cap} 份的上限内只能提供 {supply} 个（供给），缺 {need - supply} 个。"), label);

    /// <summary>
    /// One expert replaced by another in one file's group, as an officer asks with a reason: refused
    /// when the newcomer is conflicted, unrelated to the specialty, already in the group or at the cap.
    /// </summary>
    public static Result<ReviewGroups> Swap(AssignmentInput input, ReviewGroups current, string fileId, string outExpertId, string inExpertId)
    {
        var file = input.Files.FirstOrDefault(f => f.Id == fileId);
        var incoming = input.Experts.FirstOrDefault(e => e.Id == inExpertId);
        if (file is null || !current.ByFile.TryGetValue(fileId, out var group) || group.All(a => a.ExpertId != outExpertId))
        {
            return Result<ReviewGroups>.Failure(Problem.Unprocessable("assignment.swap-not-in-group", new(
                "The expert to replace is not in this file's review group.", "要更换的专家不在此申请的评议组中。"), "outExpertId"));
        }
        if (incoming is null)
        {
            return Result<ReviewGroups>.Failure(Problem.Unprocessable("assignment.swap-not-member", new(
                "The new expert is not a member of this committee.", "新专家不是本委员会委员。"), "inExpertId"));
        }
        var problems = new List<Problem>();
        if (group.Any(a => a.ExpertId == inExpertId))
        {
            problems.Add(Problem.Unprocessable("assignment.swap-already-in-group", new("The new expert already reads this file.", "新专家已在此申请的评议组中。"), "inExpertId"));
        }
        if (input.Conflicts.Contains((inExpertId, fileId)))
        {
            problems.Add(Problem.Unprocessable("assignment.swap-conflict", new("The new expert has a conflict with this file.", "新专家与此申请存在回避情形。"), "inExpertId"));
        }
        var match = Match(incoming, file);
        if (match is null)
        {
            problems.Add(Problem.Unprocessable("assignment.swap-specialty", new(
                "The new expert has neither the file's specialty nor one of its group.", "新专家既不属于此申请的专业，也不属于相近专业。"), "inExpertId"));
        }
        if (current.Loads.GetValueOrDefault(inExpertId) >= input.LoadCap)
        {
            problems.Add(Problem.Unprocessable("assignment.swap-cap", new(
                $"The new expert already reads {input.LoadCap} files, the load cap.", $"新专家已评审 {input.LoadCap} 份申请，达到上限。"), "inExpertId"));
        }
        if (problems.Count > 0)
        {
            return Result<ReviewGroups>.Failure(problems);
        }
        var byFile = current.ByFile.ToDictionary(p => p.Key, p => p.Value);
        byFile[fileId] = group.Select(a => a.ExpertId == outExpertId ? new AssignedExpert(inExpertId, match!.Value) : a).ToList();
        var loads = new Dictionary<string, int>(current.Loads);
        loads[outExpertId]--;
        if (loads[outExpertId] == 0)
        {
            loads.Remove(outExpertId);
        }
        loads[inExpertId] = loads.GetValueOrDefault(inExpertId) + 1;
        var places = byFile.Values.SelectMany(g => g).ToList();
        return Result<ReviewGroups>.Success(new ReviewGroups(
            byFile, Objective(input, byFile), places.Count(a => a.Match == MatchKind.SameKey), places.Count(a => a.Match == MatchKind.SameGroup), loads));
    }
}
