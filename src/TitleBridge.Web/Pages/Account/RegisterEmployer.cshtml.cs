using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Employers;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Account;

/// <summary>An employer registers its organisation and first account; an officer approves it before it can act.</summary>
public sealed class RegisterEmployerModel(RegisterEmployer register, GuangzhouDistricts districts) : PageModel
{
    [BindProperty] public string? NameZh { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? District { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactEmail { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? AccountEmail { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? PrivacyNotice { get; set; }

    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    /// <summary>Registered, or the account address was known (its owner was emailed): the page says the same either way.</summary>
    public bool Registered { get; private set; }
    public IReadOnlyList<GuangzhouDistrict> Districts => districts.Districts;

    public string? ErrorFor(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message.Pick();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await register.HandleAsync(new(NameZh, NameEn, CreditCode, District, ContactName, ContactEmail, ContactPhone, AccountEmail, Password,
            Localization.IsChinese ? "zh-Hans" : "en", PrivacyNotice), Features.Applications.ApplicationsApi.ConfirmLink(HttpContext), ct);
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            Response.StatusCode = ProblemAnswers.PageStatus(result.Problems);
            Password = null;
            return Page();
        }
        Registered = true;
        Password = null;
        return Page();
    }
}
