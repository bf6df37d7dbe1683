using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Review;

/// <summary>A committee: members, why it could not meet, and its review-group assignment (propose, swap, confirm).</summary>
public sealed class CommitteeModel(Committees committees, AssignReviewGroups assign, AppDbContext db, ReferenceData reference) : PageModel
{
    public ReferenceData Reference => reference;
    public Committees.CommitteeView? View { get; private set; }
    public AssignReviewGroups.StoredAssignment? Assignment { get; private set; }
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string?> References { get; private set; } = new Dictionary<string, string?>();
    public IReadOnlyDictionary<string, string?> Specialties { get; private set; } = new Dictionary<string, string?>();
    public int AcceptedFiles { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public Guid SwapFile { get; set; }
    [BindProperty] public Guid SwapOut { get; set; }
    [BindProperty] public Guid? SwapIn { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostProposeAsync(Guid id, CancellationToken ct) => Act(id, assign.ProposeAsync(id, User.Identity!.Name!, ct), ct);

    public Task<IActionResult> OnPostSwapAsync(Guid id, CancellationToken ct) => Act(id, assign.SwapAsync(id, SwapFile, SwapOut, SwapIn, Reason, User.Identity!.Name!, ct), ct);

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) => Act(id, assign.ConfirmAsync(id, User.Identity!.Name!, IntakeReview.ActorFor(User), ct), ct);

    private async Task<IActionResult> Act(Guid id, Task<Result<AssignReviewGroups.StoredAssignment>> action, CancellationToken ct)
    {
        var result = await action;
        if (result.Succeeded)
        {
            return Redirect($"/officer/committees/{id}?done=1");
        }
        if (ProblemAnswers.PageRefusal(result.Problems) is { } refusal)
        {
            return refusal;
        }
        Problems = result.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(result.Problems);
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        View = await committees.ViewAsync(id, ct);
        if (View is null)
        {
            return false;
        }
        Assignment = AssignReviewGroups.Read(View.Committee);
        Names = View.Members.ToDictionary(m => m.Expert.Id.ToString(), m => Localization.IsChinese ? m.Expert.NameZh : m.Expert.NameEn);
        var files = await committees.FilesAsync(View.Committee, [ApplicationState.Accepted, ApplicationState.ReexaminationRequested, ApplicationState.InReview, ApplicationState.Voted, ApplicationState.Rejected], ct);
        References = files.ToDictionary(f => f.Id.ToString(), f => f.Reference);
        Specialties = files.ToDictionary(f => f.Id.ToString(), f => f.Specialty);
        AcceptedFiles = files.Count(f => Committees.AwaitingReviewGroups.Contains(f.State));
        return true;
    }
}
