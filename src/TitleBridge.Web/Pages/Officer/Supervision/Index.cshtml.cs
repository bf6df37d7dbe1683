using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Officer.Supervision;

/// <summary>
/// Supervision sampling (抽查, policy.md §5.8): draw a reproducible sample of a year's decided files, then record
/// each file's second look — by an officer who did not handle it. Every draw is kept with its seed, so anyone can
/// replay it.
/// </summary>
public sealed class IndexModel(AppDbContext db, Features.Results.Supervision supervision, TimeProvider time) : PageModel
{
    public sealed record ItemView(SupervisionItem Item, string? Reference, Domain.Applications.ApplicationState State);

    public sealed record SampleView(SupervisionSample Sample, IReadOnlyList<ItemView> Items);

    public IReadOnlyList<SampleView> Samples { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    /// <summary>The item whose outcome form the problems belong to.</summary>
    public long? ProblemItem { get; private set; }

    [BindProperty] public int? CycleYear { get; set; }
    [BindProperty] public string? Seed { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [FromQuery] public Guid? Drawn { get; set; }
    [FromQuery] public long? Recorded { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDrawAsync(CancellationToken ct)
    {
        int? seed = null;
        var text = Seed?.Trim() ?? "";
        if (text.Length > 0)
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s))
            {
                return await RefusedAsync(null, [new Problem("invalid", new(
                    "Enter the seed as a whole number (digits only, as a recorded draw shows it), or leave it empty for a new draw.",
                    "随机种子须为整数（仅数字，与已记录的抽查一致），或留空以重新抽取。"), "seed")], ct);
            }
            seed = s;
        }
        var drawn = await supervision.DrawAsync(CycleYear, seed, User.Identity!.Name!, ct);
        return drawn.Succeeded ? Redirect($"/officer/supervision?drawn={drawn.Value.Id}#sample-{drawn.Value.Id}") : await RefusedAsync(null, drawn.Problems, ct);
    }

    public async Task<IActionResult> OnPostRecordAsync(long item, CancellationToken ct)
    {
        var recorded = await supervision.RecordAsync(item, Outcome, Notes, User.Identity!.Name!, ct);
        if (recorded.Succeeded)
        {
            return Redirect($"/officer/supervision?recorded={item}#item-{item}");
        }
        if (recorded.Problems.Any(p => p.Kind == ProblemKind.NotFound))
        {
            return NotFound();
        }
        return await RefusedAsync(item, recorded.Problems, ct);
    }

    /// <summary>The id of a field of an item's form, so the error summary can link to it.</summary>
    public static string FieldId(long item, string field) => $"{field}-{item}";

    private async Task<IActionResult> RefusedAsync(long? item, IReadOnlyList<Problem> problems, CancellationToken ct)
    {
        Problems = problems;
        ProblemItem = item;
        // A second look refused to an officer who handled the file is shown on the page, as a 403.
        Response.StatusCode = Infrastructure.Problems.ProblemAnswers.KindOf(problems) == ProblemKind.Forbidden
            ? StatusCodes.Status403Forbidden : Infrastructure.Problems.ProblemAnswers.PageStatus(problems);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Years = await db.Cycles.AsNoTracking().OrderByDescending(c => c.Year).Select(c => c.Year).ToListAsync(ct);
        CycleYear ??= Years.Contains(time.Today().Year) ? time.Today().Year : Years.FirstOrDefault();
        var samples = (await db.SupervisionSamples.AsNoTracking().ToListAsync(ct)).OrderByDescending(s => s.DrawnAt).Take(20).ToList();
        var ids = samples.Select(s => s.Id).ToList();
        var items = await db.SupervisionItems.AsNoTracking().Where(i => ids.Contains(i.SampleId)).OrderBy(i => i.Id).ToListAsync(ct);
        var fileIds = items.Select(i => i.ApplicationId).Distinct().ToList();
        var files = await db.Applications.AsNoTracking().Where(a => fileIds.Contains(a.Id)).Select(a => new { a.Id, a.Reference, a.State }).ToDictionaryAsync(a => a.Id, ct);
        Samples = samples.Select(s => new SampleView(s, items.Where(i => i.SampleId == s.Id)
            .Select(i => new ItemView(i, files.GetValueOrDefault(i.ApplicationId)?.Reference, files.GetValueOrDefault(i.ApplicationId)?.State ?? default))
            .OrderBy(i => i.Reference, StringComparer.Ordinal).ToList())).ToList();
    }
}
