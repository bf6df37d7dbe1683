using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>Step 5: check your answers, choose the evaluation date, then see the result.</summary>
public sealed class AnswersModel(CheckJourneyStore store, IStringLocalizer<SharedResource> l, CatalogueSnapshots catalogue, ReferenceData reference, TimeProvider time)
    : CheckPageModel(store, l)
{
    [BindProperty] public string? EvaluationDate { get; set; }

    public CatalogueSnapshot? Catalogue { get; private set; }
    public ReferenceData Reference => reference;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var answers = LoadAnswers();
        if (MissingStep(answers) is { } step)
        {
            return Redirect(step);
        }
        EvaluationDate = (answers.EvaluationDate ?? time.Today()).ToString("yyyy-MM-dd");
        Catalogue = await catalogue.InForceAsync(ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var answers = LoadAnswers();
        if (MissingStep(answers) is { } step)
        {
            return Redirect(step);
        }
        var date = ReadDate(EvaluationDate, "EvaluationDate", L["EvaluationDate"]);
        if (date is { } d && d < new DateOnly(2025, 12, 25))
        {
            Error("EvaluationDate", "EvaluationDateBeforeCatalogue");
        }
        if (Errors.Count > 0)
        {
            Catalogue = await catalogue.InForceAsync(ct: ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        SaveAnswers(answers with { EvaluationDate = date });
        return Redirect("/check/result");
    }

    /// <summary>The first step still unanswered, so nobody reaches the result with half the facts.</summary>
    public static string? MissingStep(CheckAnswers answers) =>
        answers.Qualifications.Count == 0 ? "/check/qualifications"
        : answers.Degree is null ? "/check/degree"
        : answers.Work.Count == 0 ? "/check/work"
        : null;
}
