using System.Globalization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>One level of a result in plain words: the answer in one sentence and the warnings that matter.</summary>
public sealed record LevelSummary(TitleLevel Level, EligibilityStatus Status, BilingualText Sentence, IReadOnlyList<BilingualText> Warnings);

/// <summary>
/// A result as a person reads it (policy.md §4, issue #11): for each level one sentence — yes now, from
/// a date and which evaluation year that is, through which qualification by name, already held, or not
/// yet and the one thing that would change it — and a warning when the qualification that opens a level
/// expires before the date it is needed. The rule-by-rule trace stays the explanation behind it.
/// </summary>
public static class EligibilitySummary
{
    public static IReadOnlyList<LevelSummary> Of(EligibilityResult result, EligibilityRequest request, Func<string, CatalogueEntry?> catalogue, int renewalGraceDays)
    {
        var summaries = new List<LevelSummary>(result.Levels.Count);
        foreach (var level in result.Levels)
        {
            var warnings = new List<BilingualText>();
            var sentence = level.Status switch
            {
                EligibilityStatus.Eligible => Eligible(level, catalogue),
                EligibilityStatus.EligibleFrom => EligibleFrom(level, catalogue),
                EligibilityStatus.AlreadyHeld => AlreadyHeld(level),
                _ => NotYet(level, catalogue),
            };
            if (level.Status == EligibilityStatus.EligibleFrom && level.SupportingQualification is { } code
                && Find(request, code) is { } held && catalogue(code) is { } entry
                && ValidUntil(held, entry, result.EvaluationDate, renewalGraceDays) is { } end && end < level.EligibleFrom!.Value)
            {
                warnings.Add(new(
                    $"{Name(entry).En} expires on {D(end)}, before {D(level.EligibleFrom.Value)} when you need it: renew it so that it is still valid then.",
                    $"{Name(entry).Zh}将于 {D(end)} 到期，早于需要它的 {D(level.EligibleFrom.Value)}：请及时续期，使其届时仍然有效。"));
            }
            summaries.Add(new LevelSummary(level.Level, level.Status, sentence, warnings));
        }
        return summaries;
    }

    /// <summary>
    /// The last day of the unbroken validity that covers the evaluation date, counting renewals already
    /// listed that follow on (within the grace days); null when it needs no renewal or is not valid then.
    /// </summary>
    internal static DateOnly? ValidUntil(QualificationHeld qualification, CatalogueEntry entry, DateOnly evaluationDate, int renewalGraceDays)
    {
        var chain = HoldRule.Chain(qualification, entry, evaluationDate, renewalGraceDays);
        if (!chain.Covered || chain.CoveringEnd == DayInterval.Open)
        {
            return null;
        }
        var end = chain.CoveringEnd;
        foreach (var period in (qualification.ValidityPeriods ?? []).Where(p => p.From is not null).OrderBy(p => p.From))
        {
            if (period.From!.Value.DayNumber <= end + 1 + renewalGraceDays)
            {
                if (period.To is not { } to)
                {
                    return null;
                }
                end = Math.Max(end, to.DayNumber);
            }
        }
        return DateOnly.FromDayNumber(end);
    }

    private static BilingualText Eligible(LevelEligibility level, Func<string, CatalogueEntry?> catalogue)
    {
        var entry = catalogue(level.SupportingQualification!)!;
        var q = Name(entry);
        return level.Route == EligibilityRoute.Equivalent
            ? new($"Yes, you can apply now, through {q.En} ({entry.Code}), which corresponds to this level.",
                $"可以，现在即可凭{q.Zh}（{entry.Code}）申报，该资格对应此级别。")
            : new($"Yes, you can apply now, through {q.En} ({entry.Code}), one level above the {entry.Level.Name().En} it corresponds to.",
                $"可以，现在即可凭{q.Zh}（{entry.Code}）申报，比其对应的{entry.Level.Name().Zh}高一级。");
    }

    private static BilingualText EligibleFrom(LevelEligibility level, Func<string, CatalogueEntry?> catalogue)
    {
        var entry = catalogue(level.SupportingQualification!)!;
        var q = Name(entry);
        var from = D(level.EligibleFrom!.Value);
        var year = level.EligibleFromEvaluationYear!.Value.ToString(CultureInfo.InvariantCulture);
        return level.Route == EligibilityRoute.Equivalent
            ? new($"From {from}, in the {year} evaluation year, through {q.En} ({entry.Code}), which corresponds to this level, if you keep working in Guangzhou in a related field.",
                $"自 {from} 起可以申报（{year} 年度评价），凭{q.Zh}（{entry.Code}），该资格对应此级别；须继续在广州从事相关工作。")
            : new($"From {from}, in the {year} evaluation year, through {q.En} ({entry.Code}), one level above the {entry.Level.Name().En} it corresponds to, if you keep it valid and keep working in a related field.",
                $"自 {from} 起可以申报（{year} 年度评价），凭{q.Zh}（{entry.Code}），比其对应的{entry.Level.Name().Zh}高一级；须保持资格有效并继续从事相关工作。");
    }

    private static BilingualText AlreadyHeld(LevelEligibility level)
    {
        var held = level.Trace[0].Arguments;
        return new($"Already held: you hold the title {held.LevelA.Name().En}, obtained on {D(held.DateA)}.",
            $"已取得：您已于 {D(held.DateA)} 取得{held.LevelA.Name().Zh}职称。");
    }

    /// <summary>
    /// "Not yet" and the one thing that would change it: the first unmet condition of the most promising
    /// qualification — one for this very level (EQUIV) before one for the level below (UP).
    /// </summary>
    private static BilingualText NotYet(LevelEligibility level, Func<string, CatalogueEntry?> catalogue)
    {
        const string En = "Not yet. ", Zh = "暂不可以。";
        var target = level.Level;
        CatalogueEntry? equivalent = null, below = null, higher = null;
        RuleCheck[]? equivalentLines = null, belowLines = null;
        var highestLower = (CatalogueEntry?)null;
        for (var i = 1; i + 8 <= level.Trace.Count; i += 8)
        {
            var lines = Enumerable.Range(i, 8).Select(j => level.Trace[j]).ToArray();
            if (lines[0].QualificationCode is not { } code || catalogue(code) is not { } entry || lines[0].Outcome != RuleOutcome.Met)
            {
                continue;
            }
            if (entry.Level == target)
            {
                (equivalent, equivalentLines) = equivalent is null ? (entry, lines) : (equivalent, equivalentLines);
            }
            else if (entry.Level + 1 == target)
            {
                (below, belowLines) = below is null ? (entry, lines) : (below, belowLines);
            }
            else if (entry.Level > target)
            {
                higher ??= entry;
            }
            else if (highestLower is null || entry.Level > highestLower.Level)
            {
                highestLower = entry;
            }
        }

        BilingualText? thing = null;
        if (equivalent is not null)
        {
            thing = Blocker(equivalent, equivalentLines!, target, oneUp: false);
        }
        if (thing is null && below is not null)
        {
            thing = Blocker(below, belowLines!, target, oneUp: true);
        }
        if (thing is null && higher is not null)
        {
            thing = new($"{Name(higher).En} corresponds to {higher.Level.Name().En}, a higher level: apply for that level instead.",
                $"{Name(higher).Zh}对应{higher.Level.Name().Zh}，级别更高：请申报该级别。");
        }
        if (thing is null && highestLower is not null)
        {
            thing = new($"Your qualifications reach one level above {highestLower.Level.Name().En} at most, never two; {target.Name().En} needs a qualification that corresponds to {(target - 1).Name().En} or {target.Name().En}.",
                $"您的资格对应{highestLower.Level.Name().Zh}，最多只能高一级申报{(highestLower.Level + 1).Name().Zh}，不能高两级；申报{target.Name().Zh}需要对应{(target - 1).Name().Zh}或{target.Name().Zh}的资格。");
        }
        thing ??= target == TitleLevel.AssistantEngineer
            ? new("None of your qualifications is in the catalogue; a catalogue qualification that corresponds to Assistant Engineer would change this.",
                "您的资格均不在目录中；持有对应助理工程师的目录资格即可申报。")
            : new($"None of your qualifications is in the catalogue for this level; a catalogue qualification that corresponds to {target.Name().En}, or to {(target - 1).Name().En} with enough years, would change this.",
                $"您没有可用于此级别的目录资格；持有对应{target.Name().Zh}的目录资格，或对应{(target - 1).Name().Zh}且年限足够的资格，即可申报。");
        return new(En + thing.En, Zh + thing.Zh);
    }

    /// <summary>Lines per qualification: CAT, VALID, HOLD, LOCAL, EXP, EQUIV, UP, COUNT.</summary>
    private static BilingualText? Blocker(CatalogueEntry entry, RuleCheck[] lines, TitleLevel target, bool oneUp)
    {
        var q = Name(entry);
        RuleCheck valid = lines[1], hold = lines[2], local = lines[3], exp = lines[4], up = lines[6];
        if (valid.Outcome == RuleOutcome.NotMet)
        {
            return valid.ReasonCode == ReasonCode.ValidNotYetObtained
                ? new($"{q.En} counts from the day it is obtained ({D(valid.Arguments.DateB)}).", $"{q.Zh}自取得之日（{D(valid.Arguments.DateB)}）起才能使用。")
                : new($"Renew {q.En}: it is not valid on {D(valid.Arguments.DateA)}.", $"请续期{q.Zh}：{D(valid.Arguments.DateA)} 时该资格无效。");
        }
        if (local.Outcome == RuleOutcome.NotMet)
        {
            return local.ReasonCode == ReasonCode.LocalDissimilar
                ? new($"Your work in Guangzhou would need to be in a field the same as or similar to that of {q.En}.", $"您在广州的工作须与{q.Zh}的专业相同或相近。")
                : new($"You would need to be working in Guangzhou, in a field related to {q.En}, on {D(local.Arguments.DateA)}.", $"您须在 {D(local.Arguments.DateA)} 在广州从事与{q.Zh}相关的工作。");
        }
        if (!oneUp)
        {
            return null;
        }
        if (up.ReasonCode == ReasonCode.UpNoThreshold)
        {
            return new($"The rule set has no route from {entry.Level.Name().En} to {target.Name().En}.", $"规则集中没有从{entry.Level.Name().Zh}到{target.Name().Zh}的途径。");
        }
        if (exp.ReasonCode == ReasonCode.ExpDegreeNoRoute)
        {
            var degree = (DegreeLevel)exp.Arguments.NumberA;
            return new($"With a degree of the level {degree.Name().En}, one level up is closed; it needs a bachelor's degree or higher.",
                $"{degree.Name().Zh}学历不能高一级申报，须具有学士及以上学位。");
        }
        if (exp.ReasonCode == ReasonCode.ExpNever)
        {
            var a = exp.Arguments;
            return new($"You need {a.NumberB} years of relevant experience after your degree and no current work in a related field adds to it: related work that continues would change this.",
                $"学历后须有 {a.NumberB} 年相关工作经历，目前没有持续的相关工作：继续从事相关工作即可改变这一结果。");
        }
        if (hold.Outcome == RuleOutcome.NotMet)
        {
            return new($"Keep {q.En} valid without a gap: the holding period needs {hold.Arguments.NumberA} years.", $"请保持{q.Zh}连续有效：持证年限须满 {hold.Arguments.NumberA} 年。");
        }
        return null;
    }

    private static QualificationHeld? Find(EligibilityRequest request, string code) =>
        request.Qualifications?.FirstOrDefault(q => q.Code == code);

    private static BilingualText Name(CatalogueEntry entry) => new(entry.NameEn, entry.NameZh);

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
