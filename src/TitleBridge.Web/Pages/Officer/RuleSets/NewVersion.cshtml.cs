using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Officer.RuleSets;

/// <summary>
/// "New version from the one in force" (issue #11): the officer changes whole-number and fraction parameters
/// of the eligibility, procedure and review sections, gives the new version, its effective date and the
/// source of each changed value, and the version is saved through <see cref="RuleSetStore.AddVersionAsync"/>,
/// the same validation as the JSON upload. Fields are checked one by one, messages name the field. "Preview the
/// impact" evaluates the same candidate on the open cycle's files without saving it (<see cref="PreviewRuleSetImpact"/>).
/// </summary>
public sealed class NewVersionModel(RuleSetStore store, PreviewRuleSetImpact impact, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxVersionLength = 40;
    public const int MaxSourceLength = 300;
    public const int MaxValueLength = 20;

    public enum Kind { Integer, Fraction }

    /// <summary>A parameter the form edits: its section in the rule-set file, its key and its kind.</summary>
    public sealed record Editable(string Section, string Key, Kind Kind)
    {
        public BilingualText Name => ParameterNames.Of(Key);
    }

    /// <summary>The parameters the form offers, in the order of policy.md §2, §5 and the review section.</summary>
    public static readonly IReadOnlyList<Editable> Parameters =
    [
        new("eligibility", "renewalGraceDays", Kind.Integer),
        new("eligibility", "minLocalMonths", Kind.Integer),
        new("eligibility", "partTimeFactor", Kind.Fraction),
        new("eligibility", "experienceDaysPerYear", Kind.Integer),
        new("procedure", "correctionWorkingDays", Kind.Integer),
        new("procedure", "prePublicityWorkingDays", Kind.Integer),
        new("procedure", "resultPublicityWorkingDays", Kind.Integer),
        new("procedure", "quorumFraction", Kind.Fraction),
        new("procedure", "passFraction", Kind.Fraction),
        new("procedure", "minCommitteeSize", Kind.Integer),
        new("procedure", "reexaminationDays", Kind.Integer),
        new("procedure", "integrityRecordYears", Kind.Integer),
        new("procedure", "supervisionSampleFraction", Kind.Fraction),
        new("review", "maxExpertTermYears", Kind.Integer),
        new("review", "seniorCommitteeMinSizeBySeries", Kind.Integer),
        new("review", "seniorCommitteeMinSizeBySpecialty", Kind.Integer),
        new("review", "reviewGroupSize", Kind.Integer),
        new("review", "conflictLookbackYears", Kind.Integer),
        new("review", "maxFilesPerExpert", Kind.Integer),
        new("review", "reviewWorkingDays", Kind.Integer),
    ];

    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public Dictionary<string, string?> Value { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Source { get; set; } = [];

    /// <summary>The version the form starts from.</summary>
    public RuleSet? InForce { get; private set; }

    /// <summary>Each parameter's value in <see cref="InForce"/>, as the form shows it.</summary>
    public Dictionary<string, string> Current { get; } = [];

    /// <summary>The candidate's effect on the open cycle, after "Preview the impact".</summary>
    public RuleSetImpactDto? Impact { get; private set; }

    /// <summary>Field id → message, in the order of the form.</summary>
    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Key == field).Value;

    public static string ValueId(string key) => $"Value_{key}";

    public static string SourceId(string key) => $"Source_{key}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await StartAsync(ct) is null)
        {
            return NotFound();
        }
        foreach (var (key, value) in Current)
        {
            Value[key] = value;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await StartAsync(ct) is not { } root)
        {
            return NotFound();
        }
        if (Candidate(root) is { } json)
        {
            var saved = await store.AddVersionAsync(json, User.Identity!.Name!, ct);
            if (saved.Succeeded)
            {
                return Redirect($"/officer/rule-sets?loaded={Uri.EscapeDataString(saved.Value.Version)}");
            }
            AddProblems(saved.Problems);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The same candidate, evaluated on every submitted file of the open cycle; nothing is stored.</summary>
    public async Task<IActionResult> OnPostImpactAsync(CancellationToken ct)
    {
        if (await StartAsync(ct) is not { } root)
        {
            return NotFound();
        }
        if (Candidate(root) is { } json)
        {
            var previewed = await impact.HandleAsync(json, ct);
            if (previewed.Succeeded)
            {
                Impact = previewed.Value;
                return Page();
            }
            AddProblems(previewed.Problems);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The rule-set file the form describes, or null with <see cref="Errors"/> naming each field that is wrong.</summary>
    private string? Candidate(JsonObject root)
    {
        var version = Version?.Trim() ?? "";
        if (version.Length == 0)
        {
            Error("Version", "RuleSetForm.VersionRequired");
        }
        else if (version.Length > MaxVersionLength)
        {
            Error("Version", "RuleSetForm.TooLong", l["RuleSetForm.Version"].Value, MaxVersionLength);
        }
        var effective = EffectiveFrom?.Trim() ?? "";
        if (effective.Length == 0)
        {
            Error("EffectiveFrom", "RuleSetForm.EffectiveFromRequired");
        }
        else if (!DateOnly.TryParseExact(effective, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            Error("EffectiveFrom", "RuleSetForm.EffectiveFromInvalid");
        }
        else if (from <= time.Today())
        {
            Error("EffectiveFrom", "RuleSetForm.EffectiveFromNotFuture", time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        var changed = 0;
        foreach (var p in Parameters)
        {
            var name = p.Name.Pick();
            var text = Value.GetValueOrDefault(p.Key)?.Trim() ?? "";
            if (text == Current[p.Key])
            {
                continue;
            }
            changed++;
            JsonNode? value = null;
            if (text.Length == 0)
            {
                Error(ValueId(p.Key), "RuleSetForm.ValueRequired", name);
            }
            else if (text.Length > MaxValueLength)
            {
                Error(ValueId(p.Key), "RuleSetForm.TooLong", name, MaxValueLength);
            }
            else if (p.Kind == Kind.Integer)
            {
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    value = JsonValue.Create(n);
                }
                else
                {
                    Error(ValueId(p.Key), "RuleSetForm.NotWholeNumber", name);
                }
            }
            else if (text.Split('/') is [var a, var b]
                && int.TryParse(a.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var numerator)
                && int.TryParse(b.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator))
            {
                if (denominator == 0)
                {
                    Error(ValueId(p.Key), "RuleSetForm.DenominatorZero", name);
                }
                else if (numerator > denominator)
                {
                    Error(ValueId(p.Key), "RuleSetForm.FractionAboveOne", name);
                }
                else
                {
                    value = new JsonObject { ["numerator"] = numerator, ["denominator"] = denominator };
                }
            }
            else
            {
                Error(ValueId(p.Key), "RuleSetForm.NotFraction", name);
            }

            var source = Source.GetValueOrDefault(p.Key)?.Trim() ?? "";
            if (source.Length == 0)
            {
                Error(SourceId(p.Key), "RuleSetForm.SourceRequired", name);
            }
            else if (source.Length > MaxSourceLength)
            {
                Error(SourceId(p.Key), "RuleSetForm.TooLong", string.Format(CultureInfo.CurrentCulture, l["RuleSetForm.SourceOf"].Value, name), MaxSourceLength);
            }
            if (value is not null && root[p.Section]?[p.Key] is JsonObject parameter)
            {
                parameter["value"] = value;
                parameter["source"] = source;
            }
        }
        if (changed == 0)
        {
            Error(ValueId(Parameters[0].Key), "RuleSetForm.NothingChanged");
        }

        if (Errors.Count > 0)
        {
            return null;
        }
        root["version"] = version;
        root["effectiveFrom"] = effective;
        return root.ToJsonString();
    }

    private void AddProblems(IEnumerable<Problem> problems)
    {
        foreach (var problem in problems)
        {
            Errors.Add(new(FieldOf(problem), problem.Message.Pick()));
        }
    }

    /// <summary>The form field a problem of <see cref="RuleSetLoader"/> or the store is about.</summary>
    private static string FieldOf(Problem problem)
    {
        var field = problem.Field ?? "";
        if (field == "effectiveFrom")
        {
            return "EffectiveFrom";
        }
        var p = Parameters.FirstOrDefault(p => field.StartsWith($"{p.Section}.{p.Key}", StringComparison.Ordinal));
        return p is null ? "Version" : ValueId(p.Key);
    }

    /// <summary>Reads the version in force today and its file; null when there is none.</summary>
    private async Task<JsonObject?> StartAsync(CancellationToken ct)
    {
        InForce = await store.InForceAsync(time.Today(), ct);
        if (InForce is null || await store.JsonOfAsync(InForce, ct) is not { } json || JsonNode.Parse(json) is not JsonObject root)
        {
            return null;
        }
        foreach (var p in Parameters)
        {
            var value = root[p.Section]?[p.Key]?["value"];
            Current[p.Key] = value is JsonObject f ? $"{f["numerator"]}/{f["denominator"]}" : value?.ToJsonString() ?? "";
        }
        return root;
    }

    private void Error(string field, string key, params object[] args) =>
        Errors.Add(new(field, args.Length == 0 ? l[key].Value : string.Format(CultureInfo.CurrentCulture, l[key].Value, args)));
}
