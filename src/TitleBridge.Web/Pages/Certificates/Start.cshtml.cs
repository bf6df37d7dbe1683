using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Certificates;

namespace TitleBridge.Web.Pages.Certificates;

/// <summary>
/// The way in to a check for someone holding a printed certificate: its number and its code or the holder's full name
/// (issue #8), then the register's answer on the number's own page (<see cref="VerifyModel"/>). A malformed number is
/// said so here; a well-formed one is always passed on, so this page tells nobody which numbers exist.
/// </summary>
public sealed class StartModel(IStringLocalizer<SharedResource> l) : PageModel
{
    [FromQuery] public string? Number { get; set; }
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public string? Name { get; set; }
    [FromQuery] public string? Organisation { get; set; }

    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public IActionResult OnGet()
    {
        if (!Request.Query.ContainsKey("number"))
        {
            return Page();
        }
        var parsed = CertificateNumber.TryParse(Number?.Trim() ?? "")?.ToString();
        if (parsed is null)
        {
            Errors.Add(new("number", l[string.IsNullOrWhiteSpace(Number) ? "Verify.NumberMissing" : CertificateNumber.HasTheShape(Number) ? "Verify.NumberCheckFails" : "Verify.NumberMalformed"].Value));
        }
        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Name))
        {
            Errors.Add(new("code", l["Certificate.VerifyNeedCode"].Value));
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        // The code when given (the number's page asks the code first), else the name.
        var query = (string.IsNullOrWhiteSpace(Code) ? $"?name={Uri.EscapeDataString(Name!.Trim())}" : $"?code={Uri.EscapeDataString(Code.Trim())}")
            + (string.IsNullOrWhiteSpace(Organisation) ? "" : $"&organisation={Uri.EscapeDataString(Organisation.Trim())}");
        return Redirect($"/verify/{parsed}{query}");
    }
}
