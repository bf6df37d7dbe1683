namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// What a person tells TitleBridge (policy.md §2, inputs), in the shape the API receives it: required
/// values are nullable here so that <see cref="EligibilityRequestValidation"/> can report every missing
/// one. Nationality is deliberately absent: the policy is nationality-neutral [published].
/// </summary>
/// <param name="CountUntil">The counting date of rule COUNT: a cycle's 31 December; null means the evaluation date.</param>
public sealed record EligibilityRequest(
    DateOnly? EvaluationDate,
    IReadOnlyList<QualificationHeld>? Qualifications,
    DegreeHeld? Degree,
    IReadOnlyList<WorkPeriod>? Work,
    IReadOnlyList<TitleHeld>? TitlesHeld = null,
    DateOnly? CountUntil = null);

/// <summary>
/// A catalogue qualification the person holds. Without <see cref="ValidityPeriods"/> the validity is the
/// catalogue entry's <c>validityYears</c> from <see cref="ObtainedOn"/>, or no expiry when it has none.
/// </summary>
public sealed record QualificationHeld(
    string? Code,
    DateOnly? ObtainedOn,
    IReadOnlyList<ValidityPeriod>? ValidityPeriods = null);

/// <summary>A validity period, both end dates included (rule HOLD); <see cref="To"/> null means no expiry.</summary>
public sealed record ValidityPeriod(DateOnly? From, DateOnly? To);

/// <summary>The highest degree: <c>doctorate</c>, <c>master</c>, <c>bachelor</c>, <c>associate</c> or <c>other</c>.</summary>
public sealed record DegreeHeld(string? Level, DateOnly? AwardedOn);

/// <summary>
/// A period of work, both end dates included; <see cref="To"/> null means it is still running (current
/// employment). <see cref="Country"/> is recorded but never weighed: overseas work counts as domestic (rule EXP).
/// </summary>
public sealed record WorkPeriod(
    DateOnly? From,
    DateOnly? To,
    string? Specialty,
    bool? InGuangzhou,
    bool? FullTime,
    string? Country = null);

/// <summary>A Chinese title already held: level code AE, E, SE or PSE (rule HELD).</summary>
public sealed record TitleHeld(string? Level, DateOnly? ObtainedOn);
