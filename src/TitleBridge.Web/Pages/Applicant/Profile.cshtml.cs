using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applicants;
using TitleBridge.Web.Features.Applications;

namespace TitleBridge.Web.Pages.Applicant;

[Authorize(Roles = Roles.Applicant)]
public sealed class ProfileModel(SaveProfile handler, AppDbContext db) : PageModel
{
    [BindProperty] public string? DocumentName { get; set; }
    [BindProperty] public string? ChineseName { get; set; }
    [BindProperty] public IdentityDocumentType? DocumentType { get; set; }
    [BindProperty] public string? DocumentNumber { get; set; }
    [BindProperty] public string? DocumentCountry { get; set; }
    [BindProperty] public string? Phone { get; set; }

    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    /// <summary>While a file is under evaluation: its reference; the page then says how to ask for a correction instead of offering the form.</summary>
    public string? UnderEvaluation { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        UnderEvaluation = await handler.UnderEvaluationAsync(ApplicationsApi.UserId(User), ct);
        var profile = await db.ApplicantProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == ApplicationsApi.UserId(User), ct);
        if (profile is not null)
        {
            // The owner sees the number in full; everyone else sees IdentityDocuments.Mask.
            (DocumentName, ChineseName, DocumentType, DocumentNumber, DocumentCountry, Phone) =
                (profile.DocumentName, profile.ChineseName, profile.DocumentType, profile.DocumentNumber, profile.DocumentCountry, profile.Phone);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new(DocumentName, ChineseName, DocumentType, DocumentNumber, DocumentCountry, Phone), ApplicationsApi.UserId(User), ct);
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            if (result.Problems.Any(p => p.Code == SaveProfile.UnderEvaluationCode))
            {
                UnderEvaluation = await handler.UnderEvaluationAsync(ApplicationsApi.UserId(User), ct);
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
            return Page();
        }
        return RedirectToPage(new { saved = true });
    }
}
