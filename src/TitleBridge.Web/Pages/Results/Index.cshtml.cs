using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Results;

/// <summary>
/// The public result publicity notice (评后公示, policy.md §5.5), no sign-in: per running notice, the committee,
/// the period and, for each file, only the masked name, employer, specialty and level — never identity numbers,
/// contacts, scores or votes — with the way to object.
/// </summary>
public sealed class IndexModel(ResultPublicity results, TimeProvider time) : PageModel
{
    public IReadOnlyList<(ResultNotice Notice, IReadOnlyList<ResultPublicity.PublicEntry> Entries)> Notices { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = time.Today();
        var list = new List<(ResultNotice, IReadOnlyList<ResultPublicity.PublicEntry>)>();
        foreach (var n in await results.RunningAsync(ct))
        {
            list.Add((n, await results.EntriesAsync(n, ct)));
        }
        Notices = list;
    }
}
