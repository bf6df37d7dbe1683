using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Features.Intake;

namespace TitleBridge.Web.Pages.Officer.Intake;

/// <summary>One file at intake: its stored eligibility result, and accept / one correction notice / reject (policy.md §5.3).</summary>
public sealed class ApplicationModel(AppDbContext db, IntakeReview intake, ApplicationTransitions transitions) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Guid? Stamp { get; set; }
    [BindProperty] public string? Items { get; set; }
    [BindProperty] public List<string> MissingDocuments { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>The eligibility result stored at submission, read back for the page (null for a file not yet submitted).</summary>
    public Features.Eligibility.CheckResponseDto? StoredEligibility => Review.Application.Eligibility is { Length: > 0 } json
        ? System.Text.Json.JsonSerializer.Deserialize<Features.Eligibility.CheckResponseDto>(json, Features.Catalogue.JsonDefaults.Web)
        : null;

    /// <summary>The irreversible action the page asks the officer to confirm ("Accept" or "Correction"), or null.</summary>
    public string? Confirming { get; private set; }

    /// <summary>The lines of the correction text, as the notice will name them.</summary>
    public IReadOnlyList<string> ItemLines => (Items ?? "").Split('\n').Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();

    public ReviewFile Review { get; private set; } = null!;
    public IReadOnlyList<ApplicationTrigger> Permitted { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public Result<DateOnly>? DueOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) =>
        Confirmed ? ActAsync(n => intake.AcceptAsync(Id, IntakeReview.ActorFor(User), n, Stamp, ct), ct) : ConfirmAsync("Accept", ct);

    // A notice that names nothing goes straight to the handler, which refuses it with its own message.
    public Task<IActionResult> OnPostCorrectionAsync(CancellationToken ct) =>
        Confirmed || (ItemLines.Count == 0 && MissingDocuments.Count == 0)
            ? ActAsync(n => intake.RequestCorrectionAsync(Id, IntakeReview.ActorFor(User), new([Items ?? ""], MissingDocuments), n, Stamp, ct), ct)
            : ConfirmAsync("Correction", ct);

    private async Task<IActionResult> ConfirmAsync(string action, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }
        Confirming = action;
        return Page();
    }

    // Without a reason the handler refuses at once, with its own message: nothing to confirm.
    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) =>
        Confirmed || string.IsNullOrWhiteSpace(Reason)
            ? ActAsync(n => intake.RejectAsync(Id, IntakeReview.ActorFor(User), Reason, n, Stamp, ct), ct)
            : ConfirmAsync("Reject", ct);

    private async Task<IActionResult> ActAsync(Func<string, Task<Result<Data.Application>>> action, CancellationToken ct)
    {
        var result = await action(User.Identity!.Name!);
        return await ActionOutcome.ForPageAsync(this, result, $"/officer/intake/{Id}?done=1", db, p => Problems = p, () => LoadAsync(ct));
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await intake.FileAsync(Id, ct) is not { } file || file.Application.State == ApplicationState.Draft)
        {
            return NotFound();
        }
        Review = file;
        Permitted = transitions.Permitted(file.Application, IntakeReview.ActorFor(User));
        if (Permitted.Contains(ApplicationTrigger.RequestCorrection))
        {
            DueOn = await intake.CorrectionDueOnAsync(ct);
        }
        return null;
    }
}
