using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Domain.Review;

/// <summary>One scoring criterion of an expert's opinion (policy.md §5.4 review group): its weight is relative to the others.</summary>
public sealed record ScoringCriterion(string Key, BilingualText Name, int Weight);

/// <summary>The scale every criterion is scored on (whole numbers from <see cref="Min"/> to <see cref="Max"/>) and the criteria.</summary>
public sealed record ScoringScheme(int Min, int Max, IReadOnlyList<ScoringCriterion> Criteria)
{
    /// <summary>
    /// The weighted score as an exact fraction (Σ weight × score, Σ weight), so two opinions compare
    /// without rounding; pages show it with one decimal.
    /// </summary>
    public (long Numerator, long Denominator) Weighted(IReadOnlyDictionary<string, int> scores)
    {
        long sum = 0, weights = 0;
        foreach (var c in Criteria)
        {
            sum += (long)c.Weight * scores[c.Key];
            weights += c.Weight;
        }
        return (sum, weights);
    }
}

/// <summary>The costs the review-group assignment minimises (policy.md §5.4): preference for the same key, then balance.</summary>
public sealed record AssignmentCosts(int GroupMatch, int LoadStep);

/// <summary>The parameters of expert review (policy.md §5.4), each with its source in the rule set's <c>review</c> object.</summary>
public sealed record ReviewParameters(
    Sourced<int> MaxExpertTermYears,
    Sourced<int> SeniorCommitteeMinSizeBySeries,
    Sourced<int> SeniorCommitteeMinSizeBySpecialty,
    Sourced<int> ReviewGroupSize,
    Sourced<int> ConflictLookbackYears,
    Sourced<int> MaxFilesPerExpert,
    Sourced<int> ReviewWorkingDays,
    Sourced<AssignmentCosts> AssignmentCosts,
    Sourced<ScoringScheme> Scoring);
