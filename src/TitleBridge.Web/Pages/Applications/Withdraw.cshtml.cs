using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Applications;

/// <summary>Withdrawal with a confirmation step and an optional reason, only where the workflow permits it.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class WithdrawModel(ApplicationDetails details, ApplicantActions actions) : PageModel
{
    public ApplicationDto Application { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await details.GetAsync(id, ApplicationsApi.UserId(User), ct);
        if (found is null)
        {
            return NotFound();
        }
        Application = found.Value.Dto;
        return Application.PermittedActions.Contains("Withdraw") ? Page() : Redirect($"/applications/{id}");
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? reason, Guid stamp, CancellationToken ct)
    {
        var result = await actions.WithdrawAsync(id, ApplicationsApi.UserId(User), reason, stamp, ct);
        if (result.Succeeded)
        {
            return Redirect($"/applications/{id}");
        }
        if (ProblemAnswers.PageRefusal(result.Problems) is { } refusal)
        {
            return refusal;
        }
        Problems = result.Problems;
        var found = await details.GetAsync(id, ApplicationsApi.UserId(User), ct);
        Application = found!.Value.Dto;
        return Page();
    }
}
