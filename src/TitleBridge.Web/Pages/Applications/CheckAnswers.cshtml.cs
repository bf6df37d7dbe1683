using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Applications;

/// <summary>
/// Check your answers: every section with a change link, the eligibility result for the target level as
/// submission will compute it (the cycle's countUntil, policy.md §2 COUNT), the declaration, and the
/// explicit acknowledgement when the rules do not support the level (SubmitApplication.WarningCode).
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CheckAnswersModel(ApplicationDetails details, SubmitApplication submit, CheckEligibility eligibility, AppDbContext db) : PageModel
{
    public ApplicationDto Application { get; private set; } = null!;
    public EligibilityStatus? Status { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public TitleBridge.Web.Data.Employer? Employer { get; private set; }

    public bool NeedsAcknowledgement => Status is not null && Status != EligibilityStatus.Eligible;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, bool declaration, bool acknowledge, Guid stamp, CancellationToken ct)
    {
        var result = await submit.HandleAsync(new(id, declaration, acknowledge, stamp), ApplicationsApi.UserId(User), ct);
        if (result.Succeeded)
        {
            return Redirect($"/applications/{id}/submitted");
        }
        if (ProblemAnswers.PageRefusal(result.Problems) is { } refusal)
        {
            return refusal;
        }
        Problems = result.Problems;
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await details.GetAsync(id, ApplicationsApi.UserId(User), ct);
        if (found is null)
        {
            return NotFound();
        }
        Application = found.Value.Dto;
        if (Application.State != "Draft")
        {
            return Redirect($"/applications/{id}");
        }
        if (Application.EmployerId is { } employerId)
        {
            Employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employerId, ct);
        }
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Year == Application.CycleYear, ct);
        if (cycle is not null && TitleLevels.TryParseCode(Application.TargetLevel, out var level))
        {
            var checkedResult = await eligibility.HandleAsync(Application.Content.ToEligibilityRequest(cycle.CountUntil, cycle.CountUntil), ct);
            Status = checkedResult.Succeeded ? checkedResult.Value.Result.For(level).Status : null;
        }
        return null;
    }
}
