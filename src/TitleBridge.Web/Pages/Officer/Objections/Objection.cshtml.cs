using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Objections;

/// <summary>
/// One objection: the officer records the findings and chooses to uphold (the result is overturned, the file
/// goes to ObjectionUpheld and the applicant is told why) or dismiss; a confirmation step shows the decision
/// before it is made, because it cannot be undone.
/// </summary>
public sealed class ObjectionModel(AppDbContext db, ResultPublicity results) : PageModel
{
    public ResultObjection Objection { get; private set; } = null!;
    public string? Reference { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Confirming { get; private set; }

    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Findings { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The first step: checks the choice and the findings, then shows them for confirmation.</summary>
    public async Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var problems = new List<Problem>();
        if (Decision is not ("uphold" or "dismiss"))
        {
            problems.Add(new Problem("required", new("Choose whether the objection is upheld or dismissed.", "请选择异议成立或不成立。"), "decision"));
        }
        if (string.IsNullOrWhiteSpace(Findings))
        {
            problems.Add(new Problem("required", new("Enter the findings of the investigation.", "请填写核查结论。"), "findings"));
        }
        else if (Findings.Trim().Length > 4000)
        {
            problems.Add(new Problem("too-long", new("Shorten the findings to at most 4000 characters.", "核查结论不能超过 4000 个字符。"), "findings"));
        }
        if (problems.Count > 0)
        {
            Problems = problems;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Confirming = true;
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct)
    {
        var decided = await results.DecideAsync(id, Decision == "uphold", Findings, IntakeReview.ActorFor(User), User.Identity!.Name!, ct);
        if (decided.Succeeded)
        {
            return Redirect($"/officer/objections/{id}");
        }
        if (ProblemAnswers.PageRefusal(decided.Problems) is { } refusal)
        {
            return refusal;
        }
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Problems = decided.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(decided.Problems);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var row = await (from o in db.ResultObjections.AsNoTracking()
                         where o.Id == id
                         join a in db.Applications.AsNoTracking() on o.ApplicationId equals a.Id
                         select new { o, a.Reference }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return false;
        }
        Objection = row.o;
        Reference = row.Reference;
        return true;
    }
}
