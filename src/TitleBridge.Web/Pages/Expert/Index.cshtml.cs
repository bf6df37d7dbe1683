using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Expert;

/// <summary>The expert's own files with due dates, a conflict declared before reading, and the ballots open for them.</summary>
public sealed class IndexModel(ReviewAccess access, ExpertFiles files, AppDbContext db, ReferenceData reference) : PageModel
{
    public ReferenceData Reference => reference;
    public IReadOnlyList<ExpertFiles.AssignedFile> Files { get; private set; } = [];
    public IReadOnlyList<(Guid MeetingId, Guid ApplicationId, string? Reference)> Ballots { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public Guid ApplicationId { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(User, ct) is not { } expert)
        {
            return NotFound();
        }
        var declared = await files.DeclareAsync(expert, ApplicationId, Relationship, Note, ct);
        if (declared.Succeeded)
        {
            return Redirect("/expert?declared=1");
        }
        if (ProblemAnswers.PageRefusal(declared.Problems) is { } refusal)
        {
            return refusal;
        }
        Problems = declared.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(declared.Problems);
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(User, ct) is not { } expert)
        {
            return false;
        }
        Files = await files.MineAsync(expert, ct);
        var committees = await db.CommitteeMembers.AsNoTracking().Where(m => m.ExpertId == expert.Id && m.Active).Select(m => m.CommitteeId).ToListAsync(ct);
        var meetings = await db.Meetings.AsNoTracking().Where(m => committees.Contains(m.CommitteeId)).Select(m => m.Id).ToListAsync(ct);
        var open = await db.Ballots.AsNoTracking().Where(b => meetings.Contains(b.MeetingId) && b.Status == BallotStatus.Open).ToListAsync(ct);
        var list = new List<(Guid, Guid, string?)>();
        foreach (var b in open)
        {
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == b.ApplicationId, ct);
            if (!await access.IsConflictedAsync(expert, application, ct))
            {
                list.Add((b.MeetingId, b.ApplicationId, application.Reference));
            }
        }
        Ballots = list;
        return true;
    }
}
