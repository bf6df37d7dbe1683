using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.OpenData;

/// <summary>
/// The site's own bilingual introduction to the open data API (issue #11): what is there, the licence,
/// the rate limits and examples, before the English API reference tool it links to.
/// </summary>
public sealed class IndexModel(PublicLinks links, IConfiguration configuration) : PageModel
{
    /// <summary>The address examples are written against: the configured public address, never the request's Host.</summary>
    public string Base => links.Base.AbsoluteUri.TrimEnd('/');

    public (int PermitLimit, int WindowSeconds) PublicApi => RateLimits.Setting(configuration, RateLimits.PublicApi);

    public (int PermitLimit, int WindowSeconds) Verification => RateLimits.Setting(configuration, RateLimits.Verification);

    public void OnGet()
    {
    }
}
