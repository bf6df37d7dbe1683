using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Eligibility;

/// <summary>A document a rule or a parameter comes from, cited as people cite it, in both languages.</summary>
public sealed record SourceDocument(string Key, BilingualText Citation, string? Address = null);

/// <summary>
/// The documents TitleBridge's rules come from (the sources table of the policy), cited by key from
/// the rules (<see cref="EligibilityRule.Cites"/>) and from each rule-set parameter's <c>cites</c>.
/// Pages and the API show these citations, never an internal file.
/// </summary>
public static class PolicySources
{
    public static readonly SourceDocument Published = new("published", new(
        "Guangzhou Municipal Human Resources and Social Security Bureau, announcement of the Catalogue of Overseas Professional Qualifications Corresponding to Chinese Professional Titles (2025 Edition), December 2025",
        "广州市人力资源和社会保障局《广州市境外职业资格比照对应职称目录（2025年版）》发布公告（2025年12月）"),
        "https://rsj.gz.gov.cn/ywzt/rcgz/gzzc/tzgg/tzgg/content/post_10604303.html");

    public static readonly SourceDocument National16 = new("national-16", new(
        "MOHRSS and MIIT, Guiding Opinions on Deepening the Reform of the Title System for Engineering and Technical Personnel (2019, No. 16)",
        "人力资源社会保障部、工业和信息化部《关于深化工程技术人才职称制度改革的指导意见》（人社部发〔2019〕16号）"));

    public static readonly SourceDocument National40 = new("national-40", new(
        "Interim Provisions on the Administration of Professional Title Evaluation (MOHRSS Order No. 40, 2019)",
        "《职称评审管理暂行规定》（人力资源社会保障部令第40号，2019年）"));

    public static readonly SourceDocument NationalSupervision = new("national-supervision-2024", new(
        "Interim Measures for the Supervision of Professional Title Evaluation (MOHRSS, 2024)",
        "《职称评审监督暂行办法》（人力资源社会保障部，2024年）"));

    public static readonly SourceDocument Pipl = new("pipl", new(
        "Personal Information Protection Law of the People's Republic of China (2021)",
        "《中华人民共和国个人信息保护法》（2021年）"));

    public static readonly SourceDocument Shenzhen2022 = new("precedent-shenzhen-2022", new(
        "Shenzhen catalogue of overseas qualifications recognised as titles (2022)",
        "深圳市境外职业资格比照认定职称目录（2022年）"));

    public static readonly SourceDocument ShanghaiList = new("precedent-shanghai", new(
        "Shanghai list of recognised overseas qualifications",
        "上海市境外职业资格证书认可清单"));

    public static readonly SourceDocument ShenzhenHongKongMacaoTaiwan = new("precedent-shenzhen-hmt", new(
        "Shenzhen rules for Hong Kong, Macao and Taiwan professionals",
        "深圳港澳台专业人才职称评价办法"));

    public static readonly SourceDocument GuangdongPractice = new("precedent-guangdong", new(
        "Guangdong Province practice in professional title evaluation (counting of years)",
        "广东省职称评价工作惯例（年限计算）"));

    public static readonly SourceDocument Default = new("default", new(
        "TitleBridge default, not confirmed for Guangzhou",
        "本系统默认值，尚未经广州市确认"));

    public static IReadOnlyList<SourceDocument> All { get; } =
        [Published, National16, National40, NationalSupervision, Pipl, Shenzhen2022, ShanghaiList, ShenzhenHongKongMacaoTaiwan, GuangdongPractice, Default];

    private static readonly Dictionary<string, SourceDocument> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static SourceDocument? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>What a value with no <c>cites</c> of its own rests on: the document its confidence label names.</summary>
    public static SourceDocument ForLabel(SourceLabel label) => label switch
    {
        SourceLabel.Published => Published,
        SourceLabel.National => National16,
        SourceLabel.Precedent => Shenzhen2022,
        _ => Default,
    };

    /// <summary>The documents a parameter cites: its own <c>cites</c>, or the one its label names.</summary>
    public static IReadOnlyList<SourceDocument> Of<T>(Sourced<T> parameter) =>
        parameter.Cites is { Count: > 0 } keys ? keys.Select(k => ByKey[k]).ToList() : [ForLabel(parameter.Label)];
}

/// <summary>The names of the rule-set parameters people read on the rules page and in the API.</summary>
public static class ParameterNames
{
    private static readonly Dictionary<string, BilingualText> Names = new(StringComparer.Ordinal)
    {
        ["renewalGraceDays"] = new("Days of grace between a qualification's validity periods", "资格续期的宽限天数"),
        ["minLocalMonths"] = new("Minimum months working in Guangzhou", "在穗工作最少月数"),
        ["partTimeFactor"] = new("Share of part-time work that counts as experience", "兼职工作计入经历的比例"),
        ["experienceDaysPerYear"] = new("Days of experience that make one year", "折合一年工作经历的天数"),
        ["countingConvention"] = new("How years are counted", "年限计算方法"),
        ["correctionWorkingDays"] = new("Working days to correct an application", "补正期限（工作日）"),
        ["prePublicityWorkingDays"] = new("Working days of the employer's pre-evaluation publicity", "评前公示期（工作日）"),
        ["resultPublicityWorkingDays"] = new("Working days of the result publicity", "评后公示期（工作日）"),
        ["quorumFraction"] = new("Share of committee members who must be present", "评审会议出席人数比例下限"),
        ["passFraction"] = new("Share of yes votes among members present needed to pass", "通过所需赞成票占出席人数的比例"),
        ["minCommitteeSize"] = new("Smallest committee for junior and intermediate titles", "初、中级评审委员会最少人数"),
        ["reexaminationDays"] = new("Days to request a re-examination", "申请复查的期限（天）"),
        ["integrityRecordYears"] = new("Years a revocation for fraud stays on the integrity record, barring new applications", "因弄虚作假被撤销职称后记入诚信档案、不得申报的年限"),
        ["supervisionSampleFraction"] = new("Share of decided files sampled for a second look", "抽查复核的已决申报比例"),
        ["maxExpertTermYears"] = new("Longest appointment term of an expert (years)", "评审专家最长聘期（年）"),
        ["seniorCommitteeMinSizeBySeries"] = new("Smallest senior committee organised by series", "按系列组建的高级评审委员会最少人数"),
        ["seniorCommitteeMinSizeBySpecialty"] = new("Smallest senior committee organised by specialty", "按专业组建的高级评审委员会最少人数"),
        ["reviewGroupSize"] = new("Experts who read each file", "每份材料的评议专家人数"),
        ["conflictLookbackYears"] = new("Years an earlier shared employer counts as a conflict", "曾在同一单位工作构成回避的年限"),
        ["maxFilesPerExpert"] = new("Most files one expert reads", "每位专家最多评议的材料份数"),
        ["reviewWorkingDays"] = new("Working days for the review group", "评议组评议期限（工作日）"),
        ["assignmentCosts"] = new("Weights of the review-group assignment", "评议组分配的权重"),
        ["scoring"] = new("Scoring scale and criteria", "评分标准及权重"),
        ["holdYears"] = new("years holding the qualification", "持证年限"),
        ["workYearsAfterDegree"] = new("years of relevant experience after the degree", "取得学历后相关工作年限"),
    };

    public static BilingualText Of(string name) => Names.GetValueOrDefault(name) ?? new(name, name);

    /// <summary>A threshold of one level up: "Assistant Engineer → Engineer: years holding the qualification (doctorate)".</summary>
    public static BilingualText OfThreshold(TitleLevel from, TitleLevel to, string name, DegreeLevel? degree)
    {
        var n = Of(name);
        var f = from.Name();
        var t = to.Name();
        return degree is { } d
            ? new($"{f.En} → {t.En}: {n.En} ({d.Name().En})", $"{f.Zh}→{t.Zh}：{n.Zh}（{d.Name().Zh}）")
            : new($"{f.En} → {t.En}: {n.En}", $"{f.Zh}→{t.Zh}：{n.Zh}");
    }

    public static BilingualText Of(CountingConvention convention) => convention switch
    {
        CountingConvention.Days => new("by days: anniversaries for holding periods, days for experience", "按日计算：持证年限按周年，工作经历按天数"),
        _ => new("by calendar years, from 1 January after the start to 31 December of the evaluation year", "按自然年计算：自起始次年1月1日至评价年度12月31日"),
    };
}

/// <summary>One parameter of a rule set as people read it: its name, its value, and the documents it comes from.</summary>
public sealed record ParameterView(
    string Key, BilingualText Name, string Raw, BilingualText Value, SourceLabel Label, bool ConfirmedForGuangzhou, string Source, IReadOnlyList<SourceDocument> Cites);

public static class RuleSetParameters
{
    /// <summary>Every parameter of <paramref name="r"/>, in the order of policy.md §2, §3 and §5.</summary>
    public static IEnumerable<ParameterView> Of(RuleSet r)
    {
        static ParameterView P<T>(string key, BilingualText name, Sourced<T> s, BilingualText? value = null, string? raw = null)
        {
            var text = raw ?? s.Value?.ToString() ?? "—";
            return new(key, name, text, value ?? new(text, text), s.Label, s.ConfirmedForGuangzhou, s.Source, PolicySources.Of(s));
        }

        var e = r.Eligibility;
        yield return P("renewalGraceDays", ParameterNames.Of("renewalGraceDays"), e.RenewalGraceDays);
        yield return P("minLocalMonths", ParameterNames.Of("minLocalMonths"), e.MinLocalMonths);
        yield return P("partTimeFactor", ParameterNames.Of("partTimeFactor"), e.PartTimeFactor);
        yield return P("experienceDaysPerYear", ParameterNames.Of("experienceDaysPerYear"), e.ExperienceDaysPerYear);
        yield return P("countingConvention", ParameterNames.Of("countingConvention"), e.CountingConvention, ParameterNames.Of(e.CountingConvention.Value),
            e.CountingConvention.Value == CountingConvention.Days ? "days" : "guangdong-calendar-year");
        foreach (var t in r.UpThresholds)
        {
            var step = $"{t.From.Code()}→{t.To.Code()}";
            yield return P($"{step} holdYears", ParameterNames.OfThreshold(t.From, t.To, "holdYears", null), t.HoldYears);
            foreach (var (degree, years) in t.HoldYearsByDegree)
            {
                yield return P($"{step} holdYears ({degree.Code()})", ParameterNames.OfThreshold(t.From, t.To, "holdYears", degree), years);
            }
            foreach (var (degree, years) in t.WorkYearsAfterDegree)
            {
                yield return P($"{step} workYearsAfterDegree ({degree.Code()})", ParameterNames.OfThreshold(t.From, t.To, "workYearsAfterDegree", degree), years,
                    years.Value is null ? new("— (this degree cannot use this route)", "—（该学历不适用此途径）") : null);
            }
        }
        var p = r.Procedure;
        foreach (var (key, value) in new (string, Sourced<int>)[]
        {
            ("correctionWorkingDays", p.CorrectionWorkingDays), ("prePublicityWorkingDays", p.PrePublicityWorkingDays),
            ("resultPublicityWorkingDays", p.ResultPublicityWorkingDays),
        })
        {
            yield return P(key, ParameterNames.Of(key), value);
        }
        yield return P("quorumFraction", ParameterNames.Of("quorumFraction"), p.QuorumFraction);
        yield return P("passFraction", ParameterNames.Of("passFraction"), p.PassFraction);
        yield return P("minCommitteeSize", ParameterNames.Of("minCommitteeSize"), p.MinCommitteeSize);
        yield return P("reexaminationDays", ParameterNames.Of("reexaminationDays"), p.ReexaminationDays);
        yield return P("integrityRecordYears", ParameterNames.Of("integrityRecordYears"), p.IntegrityRecordYears);
        yield return P("supervisionSampleFraction", ParameterNames.Of("supervisionSampleFraction"), p.SupervisionSampleFraction);
        var v = r.Review;
        foreach (var (key, value) in new (string, Sourced<int>)[]
        {
            ("maxExpertTermYears", v.MaxExpertTermYears), ("seniorCommitteeMinSizeBySeries", v.SeniorCommitteeMinSizeBySeries),
            ("seniorCommitteeMinSizeBySpecialty", v.SeniorCommitteeMinSizeBySpecialty), ("reviewGroupSize", v.ReviewGroupSize),
            ("conflictLookbackYears", v.ConflictLookbackYears), ("maxFilesPerExpert", v.MaxFilesPerExpert), ("reviewWorkingDays", v.ReviewWorkingDays),
        })
        {
            yield return P(key, ParameterNames.Of(key), value);
        }
        var costs = v.AssignmentCosts.Value;
        yield return P("assignmentCosts", ParameterNames.Of("assignmentCosts"), v.AssignmentCosts,
            new($"same group instead of same specialty: {costs.GroupMatch}; each further file: {costs.LoadStep}", $"同组（非同专业）：{costs.GroupMatch}；每多一份：{costs.LoadStep}"),
            $"groupMatch {costs.GroupMatch}, loadStep {costs.LoadStep}");
        var scoring = v.Scoring.Value;
        yield return P("scoring", ParameterNames.Of("scoring"), v.Scoring,
            new($"{scoring.Min}–{scoring.Max}: " + string.Join(", ", scoring.Criteria.Select(c => $"{c.Name.En} {c.Weight}")),
                $"{scoring.Min}–{scoring.Max}：" + string.Join("，", scoring.Criteria.Select(c => $"{c.Name.Zh} {c.Weight}"))),
            $"{scoring.Min}–{scoring.Max}: " + string.Join(", ", scoring.Criteria.Select(c => $"{c.Key} {c.Weight}")));
    }

    /// <summary>Every document the rules and parameters of <paramref name="r"/> cite, each once, in the order of the sources table.</summary>
    public static IReadOnlyList<SourceDocument> AllCitations(this RuleSet r)
    {
        var cited = Of(r).SelectMany(p => p.Cites).Concat(EligibilityRule.All.SelectMany(rule => rule.Cites)).ToHashSet();
        return [.. PolicySources.All.Where(cited.Contains)];
    }
}
