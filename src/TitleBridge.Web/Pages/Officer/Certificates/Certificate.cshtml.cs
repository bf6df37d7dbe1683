using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Certificates;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Certificates;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Features.Intake;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Officer.Certificates;

/// <summary>
/// One certificate in the register, and its revocation (撤销, policy.md §5.7): reason and evidence, then a
/// confirmation step that says what follows — revoked everywhere at once, the holder told, an integrity record
/// against the identity document until a date — before anything changes.
/// </summary>
public sealed class CertificateModel(AppDbContext db, Revocation revocation, RuleSetStore rules, TimeProvider time) : PageModel
{
    public Certificate Certificate { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Confirming { get; private set; }
    public DateOnly IntegrityRecordUntil { get; private set; }

    [FromRoute] public string Number { get; set; } = "";
    [FromQuery] public bool Issued { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Evidence { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var problems = new List<Problem>();
        Required(Reason, "reason", "Enter the reason for revoking (what was false or improper).", "请填写撤销理由（何种材料虚假或以何种不当手段取得）。", problems);
        Required(Evidence, "evidence", "Enter the evidence the revocation rests on and where it is filed.", "请填写撤销所依据的证据及其存档位置。", problems);
        if (problems.Count > 0)
        {
            Problems = problems;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Confirming = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var revoked = await revocation.RevokeAsync(Number, Reason, Evidence, IntakeReview.ActorFor(User), User.Identity!.Name!, ct);
        if (revoked.Succeeded)
        {
            return Redirect($"/officer/certificates/{revoked.Value.Number}");
        }
        if (ProblemAnswers.PageRefusal(revoked.Problems) is { } refusal)
        {
            return refusal;
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Problems = revoked.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(revoked.Problems);
        return Page();
    }

    private static void Required(string? value, string field, string en, string zh, List<Problem> problems)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            problems.Add(new Problem("required", new(en, zh), field));
        }
        else if (text.Length > 2000)
        {
            problems.Add(new Problem("too-long", new("Shorten the text to at most 2000 characters.", "内容不能超过 2000 个字符。"), field));
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var parsed = CertificateNumber.TryParse(Number)?.ToString();
        if (parsed is null || await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Number == parsed, ct) is not { } c)
        {
            return false;
        }
        Certificate = c;
        var today = time.Today();
        // The same period Revocation applies (the rule set's integrity-record years).
        var years = (await rules.InForceAsync(today, ct))?.Procedure.IntegrityRecordYears.Value ?? 3;
        IntegrityRecordUntil = today.AddYears(years).AddDays(-1);
        return true;
    }
}
