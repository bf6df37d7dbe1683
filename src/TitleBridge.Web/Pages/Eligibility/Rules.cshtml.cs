using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>The rule set in force, generated from the same data the engine uses.</summary>
public sealed class RulesModel(RuleSetStore store, TimeProvider time) : PageModel
{
    public RuleSet? RuleSet { get; private set; }
    public IReadOnlyList<RuleSet> Versions { get; private set; } = [];
    public IReadOnlyList<ParameterView> Parameters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await store.AllAsync(ct);
        Versions = all.All;
        RuleSet = all.InForceOn(time.Today());
        Parameters = RuleSet is null ? [] : RuleSetParameters.Of(RuleSet).ToList();
    }
}
