using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Features.Eligibility;

/// <summary>A parameter as the public sees it: value, where it comes from, and whether Guangzhou has confirmed it.</summary>
public sealed record ParameterDto(string Name, string Value, string Label, string Source, bool ConfirmedForGuangzhou);

public sealed record RuleDto(string Id, TextDto Name, string Source);

public sealed record RuleSetDto(string Id, string Version, DateOnly EffectiveFrom, TextDto Name, string Source, IReadOnlyList<RuleDto> Rules, IReadOnlyList<ParameterDto> Parameters)
{
    public static RuleSetDto From(RuleSet r) => new(
        r.Id, r.Version, r.EffectiveFrom, new TextDto(r.Name.En, r.Name.Zh), r.Source,
        EligibilityRule.All.Select(rule => new RuleDto(rule.Id, new TextDto(rule.Name.En, rule.Name.Zh), rule.Source)).ToList(),
        ParametersOf(r).ToList());

    public static IEnumerable<ParameterDto> ParametersOf(RuleSet r)
    {
        static ParameterDto P<T>(string name, Sourced<T> s, string? value = null) =>
            new(name, value ?? s.Value?.ToString() ?? "—", s.Label.ToString().ToLowerInvariant(), s.Source, s.ConfirmedForGuangzhou);

        var e = r.Eligibility;
        yield return P("renewalGraceDays", e.RenewalGraceDays);
        yield return P("minLocalMonths", e.MinLocalMonths);
        yield return P("partTimeFactor", e.PartTimeFactor);
        yield return P("experienceDaysPerYear", e.ExperienceDaysPerYear);
        yield return P("countingConvention", e.CountingConvention, e.CountingConvention.Value == CountingConvention.Days ? "days" : "guangdong-calendar-year");
        foreach (var t in r.UpThresholds)
        {
            var step = $"{t.From.Code()}→{t.To.Code()}";
            yield return P($"{step} holdYears", t.HoldYears);
            foreach (var (degree, years) in t.HoldYearsByDegree)
            {
                yield return P($"{step} holdYears ({degree.Code()})", years);
            }
            foreach (var (degree, years) in t.WorkYearsAfterDegree)
            {
                yield return P($"{step} workYearsAfterDegree ({degree.Code()})", years);
            }
        }
        var p = r.Procedure;
        yield return P("correctionWorkingDays", p.CorrectionWorkingDays);
        yield return P("prePublicityWorkingDays", p.PrePublicityWorkingDays);
        yield return P("resultPublicityWorkingDays", p.ResultPublicityWorkingDays);
        yield return P("quorumFraction", p.QuorumFraction);
        yield return P("passFraction", p.PassFraction);
        yield return P("minCommitteeSize", p.MinCommitteeSize);
        yield return P("reexaminationDays", p.ReexaminationDays);
        yield return P("fraudBarYears", p.FraudBarYears);
        var v = r.Review;
        yield return P("maxExpertTermYears", v.MaxExpertTermYears);
        yield return P("seniorCommitteeMinSizeBySeries", v.SeniorCommitteeMinSizeBySeries);
        yield return P("seniorCommitteeMinSizeBySpecialty", v.SeniorCommitteeMinSizeBySpecialty);
        yield return P("reviewGroupSize", v.ReviewGroupSize);
        yield return P("conflictLookbackYears", v.ConflictLookbackYears);
        yield return P("maxFilesPerExpert", v.MaxFilesPerExpert);
        yield return P("reviewWorkingDays", v.ReviewWorkingDays);
        yield return P("assignmentCosts", v.AssignmentCosts, $"groupMatch {v.AssignmentCosts.Value.GroupMatch}, loadStep {v.AssignmentCosts.Value.LoadStep}");
        yield return P("scoring", v.Scoring, $"{v.Scoring.Value.Min}–{v.Scoring.Value.Max}: "
            + string.Join(", ", v.Scoring.Value.Criteria.Select(c => $"{c.Key} {c.Weight}")));
    }
}
