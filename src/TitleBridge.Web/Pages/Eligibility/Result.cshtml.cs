using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>The result: each level's status and earliest date, rule by rule, with a timeline. Printable.</summary>
public sealed class ResultModel(CheckJourneyStore store, IStringLocalizer<SharedResource> l, CheckEligibility check, ReferenceData reference,
    Data.AppDbContext db, TimeProvider time) : CheckPageModel(store, l)
{
    /// <summary>
    /// For a signed-in applicant whose identity document has an integrity record running (policy.md §5.7): why no
    /// level can be applied for until the record ends, whatever the rules below say.
    /// </summary>
    public BilingualText? IntegrityBar { get; private set; }

    public string SpecialtyName(string key) => reference.SpecialtyName(key).Pick();

    public ReferenceData Reference => reference;

    /// <summary>The summary first (issue #11): one sentence per level, best first, with the warnings that matter.</summary>
    public IReadOnlyList<LevelSummary> Summary { get; private set; } = [];

    /// <summary>The name of a qualification in the reader's language, for the rule table.</summary>
    public string QualificationName(string? code) =>
        code is null ? "–" : Outcome?.Catalogue.ByCode.GetValueOrDefault(code) is { } e ? Localization.Pick(e.NameEn, e.NameZh) : code;

    public CheckEligibility.Outcome? Outcome { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    /// <summary>Policy.md §4: the best result first: eligible now (highest level), then soonest eligible-from, then the rest.</summary>
    public IReadOnlyList<LevelEligibility> Ordered => Outcome is null ? [] : Outcome.Result.Levels
        .OrderBy(l => l.Status switch
        {
            EligibilityStatus.Eligible => 0,
            EligibilityStatus.EligibleFrom => 1,
            EligibilityStatus.AlreadyHeld => 2,
            _ => 3,
        })
        .ThenByDescending(l => l.Status == EligibilityStatus.Eligible ? (int)l.Level : 0)
        .ThenBy(l => l.EligibleFrom ?? DateOnly.MaxValue)
        .ThenBy(l => l.Level)
        .ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var answers = LoadAnswers();
        if (AnswersModel.MissingStep(answers) is { } step)
        {
            return Redirect(step);
        }
        if (User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId
            && await Features.Certificates.IntegrityBar.CheckAsync(db, userId, time.Today(), ct) is { } barred)
        {
            IntegrityBar = barred.Message;
        }
        var request = answers.ToRequest();
        var result = await check.HandleAsync(request, ct);
        if (result.Succeeded)
        {
            var outcome = Outcome = result.Value;
            var byLevel = EligibilitySummary.Of(outcome.Result, request, code => outcome.Catalogue.ByCode.GetValueOrDefault(code),
                outcome.RuleSet.Eligibility.RenewalGraceDays.Value).ToDictionary(s => s.Level);
            Summary = Ordered.Select(l => byLevel[l.Level]).ToList();
        }
        else
        {
            Problems = result.Problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public IActionResult OnPostStartAgain()
    {
        ClearAnswers();
        return Redirect("/check");
    }
}
