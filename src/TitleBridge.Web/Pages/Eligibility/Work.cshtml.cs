using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>Step 3: work history, overseas and domestic alike (policy.md §2 EXP), with add and remove.</summary>
public sealed class WorkModel(CheckJourneyStore store, IStringLocalizer<SharedResource> l, ReferenceData reference) : CheckPageModel(store, l)
{
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Specialty { get; set; }
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public string? InGuangzhou { get; set; }
    [BindProperty] public string? FullTime { get; set; }

    public ReferenceData Reference => reference;

    public void OnGet() => LoadAnswers();

    public IActionResult OnPostAdd()
    {
        var answers = LoadAnswers();
        var from = ReadDate(From, "From", L["WorkFrom"]);
        var to = ReadDate(To, "To", L["WorkTo"], required: false);
        if (from is { } f && to is { } t && t < f)
        {
            Error("To", "WorkEndsBeforeStart");
        }
        if (string.IsNullOrEmpty(Specialty) || !reference.Specialties.ContainsKey(Specialty))
        {
            Error("Specialty", "SpecialtyChoose");
        }
        if (string.IsNullOrEmpty(Country) || reference.FindCountryRegion(Country) is null)
        {
            Error("Country", "CountryChoose");
        }
        if (InGuangzhou is not ("yes" or "no"))
        {
            Error("InGuangzhou-yes", "InGuangzhouChoose");
        }
        if (FullTime is not ("yes" or "no"))
        {
            Error("FullTime-yes", "FullTimeChoose");
        }
        if (answers.Work.Count >= CheckJourneyStore.MaxWorkPeriods)
        {
            Error("From", "TooManyWorkPeriods", CheckJourneyStore.MaxWorkPeriods);
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        SaveAnswers(answers with
        {
            Work = [.. answers.Work, new WorkAnswer(from!.Value, to, Specialty!, InGuangzhou == "yes", FullTime == "yes", Country!)],
        });
        return Redirect($"/check/work{(Review ? "?review=1" : "")}#added");
    }

    public IActionResult OnPostRemove(int index)
    {
        var answers = LoadAnswers();
        if (index >= 0 && index < answers.Work.Count)
        {
            SaveAnswers(answers with { Work = answers.Work.Where((_, i) => i != index).ToList() });
        }
        return Redirect($"/check/work{(Review ? "?review=1" : "")}");
    }

    public IActionResult OnPostContinue()
    {
        if (LoadAnswers().Work.Count == 0)
        {
            Error("From", "WorkAtLeastOne");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Next("/check/titles");
    }
}
