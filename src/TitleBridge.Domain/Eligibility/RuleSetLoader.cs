using System.Globalization;
using System.Text.Json;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;

namespace TitleBridge.Domain.Eligibility;

/// <summary>
/// Reads and checks a rule-set file (<c>data/policy/*.json</c>). Every missing or ill-typed value is
/// reported as a <see cref="Problem"/> with its JSON path; nothing is defaulted silently, because a rule
/// set is the published policy and a guessed value would be an unpublished one.
/// </summary>
public static class RuleSetLoader
{
    public const string ConventionDays = "days";
    public const string ConventionGuangdongCalendarYear = "guangdong-calendar-year";

    public static Result<RuleSet> LoadFile(string path) => Load(File.ReadAllText(path));

    public static Result<RuleSet> Load(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Result<RuleSet>.Failure(new Problem(
                "rule-set.not-json",
                new($"The rule set is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).",
                    $"规则集不是有效的 JSON（第 {(e.LineNumber ?? 0) + 1} 行，第 {(e.BytePositionInLine ?? 0) + 1} 字节）。")));
        }

        using (document)
        {
            var reader = new Reader();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Result<RuleSet>.Failure(reader.Problem("", "rule-set.ill-typed", "an object", "对象"));
            }

            var id = reader.String(root, "", "id");
            var version = reader.String(root, "", "version");
            var effectiveFrom = reader.Date(root, "", "effectiveFrom");
            var nameEn = reader.String(root, "", "nameEn");
            var nameZh = reader.String(root, "", "nameZh");
            var source = reader.String(root, "", "source");

            var eligibility = reader.Object(root, "", "eligibility") is { } e2
                ? new EligibilityParameters(
                    reader.Int(e2, "eligibility", "renewalGraceDays", minimum: 0)!,
                    reader.Int(e2, "eligibility", "minLocalMonths", minimum: 0)!,
                    reader.Fraction(e2, "eligibility", "partTimeFactor")!,
                    reader.Int(e2, "eligibility", "experienceDaysPerYear", minimum: 1)!,
                    reader.Convention(e2, "eligibility", "countingConvention")!)
                : null;

            var thresholds = new List<UpThreshold>();
            if (reader.Array(root, "", "upThresholds") is { } rows)
            {
                var i = 0;
                foreach (var row in rows.EnumerateArray())
                {
                    var path = $"upThresholds[{i++}]";
                    if (row.ValueKind != JsonValueKind.Object)
                    {
                        reader.Problem(path, "rule-set.ill-typed", "an object", "对象");
                        continue;
                    }
                    var from = reader.Level(row, path, "from");
                    var to = reader.Level(row, path, "to");
                    var hold = reader.Int(row, path, "holdYears", minimum: 0);
                    var byDegree = new Dictionary<DegreeLevel, Sourced<int>>();
                    if (reader.Object(row, path, "holdYearsByDegree") is { } exceptions)
                    {
                        foreach (var property in exceptions.EnumerateObject())
                        {
                            if (!DegreeLevels.TryParseCode(property.Name, out var degree))
                            {
                                reader.Problem($"{path}.holdYearsByDegree.{property.Name}", "rule-set.unknown-degree", "a degree code (doctorate, master, bachelor, associate, other)", "学历代码（doctorate、master、bachelor、associate、other）");
                                continue;
                            }
                            if (reader.Int(exceptions, $"{path}.holdYearsByDegree", property.Name, minimum: 0) is { } years)
                            {
                                byDegree[degree] = years;
                            }
                        }
                    }
                    var work = new Dictionary<DegreeLevel, Sourced<int?>>();
                    if (reader.Object(row, path, "workYearsAfterDegree") is { } perDegree)
                    {
                        // Every degree must be present: "—" is written as null, so a forgotten degree is a mistake, not "—".
                        foreach (var degree in DegreeLevels.All)
                        {
                            if (reader.NullableInt(perDegree, $"{path}.workYearsAfterDegree", degree.Code()) is { } years)
                            {
                                work[degree] = years;
                            }
                        }
                    }
                    if (from is { } f && to is { } t && hold is not null)
                    {
                        if (f.Next() != t)
                        {
                            reader.Problem($"{path}.to", "rule-set.not-one-level-up", "the level one above 'from' (rule UP: one level, never two)", "比 from 高一级的级别（规则 UP：只能高一级）");
                        }
                        thresholds.Add(new UpThreshold(f, t, hold, byDegree, work));
                    }
                }
            }

            var procedure = reader.Object(root, "", "procedure") is { } p
                ? new ProcedureParameters(
                    reader.Int(p, "procedure", "correctionWorkingDays", minimum: 1)!,
                    reader.Int(p, "procedure", "prePublicityWorkingDays", minimum: 1)!,
                    reader.Int(p, "procedure", "resultPublicityWorkingDays", minimum: 1)!,
                    reader.Fraction(p, "procedure", "quorumFraction")!,
                    reader.Fraction(p, "procedure", "passFraction")!,
                    reader.Int(p, "procedure", "minCommitteeSize", minimum: 1)!,
                    reader.Int(p, "procedure", "reexaminationDays", minimum: 1)!,
                    reader.Int(p, "procedure", "integrityRecordYears", minimum: 0)!,
                    reader.Fraction(p, "procedure", "supervisionSampleFraction")!)
                : null;

            var review = reader.Object(root, "", "review") is { } r
                ? ReviewSection(reader, r)
                : null;
            var statistics = reader.Object(root, "", "statistics") is { } st
                ? new Statistics.DisclosureParameters(
                    reader.Int(st, "statistics", "roundTo", minimum: 1)!,
                    reader.Int(st, "statistics", "smallCountBelow", minimum: 1)!,
                    reader.Int(st, "statistics", "minPercentageBase", minimum: 1)!)
                : null;
            var personalData = reader.Object(root, "", "personalData") is { } pd
                ? new PersonalDataParameters(reader.Int(pd, "personalData", "retentionYears", minimum: 1)!)
                : null;

            if (reader.Problems.Count > 0)
            {
                return Result<RuleSet>.Failure(reader.Problems);
            }
            return Result<RuleSet>.Success(new RuleSet(
                id!, version!, effectiveFrom!.Value, new BilingualText(nameEn!, nameZh!), source!,
                eligibility!, thresholds, procedure!, review!)
            { Statistics = statistics!, PersonalData = personalData! });
        }
    }

    /// <summary>policy.md §5.4: the review group is odd and at least 3; the scale and weights are data.</summary>
    private static ReviewParameters? ReviewSection(Reader reader, JsonElement r)
    {
        const string path = "review";
        var groupSize = reader.Int(r, path, "reviewGroupSize", minimum: 3);
        if (groupSize is { Value: var k } && k % 2 == 0)
        {
            reader.Problem("review.reviewGroupSize.value", "rule-set.ill-typed", "an odd whole number ≥ 3", "不小于 3 的奇数");
        }
        var parameters = new ReviewParameters(
            reader.Int(r, path, "maxExpertTermYears", minimum: 1)!,
            reader.Int(r, path, "seniorCommitteeMinSizeBySeries", minimum: 1)!,
            reader.Int(r, path, "seniorCommitteeMinSizeBySpecialty", minimum: 1)!,
            groupSize!,
            reader.Int(r, path, "conflictLookbackYears", minimum: 0)!,
            reader.Int(r, path, "maxFilesPerExpert", minimum: 1)!,
            reader.Int(r, path, "reviewWorkingDays", minimum: 1)!,
            reader.Costs(r, path, "assignmentCosts")!,
            reader.Scoring(r, path, "scoring")!);
        return parameters;
    }

    /// <summary>Walks the document and collects problems instead of stopping at the first.</summary>
    private sealed class Reader
    {
        public List<Problem> Problems { get; } = [];

        public Problem Problem(string field, string code, string expectedEn, string expectedZh)
        {
            var problem = code switch
            {
                "rule-set.missing" => new Problem(code, new($"'{field}' is missing: expected {expectedEn}.", $"缺少“{field}”：应为{expectedZh}。"), field),
                _ => new Problem(code, new($"'{field}' is not valid: expected {expectedEn}.", $"“{field}”无效：应为{expectedZh}。"), field),
            };
            Problems.Add(problem);
            return problem;
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private JsonElement? Property(JsonElement parent, string path, string name, string expectedEn, string expectedZh)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Undefined)
            {
                return value;
            }
            Problem(Join(path, name), "rule-set.missing", expectedEn, expectedZh);
            return null;
        }

        public string? String(JsonElement parent, string path, string name)
        {
            if (Property(parent, path, name, "a text", "文本") is not { } value)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString();
            }
            Problem(Join(path, name), "rule-set.ill-typed", "a non-empty text", "非空文本");
            return null;
        }

        public DateOnly? Date(JsonElement parent, string path, string name)
        {
            if (Property(parent, path, name, "a date yyyy-MM-dd", "日期 yyyy-MM-dd") is not { } value)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            Problem(Join(path, name), "rule-set.ill-typed", "a date yyyy-MM-dd", "日期 yyyy-MM-dd");
            return null;
        }

        public JsonElement? Object(JsonElement parent, string path, string name)
        {
            if (Property(parent, path, name, "an object", "对象") is not { } value)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Object)
            {
                return value;
            }
            Problem(Join(path, name), "rule-set.ill-typed", "an object", "对象");
            return null;
        }

        public JsonElement? Array(JsonElement parent, string path, string name)
        {
            if (Property(parent, path, name, "an array", "数组") is not { } value)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Array)
            {
                return value;
            }
            Problem(Join(path, name), "rule-set.ill-typed", "an array", "数组");
            return null;
        }

        public TitleLevel? Level(JsonElement parent, string path, string name)
        {
            if (String(parent, path, name) is not { } code)
            {
                return null;
            }
            if (TitleLevels.TryParseCode(code, out var level))
            {
                return level;
            }
            Problem(Join(path, name), "rule-set.ill-typed", "a level code AE, E, SE or PSE", "级别代码 AE、E、SE 或 PSE");
            return null;
        }

        /// <summary>
        /// A parameter: <c>{ "value": …, "label": …, "confirmedForGuangzhou": …, "source": … }</c>.
        /// [precedent] and [default] values cannot be marked confirmed (policy.md, confidence labels).
        /// </summary>
        private Sourced<T>? Parameter<T>(JsonElement parent, string path, string name, bool allowNull, string expectedEn, string expectedZh, Func<JsonElement, (bool Ok, T Value)> read)
        {
            var field = Join(path, name);
            if (Object(parent, path, name) is not { } wrapper)
            {
                return null;
            }
            var source = String(wrapper, field, "source");
            var cites = Cites(wrapper, field);
            SourceLabel? label = null;
            if (String(wrapper, field, "label") is { } labelText)
            {
                label = labelText switch
                {
                    "published" => SourceLabel.Published,
                    "national" => SourceLabel.National,
                    "precedent" => SourceLabel.Precedent,
                    "default" => SourceLabel.Default,
                    _ => null,
                };
                if (label is null)
                {
                    Problem(Join(field, "label"), "rule-set.ill-typed", "published, national, precedent or default", "published、national、precedent 或 default");
                }
            }
            bool? confirmed = null;
            if (Property(wrapper, field, "confirmedForGuangzhou", "true or false", "true 或 false") is { } flag)
            {
                if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    confirmed = flag.GetBoolean();
                    if (confirmed == true && label is SourceLabel.Precedent or SourceLabel.Default)
                    {
                        Problem(Join(field, "confirmedForGuangzhou"), "rule-set.unconfirmed-label", "false for a [precedent] or [default] value", "[precedent] 或 [default] 的值应为 false");
                    }
                }
                else
                {
                    Problem(Join(field, "confirmedForGuangzhou"), "rule-set.ill-typed", "true or false", "true 或 false");
                }
            }
            T? result = default;
            var ok = false;
            if (Property(wrapper, field, "value", expectedEn, expectedZh) is { } value)
            {
                if (value.ValueKind == JsonValueKind.Null && allowNull)
                {
                    ok = true;
                }
                else
                {
                    (ok, result) = read(value);
                    if (!ok)
                    {
                        Problem(Join(field, "value"), "rule-set.ill-typed", expectedEn, expectedZh);
                    }
                }
            }
            return ok && source is not null && label is not null && confirmed is not null
                ? new Sourced<T>(result!, label.Value, source, confirmed.Value, cites)
                : null;
        }

        /// <summary>The optional <c>cites</c>: keys of <see cref="PolicySources"/> documents.</summary>
        private List<string> Cites(JsonElement wrapper, string field)
        {
            var cites = new List<string>();
            if (!wrapper.TryGetProperty("cites", out var array))
            {
                return cites;
            }
            var keys = string.Join(", ", PolicySources.All.Select(s => s.Key));
            if (array.ValueKind != JsonValueKind.Array)
            {
                Problem(Join(field, "cites"), "rule-set.ill-typed", $"a list of source keys ({keys})", $"来源代码列表（{keys}）");
                return cites;
            }
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && PolicySources.Find(item.GetString()!) is { } document)
                {
                    cites.Add(document.Key);
                }
                else
                {
                    Problem(Join(field, "cites"), "rule-set.unknown-source", $"one of {keys}", $"以下之一：{keys}");
                }
            }
            return cites;
        }

        public Sourced<int>? Int(JsonElement parent, string path, string name, int minimum) =>
            Parameter(parent, path, name, allowNull: false, $"a whole number ≥ {minimum}", $"不小于 {minimum} 的整数",
                v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= minimum ? (true, n) : (false, 0));

        public Sourced<int?>? NullableInt(JsonElement parent, string path, string name) =>
            Parameter<int?>(parent, path, name, allowNull: true, "a whole number ≥ 0, or null for '—'", "不小于 0 的整数，或 null 表示“—”",
                v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0 ? (true, n) : (false, null));

        public Sourced<Fraction>? Fraction(JsonElement parent, string path, string name) =>
            Parameter(parent, path, name, allowNull: false, "{ numerator, denominator } with 0 ≤ numerator ≤ denominator, denominator > 0", "{ numerator, denominator }，0 ≤ 分子 ≤ 分母，分母 > 0",
                v => v.ValueKind == JsonValueKind.Object
                     && v.TryGetProperty("numerator", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var num)
                     && v.TryGetProperty("denominator", out var d) && d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var den)
                     && den > 0 && num >= 0 && num <= den
                    ? (true, new Fraction(num, den))
                    : (false, new Fraction(0, 1)));

        public Sourced<AssignmentCosts>? Costs(JsonElement parent, string path, string name) =>
            Parameter(parent, path, name, allowNull: false, "{ groupMatch, loadStep } whole numbers ≥ 0", "{ groupMatch, loadStep }，不小于 0 的整数",
                v => v.ValueKind == JsonValueKind.Object
                     && v.TryGetProperty("groupMatch", out var g) && g.ValueKind == JsonValueKind.Number && g.TryGetInt32(out var group) && group >= 0
                     && v.TryGetProperty("loadStep", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var step) && step >= 0
                    ? (true, new AssignmentCosts(group, step))
                    : (false, new AssignmentCosts(0, 0)));

        /// <summary>A scale min &lt; max and at least one criterion, each with a unique key, both names and a weight ≥ 1.</summary>
        public Sourced<ScoringScheme>? Scoring(JsonElement parent, string path, string name) =>
            Parameter(parent, path, name, allowNull: false, "{ scaleMin, scaleMax, criteria: [{ key, nameEn, nameZh, weight ≥ 1 }] } with scaleMin < scaleMax", "{ scaleMin, scaleMax, criteria: [{ key, nameEn, nameZh, weight ≥ 1 }] }，scaleMin < scaleMax",
                v =>
                {
                    if (v.ValueKind != JsonValueKind.Object
                        || !v.TryGetProperty("scaleMin", out var mn) || !mn.TryGetInt32(out var min)
                        || !v.TryGetProperty("scaleMax", out var mx) || !mx.TryGetInt32(out var max) || min >= max
                        || !v.TryGetProperty("criteria", out var cs) || cs.ValueKind != JsonValueKind.Array || cs.GetArrayLength() == 0)
                    {
                        return (false, null!);
                    }
                    var criteria = new List<ScoringCriterion>();
                    foreach (var c in cs.EnumerateArray())
                    {
                        if (c.ValueKind != JsonValueKind.Object
                            || !c.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(key.GetString())
                            || !c.TryGetProperty("nameEn", out var en) || en.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(en.GetString())
                            || !c.TryGetProperty("nameZh", out var zh) || zh.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(zh.GetString())
                            || !c.TryGetProperty("weight", out var w) || w.ValueKind != JsonValueKind.Number || !w.TryGetInt32(out var weight) || weight < 1
                            || criteria.Any(x => x.Key == key.GetString()))
                        {
                            return (false, null!);
                        }
                        criteria.Add(new ScoringCriterion(key.GetString()!, new BilingualText(en.GetString()!, zh.GetString()!), weight));
                    }
                    return (true, new ScoringScheme(min, max, criteria));
                });

        public Sourced<CountingConvention>? Convention(JsonElement parent, string path, string name) =>
            Parameter(parent, path, name, allowNull: false, $"'{ConventionDays}' or '{ConventionGuangdongCalendarYear}'", $"“{ConventionDays}”或“{ConventionGuangdongCalendarYear}”",
                v => v.ValueKind == JsonValueKind.String
                    ? v.GetString() switch
                    {
                        ConventionDays => (true, CountingConvention.Days),
                        ConventionGuangdongCalendarYear => (true, CountingConvention.GuangdongCalendarYear),
                        _ => (false, CountingConvention.Days),
                    }
                    : (false, CountingConvention.Days));
    }
}

/// <summary>
/// The rule sets an administrator has published. The one in force on a date is the latest whose
/// <see cref="RuleSet.EffectiveFrom"/> is on or before it, so an evaluation dated before a newer version
/// took effect still uses the earlier one.
/// </summary>
public sealed class RuleSetCatalogue
{
    private readonly RuleSet[] _byEffectiveDate;

    public RuleSetCatalogue(IEnumerable<RuleSet> ruleSets)
    {
        _byEffectiveDate = ruleSets.OrderBy(r => r.EffectiveFrom).ToArray();
        for (var i = 1; i < _byEffectiveDate.Length; i++)
        {
            if (_byEffectiveDate[i].EffectiveFrom == _byEffectiveDate[i - 1].EffectiveFrom)
            {
                throw new ArgumentException(
                    $"Rule sets {_byEffectiveDate[i - 1].Version} and {_byEffectiveDate[i].Version} take effect on the same day.",
                    nameof(ruleSets));
            }
        }
    }

    public IReadOnlyList<RuleSet> All => _byEffectiveDate;

    /// <summary>The rule set in force on <paramref name="date"/>, or null before the first took effect.</summary>
    public RuleSet? InForceOn(DateOnly date)
    {
        RuleSet? inForce = null;
        foreach (var ruleSet in _byEffectiveDate)
        {
            if (ruleSet.EffectiveFrom > date)
            {
                break;
            }
            inForce = ruleSet;
        }
        return inForce;
    }

    /// <summary>Loads every <c>*.json</c> of a folder; the problems of all files are returned together.</summary>
    public static Result<RuleSetCatalogue> LoadFolder(string folder)
    {
        var problems = new List<Problem>();
        var ruleSets = new List<RuleSet>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var result = RuleSetLoader.LoadFile(file);
            if (result.Succeeded)
            {
                ruleSets.Add(result.Value);
            }
            else
            {
                problems.AddRange(result.Problems.Select(p => p with { Field = $"{Path.GetFileName(file)}:{p.Field}" }));
            }
        }
        var duplicates = ruleSets.GroupBy(r => r.EffectiveFrom).Where(g => g.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            problems.Add(new Problem(
                "rule-set.same-effective-date",
                new($"Several rule sets take effect on {duplicate.Key:yyyy-MM-dd}.", $"多个规则集于 {duplicate.Key:yyyy-MM-dd} 生效。")));
        }
        return problems.Count > 0
            ? Result<RuleSetCatalogue>.Failure(problems)
            : Result<RuleSetCatalogue>.Success(new RuleSetCatalogue(ruleSets));
    }
}
