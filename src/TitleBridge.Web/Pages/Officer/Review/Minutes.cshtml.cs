using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Officer.Review;

/// <summary>The minutes: attendance, recusals and each file's tally — never who voted how (there is nothing stored that could say).</summary>
public sealed class MinutesModel(Plenary plenary, ReviewAccess access) : PageModel
{
    public Plenary.MeetingView? View { get; private set; }
    public Dictionary<Guid, List<string>> Recused { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        View = await plenary.ViewAsync(id, ct);
        if (View is null)
        {
            return NotFound();
        }
        foreach (var item in View.Agenda)
        {
            var names = new List<string>();
            foreach (var m in View.Members.Where(m => View.Present.Contains(m.Expert.Id)))
            {
                if (await access.IsConflictedAsync(m.Expert, item.Application, ct))
                {
                    names.Add(Localization.IsChinese ? m.Expert.NameZh : m.Expert.NameEn);
                }
            }
            Recused[item.Application.Id] = names;
        }
        return Page();
    }
}
