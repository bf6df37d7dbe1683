using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Calendar;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Calendar;

namespace TitleBridge.Web.Pages.Officer.Calendar;

/// <summary>The working-day calendar (policy.md §5): the years covered with their sources, and replacing it.</summary>
public sealed class IndexModel(WorkingCalendar calendar) : PageModel
{
    public WorkingDayCalendar Current { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Json { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Current = await calendar.CurrentAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var json = Json;
        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream());
            json = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            Problems = [new Problem("required", new("Choose the calendar file or paste its JSON.", "请选择日历文件或粘贴其 JSON 内容。"), "Upload")];
        }
        else
        {
            var saved = await calendar.SaveAsync(json, User.Identity!.Name!, ct);
            if (saved.Succeeded)
            {
                return Redirect("/officer/calendar?saved=1");
            }
            Problems = saved.Problems;
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Current = await calendar.CurrentAsync(ct);
        return Page();
    }
}
