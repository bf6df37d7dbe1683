using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Results;

/// <summary>
/// Result publicity and confirmation for officers (policy.md §5.5–5.6): the files the plenary passed, a form
/// that publishes one committee's files in a notice, each notice's files with their objections, and — after
/// the period — the confirmation that issues the certificate.
/// </summary>
public sealed class IndexModel(AppDbContext db, ResultPublicity results, TimeProvider time) : PageModel
{
    public sealed record FileRow(Guid Id, string? Reference, ApplicationState State, string? Name, string? Level, string? Specialty,
        DateOnly? LastDay, int OpenObjections, int Objections, string? CertificateNumber);

    public sealed record NoticeRow(ResultNotice Notice, IReadOnlyList<FileRow> Files);

    private sealed record Raw(Guid Id, string? Reference, ApplicationState State, string? Name, string? TargetLevel, string? Specialty, Guid? ResultNoticeId, DateOnly? ResultPublicityLastDay);

    public IReadOnlyList<FileRow> Decided { get; private set; } = [];
    public IReadOnlyList<NoticeRow> Notices { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty] public List<Guid> ApplicationIds { get; set; } = [];
    [BindProperty] public DateOnly? StartsOn { get; set; }
    [FromQuery] public Guid? Published { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>The decision asked for once ("Publish" or "Confirm"): the page asks to confirm it before anything changes.</summary>
    public string? Confirming { get; private set; }

    /// <summary>The files the decision concerns, as the confirmation step lists them.</summary>
    public IReadOnlyList<FileRow> ConfirmingFiles { get; private set; } = [];

    public ResultNotice? JustPublished => Notices.FirstOrDefault(n => n.Notice.Id == Published)?.Notice;

    public async Task OnGetAsync(CancellationToken ct)
    {
        StartsOn ??= time.Today();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!Confirmed && ApplicationIds.Count > 0 && StartsOn is not null)
        {
            // A published notice cannot be withdrawn: ask first. Without files or a date the use case says what is missing.
            return await ConfirmAsync("Publish", () => Decided.Where(f => ApplicationIds.Contains(f.Id)), ct);
        }
        var published = await results.PublishAsync(new(ApplicationIds, StartsOn), IntakeReview.ActorFor(User), User.Identity!.Name!, ct);
        if (published.Succeeded)
        {
            return Redirect($"/officer/results?published={published.Value.Id}");
        }
        return await ShowAsync(published.Problems, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        if (!Confirmed)
        {
            return await ConfirmAsync("Confirm", () => Notices.SelectMany(n => n.Files).Where(f => f.Id == id), ct);
        }
        var confirmed = await results.ConfirmAsync(id, IntakeReview.ActorFor(User), User.Identity!.Name!, ct: ct);
        if (confirmed.Succeeded)
        {
            return Redirect($"/officer/certificates/{confirmed.Value.Number}?issued=true");
        }
        return await ShowAsync(confirmed.Problems, ct);
    }

    private async Task<IActionResult> ConfirmAsync(string decision, Func<IEnumerable<FileRow>> files, CancellationToken ct)
    {
        await LoadAsync(ct);
        ConfirmingFiles = [.. files()];
        if (ConfirmingFiles.Count == 0)
        {
            return NotFound();
        }
        Confirming = decision;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<Problem> problems, CancellationToken ct)
    {
        if (ProblemAnswers.PageRefusal(problems) is { } refusal)
        {
            return refusal;
        }
        Problems = problems;
        Response.StatusCode = ProblemAnswers.PageStatus(problems);
        StartsOn ??= time.Today();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = time.Today();
        var files = await (
            from a in db.Applications.AsNoTracking()
            where a.State == ApplicationState.Voted || a.ResultNoticeId != null
            join p in db.ApplicantProfiles.AsNoTracking() on a.ApplicantId equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            select new Raw(a.Id, a.Reference, a.State, p == null ? null : p.ChineseName ?? p.DocumentName, a.TargetLevel, a.Specialty, a.ResultNoticeId, a.ResultPublicityLastDay))
            .ToListAsync(ct);
        var ids = files.Select(f => f.Id).ToList();
        var objections = await db.ResultObjections.AsNoTracking().Where(o => ids.Contains(o.ApplicationId))
            .Select(o => new { o.ApplicationId, o.NoticeId, o.Status }).ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.ApplicationId))
            .Select(c => new { c.ApplicationId, c.Number, c.IssuedAt }).ToListAsync(ct);
        FileRow Row(Raw f, Guid? notice) => new(f.Id, f.Reference, f.State, f.Name, f.TargetLevel, f.Specialty, f.ResultPublicityLastDay,
            objections.Count(o => o.ApplicationId == f.Id && o.NoticeId == notice && o.Status == ObjectionStatus.Open),
            objections.Count(o => o.ApplicationId == f.Id && o.NoticeId == notice),
            certificates.Where(c => c.ApplicationId == f.Id).OrderByDescending(c => c.IssuedAt).Select(c => c.Number).FirstOrDefault());
        Decided = [.. files.Where(f => f.State == ApplicationState.Voted).OrderBy(f => f.Reference, StringComparer.Ordinal).Select(f => Row(f, null))];
        var noticeIds = files.Where(f => f.ResultNoticeId != null).Select(f => f.ResultNoticeId!.Value).Distinct().ToList();
        var notices = await db.ResultNotices.AsNoTracking().Where(n => noticeIds.Contains(n.Id)).ToListAsync(ct);
        Notices = [.. notices.OrderByDescending(n => n.PublishedAt).Select(n => new NoticeRow(n,
            [.. files.Where(f => f.ResultNoticeId == n.Id).OrderBy(f => f.Reference, StringComparer.Ordinal).Select(f => Row(f, n.Id))]))];
    }
}
