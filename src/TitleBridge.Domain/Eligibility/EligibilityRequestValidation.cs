using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// Checks the shape of an <see cref="EligibilityRequest"/> and returns every problem at once, each with
/// a JSON path such as <c>qualifications[0].validityPeriods[1].to</c>. Business ineligibility (an
/// expired qualification, too few years) is never a problem here: it is the evaluator's answer.
/// </summary>
public static class EligibilityRequestValidation
{
    /// <summary>Dates before this are typing mistakes, not history (no overseas qualification of the catalogue is that old).</summary>
    public static readonly DateOnly EarliestPlausibleDate = new(1900, 1, 1);

    /// <summary>Dates after this are typing mistakes; planned end dates of work or validity stay well before it.</summary>
    public static readonly DateOnly LatestPlausibleDate = new(2100, 12, 31);

    public static class Codes
    {
        public const string Required = "required";
        public const string DateOutOfRange = "date-out-of-range";
        public const string DateAfterEvaluation = "date-after-evaluation";
        public const string PeriodEndsBeforeStart = "period-ends-before-start";
        public const string UnknownQualification = "unknown-qualification";
        public const string UnknownSpecialty = "unknown-specialty";
        public const string UnknownCountryRegion = "unknown-country-region";
        public const string UnknownDegreeLevel = "unknown-degree-level";
        public const string UnknownTitleLevel = "unknown-title-level";
        public const string CountUntilBeforeEvaluation = "count-until-before-evaluation";
    }

    public static IReadOnlyList<Problem> Validate(
        EligibilityRequest request,
        Func<string, CatalogueEntry?> catalogue,
        ReferenceData reference)
    {
        var problems = new List<Problem>();
        var evaluationDate = request.EvaluationDate;
        Date(problems, "evaluationDate", evaluationDate, required: true);
        if (Date(problems, "countUntil", request.CountUntil, required: false) && request.CountUntil < evaluationDate)
        {
            problems.Add(new(Codes.CountUntilBeforeEvaluation,
                new("The counting date cannot be before the evaluation date.", "计算截止日期不能早于评价日期。"), "countUntil"));
        }

        if (request.Qualifications is null)
        {
            Missing(problems, "qualifications");
        }
        else
        {
            for (var i = 0; i < request.Qualifications.Count; i++)
            {
                var path = $"qualifications[{i}]";
                var q = request.Qualifications[i];
                if (string.IsNullOrWhiteSpace(q.Code))
                {
                    Missing(problems, $"{path}.code");
                }
                else if (catalogue(q.Code) is null)
                {
                    problems.Add(new(Codes.UnknownQualification,
                        new($"'{q.Code}' is not a code of the catalogue.", $"“{q.Code}”不是目录中的代码。"), $"{path}.code"));
                }
                if (Date(problems, $"{path}.obtainedOn", q.ObtainedOn, required: true))
                {
                    NotAfterEvaluation(problems, $"{path}.obtainedOn", q.ObtainedOn, evaluationDate);
                }
                if (q.ValidityPeriods is { } periods)
                {
                    for (var j = 0; j < periods.Count; j++)
                    {
                        Period(problems, $"{path}.validityPeriods[{j}]", periods[j].From, periods[j].To);
                    }
                }
            }
        }

        if (request.Degree is null)
        {
            Missing(problems, "degree");
        }
        else
        {
            DegreeLevel? degree = null;
            if (string.IsNullOrWhiteSpace(request.Degree.Level))
            {
                Missing(problems, "degree.level");
            }
            else if (DegreeLevels.TryParseCode(request.Degree.Level, out var parsed))
            {
                degree = parsed;
            }
            else
            {
                problems.Add(new(Codes.UnknownDegreeLevel,
                    new($"'{request.Degree.Level}' is not a degree level: doctorate, master, bachelor, associate or other.",
                        $"“{request.Degree.Level}”不是学历层次：doctorate、master、bachelor、associate 或 other。"), "degree.level"));
            }
            // "other" (no degree) has no award date; every listed degree has one.
            var awardRequired = degree is not DegreeLevel.Other;
            if (Date(problems, "degree.awardedOn", request.Degree.AwardedOn, awardRequired))
            {
                NotAfterEvaluation(problems, "degree.awardedOn", request.Degree.AwardedOn, evaluationDate);
            }
        }

        if (request.Work is null)
        {
            Missing(problems, "work");
        }
        else
        {
            for (var i = 0; i < request.Work.Count; i++)
            {
                var path = $"work[{i}]";
                var w = request.Work[i];
                Period(problems, path, w.From, w.To);
                if (string.IsNullOrWhiteSpace(w.Specialty))
                {
                    Missing(problems, $"{path}.specialty");
                }
                else if (!reference.Specialties.ContainsKey(w.Specialty))
                {
                    problems.Add(new(Codes.UnknownSpecialty,
                        new($"'{w.Specialty}' is not a specialty key.", $"“{w.Specialty}”不是专业代码。"), $"{path}.specialty"));
                }
                if (w.InGuangzhou is null)
                {
                    Missing(problems, $"{path}.inGuangzhou");
                }
                if (w.FullTime is null)
                {
                    Missing(problems, $"{path}.fullTime");
                }
                if (w.Country is { Length: > 0 } country && reference.FindCountryRegion(country) is null)
                {
                    problems.Add(new(Codes.UnknownCountryRegion,
                        new($"'{country}' is not a country or region code.", $"“{country}”不是国家（地区）代码。"), $"{path}.country"));
                }
            }
        }

        if (request.TitlesHeld is { } titles)
        {
            for (var i = 0; i < titles.Count; i++)
            {
                var path = $"titlesHeld[{i}]";
                if (string.IsNullOrWhiteSpace(titles[i].Level))
                {
                    Missing(problems, $"{path}.level");
                }
                else if (!TitleLevels.TryParseCode(titles[i].Level, out _))
                {
                    problems.Add(new(Codes.UnknownTitleLevel,
                        new($"'{titles[i].Level}' is not a title level: AE, E, SE or PSE.", $"“{titles[i].Level}”不是职称级别：AE、E、SE 或 PSE。"), $"{path}.level"));
                }
                if (Date(problems, $"{path}.obtainedOn", titles[i].ObtainedOn, required: true))
                {
                    NotAfterEvaluation(problems, $"{path}.obtainedOn", titles[i].ObtainedOn, evaluationDate);
                }
            }
        }
        return problems;
    }

    private static void Missing(List<Problem> problems, string field) =>
        problems.Add(new(Codes.Required, new($"'{field}' is required.", $"“{field}”为必填项。"), field));

    /// <summary>Checks presence and range; true when a date is present and plausible.</summary>
    private static bool Date(List<Problem> problems, string field, DateOnly? date, bool required)
    {
        if (date is not { } value)
        {
            if (required)
            {
                Missing(problems, field);
            }
            return false;
        }
        if (value < EarliestPlausibleDate || value > LatestPlausibleDate)
        {
            problems.Add(new(Codes.DateOutOfRange,
                new($"{value:yyyy-MM-dd} is not a plausible date (between {EarliestPlausibleDate:yyyy-MM-dd} and {LatestPlausibleDate:yyyy-MM-dd}).",
                    $"{value:yyyy-MM-dd} 不是合理的日期（应在 {EarliestPlausibleDate:yyyy-MM-dd} 至 {LatestPlausibleDate:yyyy-MM-dd} 之间）。"), field));
            return false;
        }
        return true;
    }

    /// <summary>Something obtained or awarded cannot be dated after the day it is evaluated on.</summary>
    private static void NotAfterEvaluation(List<Problem> problems, string field, DateOnly? date, DateOnly? evaluationDate)
    {
        if (date > evaluationDate)
        {
            problems.Add(new(Codes.DateAfterEvaluation,
                new($"{date:yyyy-MM-dd} is after the evaluation date {evaluationDate:yyyy-MM-dd}.", $"{date:yyyy-MM-dd} 晚于评价日期 {evaluationDate:yyyy-MM-dd}。"), field));
        }
    }

    private static void Period(List<Problem> problems, string path, DateOnly? from, DateOnly? to)
    {
        var fromOk = Date(problems, $"{path}.from", from, required: true);
        var toOk = Date(problems, $"{path}.to", to, required: false);
        if (fromOk && toOk && to < from)
        {
            problems.Add(new(Codes.PeriodEndsBeforeStart,
                new($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", $"期间的结束日期（{to:yyyy-MM-dd}）早于开始日期（{from:yyyy-MM-dd}）。"), $"{path}.to"));
        }
    }
}
