using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Certificates;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Results;

/// <summary>
/// An objection to a published result by anyone, no sign-in (policy.md §5.5): name and contact required, the
/// grounds, an optional attachment. Problems come back in an error summary that links to each field; a received
/// objection gets a confirmation with its reference.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimits.Objection)]
public sealed class ObjectModel(AppDbContext db, ResultPublicity results, TimeProvider time) : PageModel
{
    public ResultPublicity.PublicEntry Entry { get; private set; } = null!;
    public ResultNotice Notice { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Open { get; private set; }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? ObjectorName { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Grounds { get; set; }
    [BindProperty] public IFormFile? Attachment { get; set; }
    [FromQuery] public Guid? Received { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var made = await results.ObjectAsync(Id, new(ObjectorName, Contact, Grounds), Attachment, ct);
        if (made.Succeeded)
        {
            return Redirect($"/results/{Id}/object?received={made.Value.Id}");
        }
        if (ProblemAnswers.PageRefusal(made.Problems) is { } refusal)
        {
            return refusal;
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Problems = made.Problems;
        Response.StatusCode = made.Problems.Any(p => p.Code == ResultPublicity.NoticeClosedCode) ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The short reference a received objection is given: the first block of its id, enough to quote on the telephone.</summary>
    public static string ReferenceOf(Guid id) => id.ToString("N")[..8].ToUpperInvariant();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var a = await db.Applications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id && x.ResultNoticeId != null, ct);
        var notice = a is null ? null : await db.ResultNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == a.ResultNoticeId, ct);
        if (a is null || notice is null)
        {
            return false;
        }
        Notice = notice;
        Entry = (await results.EntriesAsync(notice, ct)).Single(e => e.ApplicationId == a.Id);
        var today = time.Today();
        Open = a.State == ApplicationState.ResultPublicity && today >= notice.StartsOn && today <= notice.LastDay;
        return true;
    }
}
