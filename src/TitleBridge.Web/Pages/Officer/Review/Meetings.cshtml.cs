using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Review;

/// <summary>Plenary meetings, and the form that schedules one with every file whose opinions are all in.</summary>
public sealed class MeetingsModel(Plenary plenary, Committees committees, TimeProvider time) : PageModel
{
    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];
    public IReadOnlyList<Committee> Committees { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public Guid? CommitteeId { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }

    public string CommitteeName(Guid id) => Committees.FirstOrDefault(c => c.Id == id) is { } c ? (Localization.IsChinese ? c.NameZh : c.NameEn) : "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Date ??= time.Today();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scheduled = await plenary.ScheduleAsync(CommitteeId, Date, User.Identity!.Name!, ct);
        if (scheduled.Succeeded)
        {
            return Redirect($"/officer/meetings/{scheduled.Value.Id}");
        }
        Problems = scheduled.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(scheduled.Problems);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Meetings = await plenary.ListAsync(ct);
        Committees = await committees.ListAsync(ct);
    }
}
