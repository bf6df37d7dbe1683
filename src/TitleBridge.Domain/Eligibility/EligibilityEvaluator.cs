using TitleBridge.Domain.Catalogue;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// Evaluates every rule of policy.md §2 for every qualification and every level (it never stops at the
/// first failure) and answers, for AE, E, SE and PSE in that order, as policy.md §4 asks.
/// Validate the request first with <see cref="EligibilityRequestValidation.Validate"/>; a missing
/// required value here is a bug and throws.
/// </summary>
public sealed class EligibilityEvaluator
{
    private readonly Func<string, CatalogueEntry?> _catalogue;
    private readonly ReferenceData _reference;
    private readonly UpThreshold?[] _upFrom;

    public EligibilityEvaluator(RuleSet ruleSet, Func<string, CatalogueEntry?> catalogue, ReferenceData reference)
    {
        RuleSet = ruleSet;
        _catalogue = catalogue;
        _reference = reference;
        _upFrom = new UpThreshold?[TitleLevels.All.Count + 1];
        foreach (var level in TitleLevels.All)
        {
            _upFrom[(int)level] = ruleSet.UpThresholdFrom(level);
        }
    }

    public EligibilityEvaluator(RuleSet ruleSet, IReadOnlyDictionary<string, CatalogueEntry> catalogue, ReferenceData reference)
        : this(ruleSet, code => catalogue.TryGetValue(code, out var entry) ? entry : null, reference)
    {
    }

    public RuleSet RuleSet { get; }

    /// <summary>The trace lines per qualification: CAT, VALID, HOLD, LOCAL, EXP, EQUIV, UP, COUNT.</summary>
    private const int ChecksPerQualification = 8;

    /// <summary>Work histories up to this many periods are handled on the stack.</summary>
    private const int StackPeriods = 64;

    public EligibilityResult Evaluate(EligibilityRequest request)
    {
        var evaluationDate = request.EvaluationDate ?? throw new ArgumentException("evaluationDate is required; validate the request first.", nameof(request));
        var parameters = RuleSet.Eligibility;
        var convention = parameters.CountingConvention.Value;
        var countingDate = CountRule.CountingDate(evaluationDate, request.CountUntil, convention);
        var qualifications = request.Qualifications ?? [];
        var work = request.Work ?? [];
        DegreeLevel? degree = DegreeLevels.TryParseCode(request.Degree?.Level, out var parsedDegree) ? parsedDegree : null;
        var awardedOn = request.Degree?.AwardedOn;
        var highestTitle = HeldRule.Highest(request.TitlesHeld, evaluationDate);

        // The specialty group of each work period, looked up once rather than per qualification.
        var workGroups = work.Count == 0 ? [] : new string?[work.Count];
        for (var i = 0; i < workGroups.Length; i++)
        {
            workGroups[i] = work[i].Specialty is { } key && _reference.Specialties.TryGetValue(key, out var group) ? group : null;
        }
        Span<bool> relevant = work.Count <= StackPeriods ? stackalloc bool[work.Count] : new bool[work.Count];

        var n = qualifications.Count;
        var store = new RuleCheck[TraceLayout.StoreSize(n)];
        var facts = new QualificationFacts[n];
        for (var i = 0; i < n; i++)
        {
            facts[i] = Facts(qualifications[i], work, workGroups, relevant, degree, awardedOn, evaluationDate, countingDate, convention, parameters,
                store.AsSpan(TraceLayout.QualificationBase(i), TraceLayout.PerQualification));
        }

        var levels = new LevelEligibility[TitleLevels.All.Count];
        foreach (var level in TitleLevels.All)
        {
            levels[(int)level - (int)TitleLevel.AssistantEngineer] = EvaluateLevel(level, facts, store, highestTitle);
        }
        return new EligibilityResult(RuleSet.Id, RuleSet.Version, evaluationDate, countingDate, convention, levels);
    }

    /// <summary>
    /// Evaluates the level-independent rules of one qualification once, and HOLD, EXP and COUNT both for
    /// the level one up and for the other levels, into its slots of the trace store.
    /// </summary>
    private QualificationFacts Facts(QualificationHeld qualification, IReadOnlyList<WorkPeriod> work, string?[] workGroups, Span<bool> relevant,
        DegreeLevel? degree, DateOnly? awardedOn, DateOnly evaluationDate, DateOnly countingDate, CountingConvention convention,
        EligibilityParameters parameters, Span<RuleCheck> slots)
    {
        var code = qualification.Code;
        var entry = string.IsNullOrWhiteSpace(code) ? null : _catalogue(code);
        if (entry is not null)
        {
            // policy.md §2: same or similar = the same specialty key or the same group (as ReferenceData.AreSameOrSimilar).
            var entryGroup = _reference.Specialties.TryGetValue(entry.Specialty, out var g) ? g : null;
            for (var i = 0; i < relevant.Length; i++)
            {
                relevant[i] = work[i].Specialty == entry.Specialty || (entryGroup is not null && workGroups[i] == entryGroup);
            }
        }
        var threshold = entry is null ? null : _upFrom[(int)entry.Level];
        var upRoute = threshold is not null;
        var chain = HoldRule.Chain(qualification, entry, evaluationDate, parameters.RenewalGraceDays.Value);
        var holdYears = threshold is null ? 0 : threshold.HoldYearsFor(degree ?? DegreeLevel.Other);

        var facts = new QualificationFacts { Code = code, Entry = entry, HasThreshold = upRoute };
        slots[TraceLayout.Cat] = CatRule.Instance.Evaluate(code, entry);
        slots[TraceLayout.Valid] = ValidRule.Instance.Evaluate(code, entry, chain, evaluationDate);
        slots[TraceLayout.Local] = LocalRule.Instance.Evaluate(code, entry, work, relevant, evaluationDate, countingDate, convention,
            parameters.MinLocalMonths.Value, out facts.LocalTime);
        slots[TraceLayout.HoldUp] = HoldRule.Instance.Evaluate(code, entry, upRoute, chain, holdYears, countingDate, convention, out facts.HoldTime);
        slots[TraceLayout.HoldOther] = HoldRule.Instance.Evaluate(code, entry, upRoute: false, chain, 0, countingDate, convention, out _);
        slots[TraceLayout.ExpUp] = ExpRule.Instance.Evaluate(code, entry, upRoute, degree, awardedOn, degree is { } d ? threshold?.WorkYearsFor(d) : null,
            work, relevant, parameters, countingDate, convention, out facts.ExpTime);
        slots[TraceLayout.ExpOther] = ExpRule.Instance.Evaluate(code, entry, upRoute: false, null, null, null, work, relevant, parameters, countingDate, convention, out _);
        slots[TraceLayout.CountUp] = CountRule.Instance.Evaluate(code, upRoute, countingDate, convention);
        slots[TraceLayout.CountOther] = CountRule.Instance.Evaluate(code, upRoute: false, countingDate, convention);
        return facts;
    }

    private static LevelEligibility EvaluateLevel(TitleLevel level, QualificationFacts[] facts, RuleCheck[] store, (TitleLevel Level, DateOnly ObtainedOn)? highestTitle)
    {
        var levelBase = TraceLayout.LevelBase(facts.Length, level);
        var held = HeldRule.Instance.Evaluate(level, highestTitle);
        store[levelBase] = held;

        // Best support: eligible by the equivalent route, then one up; then the earliest eligible-from date.
        var bestRank = int.MaxValue;
        DateOnly? bestFrom = null;
        string? bestCode = null;
        EligibilityRoute? bestRoute = null;
        for (var q = 0; q < facts.Length; q++)
        {
            ref readonly var f = ref facts[q];
            var slots = store.AsSpan(TraceLayout.QualificationBase(q), TraceLayout.PerQualification);
            var equiv = EquivRule.Instance.Evaluate(f.Code, f.Entry, level, slots[TraceLayout.Valid], slots[TraceLayout.Local], f.LocalTime);
            var oneUp = UpRule.Instance.Evaluate(f.Code, f.Entry, level, f.HasThreshold, slots[TraceLayout.Valid], slots[TraceLayout.Local],
                slots[TraceLayout.HoldUp], slots[TraceLayout.ExpUp], f.LocalTime, f.HoldTime, f.ExpTime, out var upFrom);
            store[levelBase + TraceLayout.LevelEquiv(q)] = equiv;
            store[levelBase + TraceLayout.LevelUp(q)] = oneUp;

            (int Rank, DateOnly? From, EligibilityRoute Route)? candidate =
                equiv.Outcome == RuleOutcome.Met ? (0, null, EligibilityRoute.Equivalent)
                : oneUp.Outcome == RuleOutcome.Met ? (1, null, EligibilityRoute.OneUp)
                : equiv.ReasonCode == ReasonCode.EquivOnlyTime ? (2, f.LocalTime.From, EligibilityRoute.Equivalent)
                : upFrom is { } from ? (2, from, EligibilityRoute.OneUp)
                : null;
            if (candidate is { } c && (c.Rank < bestRank || (c.Rank == bestRank && c.From < bestFrom)))
            {
                (bestRank, bestFrom, bestRoute, bestCode) = (c.Rank, c.From, c.Route, f.Code);
            }
        }

        var trace = new TraceView(store, facts, level, levelBase);
        if (held.Outcome == RuleOutcome.Met)
        {
            return new LevelEligibility(level, EligibilityStatus.AlreadyHeld, null, null, null, null, trace);
        }
        return bestRank switch
        {
            0 or 1 => new LevelEligibility(level, EligibilityStatus.Eligible, null, null, bestCode, bestRoute, trace),
            2 => new LevelEligibility(level, EligibilityStatus.EligibleFrom, bestFrom, bestFrom!.Value.Year, bestCode, bestRoute, trace),
            _ => new LevelEligibility(level, EligibilityStatus.NotEligible, null, null, null, null, trace),
        };
    }

    /// <summary>
    /// Where trace lines live in the one store of an evaluation. Level-independent lines are shared by
    /// the four levels instead of being copied four times (the engine stays allocation-light).
    /// Per qualification: CAT, VALID, LOCAL, HOLD/EXP/COUNT for one up, HOLD/EXP/COUNT otherwise.
    /// Per level: HELD, then EQUIV and UP for each qualification.
    /// </summary>
    private static class TraceLayout
    {
        public const int Cat = 0, Valid = 1, Local = 2, HoldUp = 3, HoldOther = 4, ExpUp = 5, ExpOther = 6, CountUp = 7, CountOther = 8;
        public const int PerQualification = 9;

        public static int StoreSize(int qualifications) => PerQualification * qualifications + TitleLevels.All.Count * PerLevel(qualifications);

        public static int QualificationBase(int q) => PerQualification * q;

        public static int LevelBase(int qualifications, TitleLevel level) =>
            PerQualification * qualifications + ((int)level - (int)TitleLevel.AssistantEngineer) * PerLevel(qualifications);

        public static int LevelEquiv(int q) => 1 + 2 * q;

        public static int LevelUp(int q) => 2 + 2 * q;

        private static int PerLevel(int qualifications) => 1 + 2 * qualifications;
    }

    /// <summary>A level's trace in policy order: HELD, then per qualification CAT, VALID, HOLD, LOCAL, EXP, EQUIV, UP, COUNT.</summary>
    private sealed class TraceView(RuleCheck[] store, QualificationFacts[] facts, TitleLevel level, int levelBase) : IReadOnlyList<RuleCheck>
    {
        public int Count => 1 + ChecksPerQualification * facts.Length;

        public RuleCheck this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }
                if (index == 0)
                {
                    return store[levelBase];
                }
                var q = (index - 1) / ChecksPerQualification;
                var qBase = TraceLayout.QualificationBase(q);
                var up = facts[q].Entry is { } entry && level == entry.Level + 1;
                return ((index - 1) % ChecksPerQualification) switch
                {
                    0 => store[qBase + TraceLayout.Cat],
                    1 => store[qBase + TraceLayout.Valid],
                    2 => store[qBase + (up ? TraceLayout.HoldUp : TraceLayout.HoldOther)],
                    3 => store[qBase + TraceLayout.Local],
                    4 => store[qBase + (up ? TraceLayout.ExpUp : TraceLayout.ExpOther)],
                    5 => store[levelBase + TraceLayout.LevelEquiv(q)],
                    6 => store[levelBase + TraceLayout.LevelUp(q)],
                    _ => store[qBase + (up ? TraceLayout.CountUp : TraceLayout.CountOther)],
                };
            }
        }

        public IEnumerator<RuleCheck> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>What the level loop needs of a qualification besides its trace lines.</summary>
    private struct QualificationFacts
    {
        public string? Code;
        public CatalogueEntry? Entry;
        public bool HasThreshold;
        public TimeCondition LocalTime;
        public TimeCondition HoldTime;
        public TimeCondition ExpTime;
    }
}
