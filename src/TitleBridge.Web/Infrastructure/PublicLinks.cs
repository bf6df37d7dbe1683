using Microsoft.Extensions.Options;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// Absolute links for emails, PDFs and QR codes, from the configured public base address
/// (TitleBridge:PublicBaseAddress): a forged Host header cannot point a mailed token elsewhere.
/// </summary>
public sealed class PublicLinks(IOptions<TitleBridgeOptions> options)
{
    private readonly Uri _base = new(options.Value.PublicBaseAddress.TrimEnd('/') + "/", UriKind.Absolute);

    public Uri Base => _base;

    /// <summary>The absolute link of a path and query of this service (<c>/account/confirm-email?…</c>).</summary>
    public Uri To(string pathAndQuery) => new(_base, pathAndQuery.TrimStart('/'));
}
