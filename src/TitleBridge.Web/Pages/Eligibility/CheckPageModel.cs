using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>The shared plumbing of the "Check if you can apply" pages: answers in, answers out, errors shown the same way.</summary>
public abstract class CheckPageModel(CheckJourneyStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    protected IStringLocalizer<SharedResource> L => l;

    public CheckAnswers Answers { get; private set; } = new();

    /// <summary>True when the person came from "check your answers" and should go back there after this step.</summary>
    public bool Review => Request.Query.ContainsKey("review");

    protected IActionResult Next(string nextStep) => Redirect(Review ? "/check/answers" : nextStep);

    /// <summary>Field id → message, in the order shown in the error summary.</summary>
    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Key == field).Value;

    protected void Error(string field, string key, params object[] args) =>
        Errors.Add(new(field, args.Length == 0 ? l[key].Value : string.Format(System.Globalization.CultureInfo.CurrentCulture, l[key].Value, args)));

    protected CheckAnswers LoadAnswers() => Answers = store.Load(HttpContext);

    protected void ClearAnswers() => store.Clear(HttpContext);

    protected void SaveAnswers(CheckAnswers answers)
    {
        Answers = answers;
        store.Save(HttpContext, answers);
    }

    /// <summary>Reads a date typed as YYYY-MM-DD (what a date input sends), or reports it under <paramref name="field"/>.</summary>
    protected DateOnly? ReadDate(string? text, string field, string label, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Error(field, "DateRequired", label);
            }
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2100)
        {
            return date;
        }
        Error(field, "DateInvalid", label);
        return null;
    }
}
