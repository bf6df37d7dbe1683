using CsCheck;
using TitleBridge.Domain.Review;

namespace TitleBridge.Domain.Tests.Review;

/// <summary>policy.md §5.4 review groups: the hard constraints hold, the answer replays, and it is the optimum.</summary>
public class ReviewGroupSolverTests
{
    private static readonly (string Key, string Group)[] Keys =
        [("computer-software", "ict"), ("data-ai", "ict"), ("civil-structural", "built"), ("architecture", "built")];

    private static Gen<AssignmentInput> Instances(Gen<int> k, int maxFiles, int maxExperts) =>
        from groupSize in k
        from fileKeys in Gen.Int[0, Keys.Length - 1].Array[1, maxFiles]
        from expertKeys in Gen.Int[0, Keys.Length - 1].Array[1, 2].Array[groupSize, maxExperts]
        from conflictBits in Gen.Int[0, 99].Array[fileKeys.Length * expertKeys.Length]
        from cap in Gen.Int[1, 4]
        from groupCost in Gen.OneOf(Gen.Const(0), Gen.Const(5), Gen.Const(1000))
        from loadStep in Gen.OneOf(Gen.Const(0), Gen.Const(1), Gen.Const(3))
        select Build(groupSize, fileKeys, expertKeys, conflictBits, cap, new AssignmentCosts(groupCost, loadStep));

    private static AssignmentInput Build(int k, int[] fileKeys, int[][] expertKeys, int[] conflictBits, int cap, AssignmentCosts costs)
    {
        var files = fileKeys.Select((key, i) => new AssignmentFile($"f{i:D2}", Keys[key].Key, Keys[key].Group)).ToArray();
        var experts = expertKeys.Select((keys, i) => new AssignmentExpert($"x{i:D2}",
            keys.Distinct().Select(key => new ExpertSpecialty(Keys[key].Key, Keys[key].Group)).ToArray())).ToArray();
        var conflicts = new HashSet<(string, string)>();
        for (var f = 0; f < files.Length; f++)
        {
            for (var e = 0; e < experts.Length; e++)
            {
                if (conflictBits[f * experts.Length + e] < 15)
                {
                    conflicts.Add((experts[e].Id, files[f].Id));
                }
            }
        }
        return new AssignmentInput(files, experts, conflicts, k, cap, costs);
    }

    private static void RespectsEveryHardConstraint(AssignmentInput input, ReviewGroups groups)
    {
        Assert.Equal(input.Files.Select(f => f.Id).Order(), groups.ByFile.Keys.Order());
        foreach (var file in input.Files)
        {
            var group = groups.ByFile[file.Id];
            Assert.Equal(input.GroupSize, group.Count);
            Assert.Equal(group.Count, group.Select(a => a.ExpertId).Distinct().Count());
            foreach (var a in group)
            {
                Assert.DoesNotContain((a.ExpertId, file.Id), input.Conflicts);
                var expert = input.Experts.Single(e => e.Id == a.ExpertId);
                Assert.Equal(ReviewGroupSolver.Match(expert, file), a.Match);
            }
        }
        var loads = groups.ByFile.Values.SelectMany(g => g).GroupBy(a => a.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(loads.Values, load => Assert.True(load <= input.LoadCap));
        Assert.Equal(loads, groups.Loads);
        Assert.Equal(ReviewGroupSolver.Objective(input, groups.ByFile), groups.Objective);
    }

    [Fact]
    public void Solve_RandomInstances_RespectEveryHardConstraint_AndReplay() =>
        Instances(Gen.OneOf(Gen.Const(1), Gen.Const(3)), maxFiles: 25, maxExperts: 14).Sample(iter: 300, assert: input =>
        {
            var first = ReviewGroupSolver.Solve(input);
            var shuffled = input with { Files = input.Files.Reverse().ToArray(), Experts = input.Experts.Reverse().ToArray() };
            var second = ReviewGroupSolver.Solve(shuffled);

            Assert.Equal(first.Succeeded, second.Succeeded);
            if (!first.Succeeded)
            {
                Assert.All(first.Problems, p => Assert.StartsWith("assignment.", p.Code));
                Assert.Equal(first.Problems.Select(p => p.Message.En), second.Problems.Select(p => p.Message.En));
                return;
            }
            RespectsEveryHardConstraint(input, first.Value);
            foreach (var file in input.Files)
            {
                Assert.Equal(first.Value.ByFile[file.Id], second.Value.ByFile[file.Id]);
            }
        });

    [Fact]
    public void Solve_SmallInstances_EqualsTheBruteForceOptimum()
    {
        var (feasible, infeasible) = (0, 0);
        Gen.OneOf(Instances(Gen.Const(3), maxFiles: 3, maxExperts: 5), Instances(Gen.Const(1), maxFiles: 5, maxExperts: 5))
            .Sample(iter: 300, threads: 1, assert: input =>
            {
                var best = BruteForce(input);
                var solved = ReviewGroupSolver.Solve(input);

                Assert.Equal(best is not null, solved.Succeeded);
                if (best is { } optimum)
                {
                    Assert.Equal(optimum, solved.Value.Objective);
                    feasible++;
                }
                else
                {
                    infeasible++;
                }
            });
        // The generator reaches both outcomes often enough for the comparison to mean something.
        Assert.True(feasible >= 50 && infeasible >= 20, $"{feasible} feasible, {infeasible} infeasible");
    }

    /// <summary>Every way of giving each file k able experts within the caps, scored from the policy's words, not the solver's network.</summary>
    private static long? BruteForce(AssignmentInput input)
    {
        var files = input.Files.ToArray();
        var experts = input.Experts.ToArray();
        var loads = new int[experts.Length];
        long? best = null;
        long groupPlaces = 0;

        void Visit(int f)
        {
            if (f == files.Length)
            {
                var cost = groupPlaces * input.Costs.GroupMatch + loads.Sum(l => input.Costs.LoadStep * (long)l * (l - 1) / 2);
                best = best is null ? cost : Math.Min(best.Value, cost);
                return;
            }
            var able = Enumerable.Range(0, experts.Length).Where(e =>
                !input.Conflicts.Contains((experts[e].Id, files[f].Id))
                && (experts[e].Specialties.Any(s => s.Key == files[f].SpecialtyKey) || experts[e].Specialties.Any(s => s.Group == files[f].SpecialtyGroup))).ToArray();
            foreach (var chosen in Combinations(able, input.GroupSize))
            {
                if (chosen.Any(e => loads[e] >= input.LoadCap))
                {
                    continue;
                }
                var sameGroupOnly = chosen.Count(e => experts[e].Specialties.All(s => s.Key != files[f].SpecialtyKey));
                foreach (var e in chosen) { loads[e]++; }
                groupPlaces += sameGroupOnly;
                Visit(f + 1);
                groupPlaces -= sameGroupOnly;
                foreach (var e in chosen) { loads[e]--; }
            }
        }

        Visit(0);
        return best;
    }

    private static IEnumerable<int[]> Combinations(int[] items, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }
        for (var i = 0; i <= items.Length - k; i++)
        {
            foreach (var rest in Combinations(items[(i + 1)..], k - 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }

    private static AssignmentExpert X(string id, params string[] keys) =>
        new(id, keys.Select(k => new ExpertSpecialty(k, Keys.Single(x => x.Key == k).Group)).ToArray());

    [Fact]
    public void Solve_PrefersTheSameKey_AndBalancesLoads()
    {
        var files = Enumerable.Range(0, 4).Select(i => new AssignmentFile($"f{i}", "computer-software", "ict")).ToArray();
        var experts = new[] { X("a", "computer-software"), X("b", "computer-software"), X("c", "computer-software"), X("d", "computer-software"), X("g", "data-ai") };
        var input = new AssignmentInput(files, experts, new HashSet<(string, string)>(), 3, 4, new AssignmentCosts(1000, 1));

        var groups = ReviewGroupSolver.Solve(input).Value;

        Assert.Equal(0, groups.SameGroupPlaces);
        Assert.Equal(new[] { 3, 3, 3, 3 }, groups.Loads.Values.Order().ToArray());
        Assert.DoesNotContain("g", groups.Loads.Keys);
    }

    [Fact]
    public void Solve_TooFewExpertsOfASpecialty_SaysWhichAndSupplyAgainstDemand()
    {
        var files = Enumerable.Range(0, 5).Select(i => new AssignmentFile($"f{i}", "civil-structural", "built")).ToArray();
        var experts = new[] { X("a", "civil-structural"), X("b", "architecture"), X("c", "civil-structural"), X("d", "computer-software") };
        var input = new AssignmentInput(files, experts, new HashSet<(string, string)>(), 3, 4, new AssignmentCosts(1000, 1));

        var problem = Assert.Single(ReviewGroupSolver.Solve(input).Problems, p => p.Code == "assignment.specialty-short");

        Assert.Contains("civil-structural: 5 files need 15 places (demand)", problem.Message.En);
        Assert.Contains("can give 12 within the load cap of 4 (supply) — 3 short", problem.Message.En);
        Assert.Contains("缺 3 个", problem.Message.Zh);
    }

    [Fact]
    public void Solve_AFileWhoseExpertsAreConflicted_IsNamed()
    {
        var files = new[] { new AssignmentFile("f0", "data-ai", "ict") };
        var experts = new[] { X("a", "data-ai"), X("b", "data-ai"), X("c", "computer-software") };
        var input = new AssignmentInput(files, experts, new HashSet<(string, string)> { ("b", "f0") }, 3, 4, new AssignmentCosts(1000, 1));

        var problem = Assert.Single(ReviewGroupSolver.Solve(input).Problems);

        Assert.Equal("assignment.file-short", problem.Code);
        Assert.Equal("f0", problem.Field);
        Assert.Contains("has 2 conflict-free experts", problem.Message.En);
    }

    [Fact]
    public void Swap_IsCheckedForConflictCapAndSpecialty()
    {
        var files = new[] { new AssignmentFile("f0", "data-ai", "ict"), new AssignmentFile("f1", "data-ai", "ict") };
        var experts = new[] { X("a", "data-ai"), X("b", "data-ai"), X("c", "data-ai"), X("d", "computer-software"), X("e", "civil-structural"), X("f", "data-ai") };
        var input = new AssignmentInput(files, experts, new HashSet<(string, string)> { ("f", "f0") }, 3, 2, new AssignmentCosts(1000, 1));
        var groups = ReviewGroupSolver.Solve(input).Value;
        var member = groups.ByFile["f0"][0].ExpertId;

        Assert.Equal("assignment.swap-conflict", Assert.Single(ReviewGroupSolver.Swap(input, groups, "f0", member, "f").Problems).Code);
        Assert.Equal("assignment.swap-specialty", Assert.Single(ReviewGroupSolver.Swap(input, groups, "f0", member, "e").Problems).Code);
        Assert.Equal("assignment.swap-not-in-group", Assert.Single(ReviewGroupSolver.Swap(input, groups, "f0", "e", "d").Problems).Code);
        var swapped = ReviewGroupSolver.Swap(input, groups, "f0", member, "d").Value;
        Assert.Contains(swapped.ByFile["f0"], a => a is { ExpertId: "d", Match: MatchKind.SameGroup });
        Assert.Equal(groups.Objective + 1000 - (groups.Loads[member] - 1), swapped.Objective);
    }

    [Fact]
    public void Swap_ToAnExpertAtTheLoadCap_IsRefused()
    {
        var files = new[] { new AssignmentFile("f0", "data-ai", "ict"), new AssignmentFile("f1", "data-ai", "ict") };
        var input = new AssignmentInput(files, [X("a", "data-ai"), X("b", "data-ai"), X("c", "data-ai")], new HashSet<(string, string)>(), 1, 1, new AssignmentCosts(1000, 1));
        var groups = ReviewGroupSolver.Solve(input).Value;

        var refused = ReviewGroupSolver.Swap(input, groups, "f0", groups.ByFile["f0"][0].ExpertId, groups.ByFile["f1"][0].ExpertId);

        Assert.Equal("assignment.swap-cap", Assert.Single(refused.Problems).Code);
    }
}
