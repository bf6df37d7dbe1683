using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Expert;

/// <summary>The expert's own ballot on one file, on their own device: yes, no or abstain, once. The page never shows a tally while open.</summary>
public sealed class BallotModel(ReviewAccess access, Plenary plenary, AppDbContext db) : PageModel
{
    public string? Reference { get; private set; }
    public BallotStatus Status { get; private set; }
    public bool HasVoted { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public VoteChoice? Choice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid meetingId, Guid applicationId, CancellationToken ct) =>
        await LoadAsync(meetingId, applicationId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid meetingId, Guid applicationId, CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(User, ct) is not { } expert)
        {
            return NotFound();
        }
        var voted = await plenary.VoteAsync(expert, meetingId, applicationId, Choice, ct);
        if (voted.Succeeded)
        {
            return Redirect($"/expert/meetings/{meetingId}/ballots/{applicationId}");
        }
        if (ProblemAnswers.PageRefusal(voted.Problems) is { } refusal)
        {
            return refusal;
        }
        Problems = voted.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(voted.Problems);
        return await LoadAsync(meetingId, applicationId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid meetingId, Guid applicationId, CancellationToken ct)
    {
        var expert = await access.CurrentExpertAsync(User, ct);
        var ballot = await db.Ballots.AsNoTracking().FirstOrDefaultAsync(b => b.MeetingId == meetingId && b.ApplicationId == applicationId, ct);
        var meeting = ballot is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var application = ballot is null ? null : await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (expert is null || ballot is null || meeting is null || application is null
            || !await db.CommitteeMembers.AnyAsync(m => m.CommitteeId == meeting.CommitteeId && m.ExpertId == expert.Id && m.Active, ct)
            || await access.IsConflictedAsync(expert, application, ct))
        {
            return false;
        }
        (Reference, Status, HasVoted) = (application.Reference, ballot.Status, await plenary.HasVotedAsync(expert, ballot.Id, ct));
        return true;
    }
}
