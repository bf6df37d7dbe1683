using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Applications;

/// <summary>
/// The re-examination request (复查, policy.md §5.7): once, with grounds, within ReexaminationDays of the result's
/// publication. The workflow's guards refuse it late or the second time; the page then says why.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class ReexaminationModel(ApplicationDetails details, Reexamination reexamination, TimeProvider time) : PageModel
{
    public ApplicationDto Application { get; private set; } = null!;
    public DateOnly? DueOn { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public string? Grounds { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Grounds given once: re-examination can be asked for only once, so the page asks to confirm.</summary>
    public bool Confirming { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!Confirmed && !string.IsNullOrWhiteSpace(Grounds) && await LoadAsync(id, ct)
            && Application.State is "Rejected" or "ObjectionUpheld" && DueOn >= time.Today())
        {
            // Ask before the one request is spent; a request that would be refused (no grounds, late, repeated)
            // goes straight to the use case, which says why.
            Confirming = true;
            return Page();
        }
        var requested = await reexamination.RequestAsync(id, ApplicationsApi.UserId(User), Grounds, ct);
        if (requested.Succeeded)
        {
            return Redirect($"/applications/{id}");
        }
        if (ProblemAnswers.PageRefusal(requested.Problems) is { } refusal)
        {
            return refusal;
        }
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Problems = requested.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(requested.Problems);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await details.GetAsync(id, ApplicationsApi.UserId(User), ct);
        if (found is null)
        {
            return false;
        }
        Application = found.Value.Dto;
        DueOn = found.Value.Application.ReexaminationDueOn;
        return true;
    }
}
