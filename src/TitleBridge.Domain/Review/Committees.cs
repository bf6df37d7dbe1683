using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Domain.Review;

/// <summary>The level band a committee decides (policy.md §5.4 "per cycle and level band").</summary>
public enum LevelBand
{
    /// <summary>Senior Engineer and Professorate Senior Engineer (高级).</summary>
    Senior,

    /// <summary>Assistant Engineer and Engineer (中级、初级).</summary>
    IntermediateJunior,
}

/// <summary>How a committee is organised: one for the whole series, or one per specialty.</summary>
public enum CommitteeOrganisation
{
    BySeries,
    BySpecialty,
}

public static class LevelBands
{
    public static LevelBand Of(TitleLevel level) =>
        level is TitleLevel.SeniorEngineer or TitleLevel.ProfessorateSeniorEngineer ? LevelBand.Senior : LevelBand.IntermediateJunior;

    public static string Code(this LevelBand band) => band == LevelBand.Senior ? "senior" : "intermediate-junior";

    public static BilingualText Name(this LevelBand band) => band == LevelBand.Senior
        ? new("Senior (Senior Engineer, Professorate Senior Engineer)", "高级（高级工程师、正高级工程师）")
        : new("Intermediate and junior (Assistant Engineer, Engineer)", "中级、初级（助理工程师、工程师）");

    public static bool TryParse(string? code, out LevelBand band)
    {
        band = code == "senior" ? LevelBand.Senior : LevelBand.IntermediateJunior;
        return code is "senior" or "intermediate-junior";
    }
}

/// <summary>A committee member as the size and term rules see one.</summary>
public sealed record CommitteeMemberTerm(string ExpertId, DateOnly TermFrom, DateOnly TermTo);

public static class CommitteeRules
{
    /// <summary>policy.md §5.4: senior ≥ 25 by series, ≥ 11 by specialty; otherwise <c>minCommitteeSize</c>.</summary>
    public static int MinimumSize(LevelBand band, CommitteeOrganisation organisation, RuleSet rules) => band switch
    {
        LevelBand.Senior when organisation == CommitteeOrganisation.BySeries => rules.Review.SeniorCommitteeMinSizeBySeries.Value,
        LevelBand.Senior => rules.Review.SeniorCommitteeMinSizeBySpecialty.Value,
        _ => rules.Procedure.MinCommitteeSize.Value,
    };

    /// <summary>Every reason a committee of <paramref name="members"/> cannot hold a meeting on <paramref name="meetingDate"/>; empty when it can.</summary>
    public static IReadOnlyList<Problem> MeetingProblems(
        IReadOnlyList<CommitteeMemberTerm> members, LevelBand band, CommitteeOrganisation organisation, RuleSet rules, DateOnly meetingDate)
    {
        var problems = new List<Problem>();
        var minimum = MinimumSize(band, organisation, rules);
        if (members.Count % 2 == 0)
        {
            problems.Add(Problem.Unprocessable("committee.even", new(
                $"The committee has {members.Count} members; it must have an odd number.",
                $"委员会有 {members.Count} 名委员，委员人数应为单数。")));
        }
        if (members.Count < minimum)
        {
            problems.Add(Problem.Unprocessable("committee.too-small", new(
                $"The committee has {members.Count} members; a {band.Name().En.ToLowerInvariant()} committee organised {(organisation == CommitteeOrganisation.BySeries ? "by series" : "by specialty")} needs at least {minimum}.",
                $"委员会有 {members.Count} 名委员；{(organisation == CommitteeOrganisation.BySeries ? "按系列" : "按专业")}组建的{band.Name().Zh}评审委员会至少需要 {minimum} 名。")));
        }
        var outOfTerm = members.Where(m => m.TermFrom > meetingDate || m.TermTo < meetingDate).ToList();
        if (outOfTerm.Count > 0)
        {
            problems.Add(Problem.Unprocessable("committee.term", new(
                $"{outOfTerm.Count} member(s) have an appointment term that does not cover {meetingDate:yyyy-MM-dd}; replace them.",
                $"{outOfTerm.Count} 名委员的聘任期不包括 {meetingDate:yyyy-MM-dd}，请更换。")));
        }
        return problems;
    }
}

/// <summary>An available expert in the pool, with the specialty keys the draw covers.</summary>
public sealed record DrawCandidate(string ExpertId, IReadOnlyList<string> SpecialtyKeys);

/// <summary>The members drawn, in draw order, and the specialties no available expert covers.</summary>
public sealed record CommitteeDrawResult(IReadOnlyList<string> Members, IReadOnlyList<string> UncoveredSpecialties);

/// <summary>
/// The random draw of committee members (policy.md §5.4: drawn at random from the pool, the seed
/// recorded so the draw replays). The candidates are put in id order first and the generator is our own
/// SplitMix64, so the same pool, size, specialties and seed draw the same members on any machine and
/// .NET version.
/// </summary>
public static class CommitteeDraw
{
    public static Result<CommitteeDrawResult> Draw(
        IReadOnlyList<DrawCandidate> pool, IReadOnlyList<string> fixedMembers, int size, IReadOnlyList<string> specialtiesToCover, ulong seed)
    {
        var candidates = pool.DistinctBy(c => c.ExpertId).OrderBy(c => c.ExpertId, StringComparer.Ordinal).ToList();
        if (candidates.Count < size)
        {
            return Result<CommitteeDrawResult>.Failure(Problem.Unprocessable("committee.pool-too-small", new(
                $"The pool has {candidates.Count} available experts; the committee needs {size}.",
                $"专家库中可用专家 {candidates.Count} 名，委员会需要 {size} 名。"), "size"));
        }
        var missing = fixedMembers.Where(m => candidates.All(c => c.ExpertId != m)).ToList();
        if (missing.Count > 0)
        {
            return Result<CommitteeDrawResult>.Failure(Problem.Unprocessable("committee.chair-unavailable", new(
                "The chair or a vice-chair is not an available expert of the pool.",
                "主任委员或副主任委员不是专家库中的可用专家。"), "chair"));
        }

        var random = new SplitMix64(seed);
        var chosen = new List<string>(fixedMembers.Distinct());
        var remaining = candidates.Where(c => !chosen.Contains(c.ExpertId)).ToList();
        var uncovered = new List<string>();
        foreach (var key in specialtiesToCover.Distinct().Order(StringComparer.Ordinal))
        {
            if (chosen.Count >= size)
            {
                break;
            }
            if (candidates.Any(c => chosen.Contains(c.ExpertId) && c.SpecialtyKeys.Contains(key)))
            {
                continue;
            }
            var able = remaining.Where(c => c.SpecialtyKeys.Contains(key)).ToList();
            if (able.Count == 0)
            {
                uncovered.Add(key);
                continue;
            }
            var pick = able[random.Below(able.Count)];
            chosen.Add(pick.ExpertId);
            remaining.Remove(pick);
        }
        // Fisher–Yates over the rest, then take what is still needed.
        for (var i = remaining.Count - 1; i > 0; i--)
        {
            var j = random.Below(i + 1);
            (remaining[i], remaining[j]) = (remaining[j], remaining[i]);
        }
        chosen.AddRange(remaining.Take(Math.Max(0, size - chosen.Count)).Select(c => c.ExpertId));
        return Result<CommitteeDrawResult>.Success(new CommitteeDrawResult(chosen, uncovered));
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fully specified, so a recorded seed replays forever.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A whole number in [0, n), without modulo bias (rejection).</summary>
        public int Below(int n)
        {
            var bound = (ulong)n;
            var limit = ulong.MaxValue - (ulong.MaxValue % bound);
            ulong x;
            do
            {
                x = Next();
            }
            while (x >= limit);
            return (int)(x % bound);
        }
    }
}
