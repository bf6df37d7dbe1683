using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;

namespace TitleBridge.Web.Pages.Applications;

[Authorize(Roles = Roles.Applicant)]
public sealed class SubmittedModel(ApplicationDetails details) : PageModel
{
    public ApplicationDto Application { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await details.GetAsync(id, ApplicationsApi.UserId(User), ct);
        if (found is null)
        {
            return NotFound();
        }
        Application = found.Value.Dto;
        return Application.Reference is null ? Redirect($"/applications/{id}") : Page();
    }
}
