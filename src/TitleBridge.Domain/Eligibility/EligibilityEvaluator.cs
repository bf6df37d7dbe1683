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

        var facts = new QualificationFacts[qualifications.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = Facts(qualifications[i], work, workGroups, relevant, degree, awardedOn, evaluationDate, countingDate, convention, parameters);
        }

        var levels = new LevelEligibility[TitleLevels.All.Count];
        foreach (var level in TitleLevels.All)
        {
            levels[(int)level - (int)TitleLevel.AssistantEngineer] = EvaluateLevel(level, facts, highestTitle);
        }
        return new EligibilityResult(RuleSet.Id, RuleSet.Version, evaluationDate, countingDate, convention, levels);
    }

    /// <summary>The level-independent checks of one qualification, and those for the level one up.</summary>
    private QualificationFacts Facts(QualificationHeld qualification, IReadOnlyList<WorkPeriod> work, string?[] workGroups, Span<bool> relevant,
        DegreeLevel? degree, DateOnly? awardedOn, DateOnly evaluationDate, DateOnly countingDate, CountingConvention convention, EligibilityParameters parameters)
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

        var facts = new QualificationFacts
        {
            Code = code,
            Entry = entry,
            HasThreshold = upRoute,
            Cat = CatRule.Instance.Evaluate(code, entry),
            Valid = ValidRule.Instance.Evaluate(code, entry, chain, evaluationDate),
        };
        facts.Local = LocalRule.Instance.Evaluate(code, entry, work, relevant, evaluationDate, countingDate, convention,
            parameters.MinLocalMonths.Value, out facts.LocalTime);
        var holdYears = threshold is null ? 0 : threshold.HoldYearsFor(degree ?? DegreeLevel.Other);
        facts.HoldUp = HoldRule.Instance.Evaluate(code, entry, upRoute, chain, holdYears, countingDate, convention, out facts.HoldTime);
        facts.ExpUp = ExpRule.Instance.Evaluate(code, entry, upRoute, degree, awardedOn, degree is { } d ? threshold?.WorkYearsFor(d) : null,
            work, relevant, parameters, countingDate, convention, out facts.ExpTime);
        facts.CountUp = CountRule.Instance.Evaluate(code, upRoute, countingDate, convention);
        facts.HoldOther = HoldRule.Instance.Evaluate(code, entry, upRoute: false, chain, 0, countingDate, convention, out _);
        facts.ExpOther = ExpRule.Instance.Evaluate(code, entry, upRoute: false, null, null, null, work, relevant, parameters, countingDate, convention, out _);
        facts.CountOther = CountRule.Instance.Evaluate(code, upRoute: false, countingDate, convention);
        return facts;
    }

    private static LevelEligibility EvaluateLevel(TitleLevel level, QualificationFacts[] facts, (TitleLevel Level, DateOnly ObtainedOn)? highestTitle)
    {
        var trace = new RuleCheck[1 + ChecksPerQualification * facts.Length];
        var held = HeldRule.Instance.Evaluate(level, highestTitle);
        trace[0] = held;

        // Best support: eligible by the equivalent route, then one up; then the earliest eligible-from date.
        var bestRank = int.MaxValue;
        DateOnly? bestFrom = null;
        string? bestCode = null;
        EligibilityRoute? bestRoute = null;
        var t = 1;
        foreach (ref readonly var f in facts.AsSpan())
        {
            var up = f.Entry is not null && level == f.Entry.Level + 1;
            var equiv = EquivRule.Instance.Evaluate(f.Code, f.Entry, level, f.Valid, f.Local, f.LocalTime);
            var oneUp = UpRule.Instance.Evaluate(f.Code, f.Entry, level, f.HasThreshold, f.Valid, f.Local, f.HoldUp, f.ExpUp,
                f.LocalTime, f.HoldTime, f.ExpTime, out var upFrom);
            trace[t++] = f.Cat;
            trace[t++] = f.Valid;
            trace[t++] = up ? f.HoldUp : f.HoldOther;
            trace[t++] = f.Local;
            trace[t++] = up ? f.ExpUp : f.ExpOther;
            trace[t++] = equiv;
            trace[t++] = oneUp;
            trace[t++] = up ? f.CountUp : f.CountOther;

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

    private struct QualificationFacts
    {
        public string? Code;
        public CatalogueEntry? Entry;
        public bool HasThreshold;
        public RuleCheck Cat;
        public RuleCheck Valid;
        public RuleCheck Local;
        public TimeCondition LocalTime;
        public RuleCheck HoldUp;
        public TimeCondition HoldTime;
        public RuleCheck ExpUp;
        public TimeCondition ExpTime;
        public RuleCheck CountUp;
        public RuleCheck HoldOther;
        public RuleCheck ExpOther;
        public RuleCheck CountOther;
    }
}
