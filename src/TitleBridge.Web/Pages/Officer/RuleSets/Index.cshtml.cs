using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Officer.RuleSets;

/// <summary>Officers load a new rule-set version: validated, with its effective date; earlier versions stay in use before it.</summary>
public sealed class IndexModel(RuleSetStore store, PreviewRuleSetImpact impact) : PageModel
{
    public const long MaxBytes = 256 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<RuleSet> Versions { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    /// <summary>The candidate's effect on the open cycle, after "Preview the impact".</summary>
    public RuleSetImpactDto? Impact { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Versions = (await store.AllAsync(ct)).All;

    /// <summary>Before publishing: the candidate evaluated on every submitted file of the open cycle; nothing is stored.</summary>
    public async Task<IActionResult> OnPostImpactAsync(CancellationToken ct)
    {
        if (await ReadUploadAsync(ct) is { } json)
        {
            var result = await impact.HandleAsync(json, ct);
            if (result.Succeeded)
            {
                Impact = result.Value;
                Versions = (await store.AllAsync(ct)).All;
                return Page();
            }
            Problems = result.Problems.Select(p => p with { Field = p.Field is null ? null : "Upload" }).ToList();
        }
        Versions = (await store.AllAsync(ct)).All;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The uploaded file's text, or null with <see cref="Problems"/> set.</summary>
    private async Task<string?> ReadUploadAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Problems = [new Problem("file.required", new("Choose a rule-set file (.json).", "请选择规则集文件（.json）。"), "Upload")];
            return null;
        }
        if (Upload.Length > MaxBytes)
        {
            Problems = [new Problem("file.too-large", new("The file is larger than 256 KB.", "文件超过 256 KB。"), "Upload")];
            return null;
        }
        using var reader = new StreamReader(Upload.OpenReadStream());
        return await reader.ReadToEndAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await ReadUploadAsync(ct) is { } json)
        {
            var result = await store.AddVersionAsync(json, User.Identity!.Name!, ct);
            if (result.Succeeded)
            {
                return Redirect($"/officer/rule-sets?loaded={Uri.EscapeDataString(result.Value.Version)}");
            }
            Problems = result.Problems;
        }
        Versions = (await store.AllAsync(ct)).All;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
