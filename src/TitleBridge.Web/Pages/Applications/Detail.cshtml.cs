using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Applications;

/// <summary>The task list while the applicant writes or corrects; the status page (timeline, what next, actions) otherwise.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class DetailModel(ApplicationDetails details, ApplicantActions actions) : PageModel
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
        return Page();
    }

    public async Task<IActionResult> OnPostResubmitAsync(Guid id, Guid stamp, CancellationToken ct)
    {
        var result = await actions.ResubmitAsync(id, ApplicationsApi.UserId(User), stamp, ct);
        if (!result.Succeeded && ProblemAnswers.PageRefusal(result.Problems) is { } refusal)
        {
            return refusal;
        }
        if (result.Succeeded)
        {
            return Redirect($"/applications/{id}");
        }
        Problems = result.Problems;
        return await OnGetAsync(id, ct);
    }
}
