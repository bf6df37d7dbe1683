using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;

namespace TitleBridge.Web.Pages.Employer;

/// <summary>One application naming the employer, with the actions its state allows (policy.md §5.2).</summary>
[Authorize(Roles = Roles.Employer)]
public sealed class ApplicationModel(AppDbContext db, ReviewByEmployer review, ApplicationTransitions transitions) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Guid? Stamp { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? ReceivedOn { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Handling { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>True while the page asks the employer to confirm the recommendation (it cannot be undone).</summary>
    public bool ConfirmingRecommend { get; private set; }

    /// <summary>True while the page asks the employer to confirm declining (it ends the application).</summary>
    public bool ConfirmingDecline { get; private set; }

    public ReviewFile Review { get; private set; } = null!;
    public IReadOnlyList<ApplicationTrigger> Permitted { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public Result<DateOnly>? PreviewLastDay { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }
        if (From is { } from && Review.Application.State == ApplicationState.EmployerReview)
        {
            PreviewLastDay = await review.PublicityLastDayAsync(from, ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostOpenReviewAsync(CancellationToken ct) => ActAsync((e, n) => review.OpenReviewAsync(e, Id, n, Stamp, ct), ct);
    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => ActAsync((e, n) => review.ConfirmEmploymentAsync(e, Id, n, Stamp, ct), ct);
    public Task<IActionResult> OnPostStartPublicityAsync(CancellationToken ct) => ActAsync((e, n) => review.StartPublicityAsync(e, Id, From, n, Stamp, ct), ct);
    public Task<IActionResult> OnPostObjectionAsync(CancellationToken ct) => ActAsync((e, n) => review.RecordObjectionAsync(e, Id, new(ReceivedOn, Summary, Handling), n, Stamp, ct), ct);
    public async Task<IActionResult> OnPostRecommendAsync(CancellationToken ct)
    {
        if (Confirmed)
        {
            return await ActAsync((e, n) => review.RecommendAsync(e, Id, n, Stamp, ct), ct);
        }
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }
        ConfirmingRecommend = true;
        return Page();
    }
    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken ct)
    {
        // Without a reason the handler refuses at once, with its own message: nothing to confirm.
        if (Confirmed || string.IsNullOrWhiteSpace(Reason))
        {
            return await ActAsync((e, n) => review.DeclineAsync(e, Id, Reason, n, Stamp, ct), ct);
        }
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }
        ConfirmingDecline = true;
        return Page();
    }

    private async Task<IActionResult> ActAsync(Func<Guid, string, Task<Result<Data.Application>>> action, CancellationToken ct)
    {
        if (await EmployerAccess.ApprovedEmployerIdAsync(db, User, ct) is not { } employerId)
        {
            return NotFound();
        }
        var result = await action(employerId, User.Identity!.Name!);
        return await ActionOutcome.ForPageAsync(this, result, $"/employer/applications/{Id}?done=1", db, p => Problems = p, () => LoadAsync(ct));
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await EmployerAccess.ApprovedEmployerIdAsync(db, User, ct) is not { } employerId || await review.FileAsync(employerId, Id, ct) is not { } file)
        {
            return NotFound();
        }
        Review = file;
        Permitted = transitions.Permitted(file.Application, Actor.Employer);
        return null;
    }
}
