using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.PersonalData;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Account;

/// <summary>The person's rights in one place (PIPL Arts. 45–47, 50): download, correction, deletion, and every request with its answer.</summary>
[Authorize]
public sealed class MyDataModel(AppDbContext db, DataRequests requests) : PageModel
{
    public IReadOnlyList<DataRequestDto> Requests { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Deleted { get; private set; }
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>The deletion asked for once: the page asks to confirm before anything is deleted.</summary>
    public bool ConfirmingDeletion { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostCorrectionAsync(CancellationToken ct) => RequestAsync("correction", ct);

    public async Task<IActionResult> OnPostDeletionAsync(CancellationToken ct)
    {
        if (!Confirmed)
        {
            ConfirmingDeletion = true;
            return Page();
        }
        return await RequestAsync("deletion", ct);
    }

    private async Task<IActionResult> RequestAsync(string kind, CancellationToken ct)
    {
        var result = await requests.RequestAsync(PersonalDataApi.UserId(User), kind, kind == "deletion" ? null : Details, ct);
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            Response.StatusCode = ProblemAnswers.PageStatus(result.Problems);
            await LoadAsync(ct);
            return Page();
        }
        if (result.Value.AccountDeleted)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            Deleted = true;
            return Page();
        }
        return Redirect("/account/my-data?sent=" + result.Value.Request.Kind.ToString().ToLowerInvariant());
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var id = PersonalDataApi.UserId(User);
        var rows = await db.DataRequests.AsNoTracking().Where(r => r.UserId == id).ToListAsync(ct);
        Requests = rows.OrderByDescending(r => r.RequestedAt).Select(DataRequestDto.From).ToList();
    }
}
