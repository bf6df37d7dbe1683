using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>Step 4: any Chinese professional title already held (policy.md §2 HELD). Optional.</summary>
public sealed class TitlesModel(CheckJourneyStore store, IStringLocalizer<SharedResource> l) : CheckPageModel(store, l)
{
    [BindProperty] public string? Level { get; set; }
    [BindProperty] public string? ObtainedOn { get; set; }

    public void OnGet() => LoadAnswers();

    public IActionResult OnPostAdd()
    {
        var answers = LoadAnswers();
        if (!TitleLevels.TryParseCode(Level, out _))
        {
            Error("Level", "TitleLevelChoose");
        }
        var obtained = ReadDate(ObtainedOn, "ObtainedOn", L["TitleObtainedOn"]);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        SaveAnswers(answers with { Titles = [.. answers.Titles, new TitleAnswer(Level!.ToUpperInvariant(), obtained!.Value)], TitlesAnswered = true });
        return Redirect($"/check/titles{(Review ? "?review=1" : "")}#added");
    }

    public IActionResult OnPostRemove(int index)
    {
        var answers = LoadAnswers();
        if (index >= 0 && index < answers.Titles.Count)
        {
            SaveAnswers(answers with { Titles = answers.Titles.Where((_, i) => i != index).ToList() });
        }
        return Redirect($"/check/titles{(Review ? "?review=1" : "")}");
    }

    public IActionResult OnPostContinue()
    {
        SaveAnswers(LoadAnswers() with { TitlesAnswered = true });
        return Redirect("/check/answers");
    }
}
