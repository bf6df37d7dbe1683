using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>Step 2: the highest degree and when it was awarded (experience for one level up counts from then).</summary>
public sealed class DegreeModel(CheckJourneyStore store, IStringLocalizer<SharedResource> l) : CheckPageModel(store, l)
{
    [BindProperty] public string? Level { get; set; }
    [BindProperty] public string? AwardedOn { get; set; }

    public void OnGet()
    {
        var answers = LoadAnswers();
        Level = answers.Degree?.Level;
        AwardedOn = answers.Degree?.AwardedOn.ToString("yyyy-MM-dd");
    }

    public IActionResult OnPost()
    {
        var answers = LoadAnswers();
        if (!DegreeLevels.TryParseCode(Level, out _))
        {
            Error("Level-doctorate", "DegreeChoose");
        }
        var awarded = ReadDate(AwardedOn, "AwardedOn", L["AwardedOn"]);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        SaveAnswers(answers with { Degree = new DegreeAnswer(Level!, awarded!.Value) });
        return Next("/check/work");
    }
}
