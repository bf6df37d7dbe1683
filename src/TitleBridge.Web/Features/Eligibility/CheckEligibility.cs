using System.Globalization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Eligibility;

/// <summary>
/// "Which levels may I apply for, from when, and why?" (policy.md §2–4). Applies the defaults
/// (evaluation date today, counting date = evaluation date), picks the rule set and the catalogue
/// edition in force on the evaluation date, validates, evaluates. Used by the API and the public journey.
/// </summary>
public sealed class CheckEligibility(RuleSetStore ruleSets, CatalogueSnapshots catalogue, ReferenceData reference, TimeProvider time)
{
    public sealed record Outcome(EligibilityResult Result, RuleSet RuleSet, CatalogueSnapshot Catalogue);

    public async Task<Result<Outcome>> HandleAsync(EligibilityRequest request, CancellationToken ct = default)
    {
        var evaluationDate = request.EvaluationDate ?? time.Today();
        request = request with { EvaluationDate = evaluationDate, CountUntil = request.CountUntil ?? evaluationDate };

        var ruleSet = await ruleSets.InForceAsync(evaluationDate, ct);
        var snapshot = await catalogue.InForceAsync(evaluationDate, ct);
        if (ruleSet is null || snapshot is null)
        {
            return Result<Outcome>.Failure(new Problem("evaluation-date.no-rules", new(
                $"No rule set or catalogue edition is in force on {evaluationDate:yyyy-MM-dd}. The Guangzhou catalogue applies from 2025-12-25.",
                $"{evaluationDate:yyyy-MM-dd} 没有现行有效的规则集或目录版次。广州目录自 2025-12-25 起适用。"), "evaluationDate"));
        }
        CatalogueEntry? Find(string code) => snapshot.ByCode.GetValueOrDefault(code);
        var problems = EligibilityRequestValidation.Validate(request, Find, reference);
        if (problems.Count > 0)
        {
            return Result<Outcome>.Failure(problems);
        }
        var result = new EligibilityEvaluator(ruleSet, Find, reference).Evaluate(request);
        return Result<Outcome>.Success(new Outcome(result, ruleSet, snapshot));
    }
}

// ---- API contract (issue #3) -------------------------------------------------------------------

/// <summary>The request as JSON. Dates are strings so that every malformed date is reported, not only the first.</summary>
public sealed record CheckRequestDto(
    string? EvaluationDate,
    string? CountUntil,
    IReadOnlyList<QualificationDto>? Qualifications,
    DegreeDto? Degree,
    IReadOnlyList<WorkDto>? Work,
    IReadOnlyList<TitleDto>? TitlesHeld)
{
    /// <param name="plausible">The range of dates accepted (data/limits.json); outside it a date is refused naming its field.</param>
    public (EligibilityRequest Request, List<Problem> Problems) ToRequest((DateOnly Earliest, DateOnly Latest)? plausible = null)
    {
        var problems = new List<Problem>();
        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                if (plausible is var (earliest, latest) && (date < earliest || date > latest))
                {
                    problems.Add(new Problem("limit.date", new(
                        $"Enter a date between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}.",
                        $"请填写 {earliest:yyyy-MM-dd} 至 {latest:yyyy-MM-dd} 之间的日期。"), field));
                    return null;
                }
                return date;
            }
            problems.Add(new Problem("date-format", new(
                $"'{Infrastructure.Problems.Excerpt.Of(text)}' is not a date. Write dates as YYYY-MM-DD, for example 2024-03-01.",
                $"“{Infrastructure.Problems.Excerpt.Of(text)}”不是有效日期。请按 YYYY-MM-DD 格式填写，例如 2024-03-01。"), field));
            return null;
        }
        var request = new EligibilityRequest(
            Date(EvaluationDate, "evaluationDate"),
            Qualifications?.Select((q, i) => new QualificationHeld(
                q.Code,
                Date(q.ObtainedOn, $"qualifications[{i}].obtainedOn"),
                q.ValidityPeriods?.Select((p, j) => new ValidityPeriod(
                    Date(p.From, $"qualifications[{i}].validityPeriods[{j}].from"),
                    Date(p.To, $"qualifications[{i}].validityPeriods[{j}].to"))).ToList())).ToList(),
            Degree is null ? null : new DegreeHeld(Degree.Level, Date(Degree.AwardedOn, "degree.awardedOn")),
            Work?.Select((w, i) => new WorkPeriod(
                Date(w.From, $"work[{i}].from"),
                Date(w.To, $"work[{i}].to"),
                w.Specialty, w.InGuangzhou, w.FullTime, w.Country)).ToList(),
            TitlesHeld?.Select((t, i) => new TitleHeld(t.Level, Date(t.ObtainedOn, $"titlesHeld[{i}].obtainedOn"))).ToList(),
            Date(CountUntil, "countUntil"));
        return (request, problems);
    }
}

public sealed record QualificationDto(string? Code, string? ObtainedOn, IReadOnlyList<PeriodDto>? ValidityPeriods);

public sealed record PeriodDto(string? From, string? To);

public sealed record DegreeDto(string? Level, string? AwardedOn);

public sealed record WorkDto(string? From, string? To, string? Specialty, bool? InGuangzhou, bool? FullTime, string? Country);

public sealed record TitleDto(string? Level, string? ObtainedOn);

public sealed record CheckResponseDto(
    RuleSetRefDto RuleSet,
    DateOnly EvaluationDate,
    DateOnly CountUntil,
    string CatalogueEdition,
    IReadOnlyList<LevelDto> Levels)
{
    public static CheckResponseDto From(CheckEligibility.Outcome outcome) => new(
        new RuleSetRefDto(outcome.RuleSet.Id, outcome.RuleSet.Version),
        outcome.Result.EvaluationDate,
        outcome.Result.CountingDate,
        outcome.Catalogue.Edition.Id,
        outcome.Result.Levels.Select(l => new LevelDto(
            l.Level.Code(),
            l.Status.Code(),
            l.EligibleFrom,
            l.EligibleFromEvaluationYear,
            l.SupportingQualification is null ? null : new ViaDto(l.SupportingQualification, l.Route!.Value.Code()),
            l.Trace.Select(c => new RuleLineDto(c.RuleId, c.QualificationCode, c.Outcome.Code(), new TextDto(c.Reason.En, c.Reason.Zh))).ToList()))
        .ToList());
}

public sealed record RuleSetRefDto(string Id, string Version);

public sealed record LevelDto(string Level, string Status, DateOnly? EligibleFrom, int? EligibleFromEvaluationYear, ViaDto? Via, IReadOnlyList<RuleLineDto> Rules);

public sealed record ViaDto(string Code, string Route);

public sealed record RuleLineDto(string Id, string? Qualification, string Outcome, TextDto Reason);
