using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Expert;

/// <summary>An assigned file, read-only, and the expert's structured opinion (404 when not assigned or conflicted).</summary>
public sealed class FileModel(ReviewAccess access, ExpertFiles files, ReferenceData reference) : PageModel
{
    public ReferenceData Reference => reference;
    public ReviewFile? ReviewedFile { get; private set; }
    public ExpertFiles.OpinionView? Opinion { get; private set; }
    public ScoringScheme Scheme { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public Dictionary<string, int> Scores { get; set; } = [];
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public bool? Recommend { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct) => SaveAsync(id, false, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => SaveAsync(id, true, ct);

    private async Task<IActionResult> SaveAsync(Guid id, bool submit, CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(User, ct) is not { } expert)
        {
            return NotFound();
        }
        var saved = await files.SaveOpinionAsync(expert, id, new(Scores, Text, Language, Recommend), submit, ct);
        if (saved.Succeeded)
        {
            return Redirect($"/expert/files/{id}?saved=1");
        }
        if (ProblemAnswers.PageRefusal(saved.Problems) is { } refusal)
        {
            return refusal;
        }
        Problems = saved.Problems;
        Response.StatusCode = ProblemAnswers.PageStatus(saved.Problems);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.CurrentExpertAsync(User, ct) is not { } expert)
        {
            return false;
        }
        var file = await files.FileAsync(expert, id, ct);
        var opinion = await files.OpinionAsync(expert, id, ct);
        if (!file.Succeeded || !opinion.Succeeded)
        {
            return false;
        }
        (ReviewedFile, Opinion) = (file.Value, opinion.Value);
        Scheme = (await access.RulesAsync(ct)).Review.Scoring.Value;
        return true;
    }
}
