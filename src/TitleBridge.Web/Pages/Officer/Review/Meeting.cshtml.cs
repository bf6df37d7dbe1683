using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Review;

/// <summary>A meeting: attendance and quorum, the agenda's opinions, and each file's ballot opened and closed by the officer.</summary>
public sealed class MeetingModel(Plenary plenary, ReviewAccess access, AppDbContext db, ReferenceData reference) : PageModel
{
    public ReferenceData Reference => reference;
    public Plenary.MeetingView? View { get; private set; }
    public ScoringScheme Scheme { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public List<Guid> Present { get; set; } = [];
    [BindProperty] public Guid ApplicationId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAttendanceAsync(Guid id, CancellationToken ct) => Act(id, async () => (await plenary.RecordAttendanceAsync(id, Present, User.Identity!.Name!, ct)).Problems, ct);

    public Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct) => Act(id, async () => (await plenary.OpenBallotAsync(id, ApplicationId, User.Identity!.Name!, ct)).Problems, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => Act(id, async () => (await plenary.CloseBallotAsync(id, ApplicationId, User.Identity!.Name!, IntakeReview.ActorFor(User), ct)).Problems, ct);

    private async Task<IActionResult> Act(Guid id, Func<Task<IReadOnlyList<Problem>>> action, CancellationToken ct)
    {
        var problems = await action();
        if (problems.Count == 0)
        {
            return Redirect($"/officer/meetings/{id}?done=1");
        }
        if (ProblemAnswers.PageRefusal(problems) is { } refusal)
        {
            return refusal;
        }
        Problems = problems;
        Response.StatusCode = ProblemAnswers.PageStatus(problems);
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        View = await plenary.ViewAsync(id, ct);
        Scheme = (await access.RulesAsync(ct)).Review.Scoring.Value;
        return View is not null;
    }
}
