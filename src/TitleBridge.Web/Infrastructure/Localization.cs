using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace TitleBridge.Web.Infrastructure;

public static class Localization
{
    public const string Chinese = "zh-Hans";
    public const string English = "en";
    public static readonly string[] Cultures = [Chinese, English];

    public static IServiceCollection AddTitleBridgeLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Explicit choice (query, then the cookie the language switch sets) beats the browser's Accept-Language.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(http => Task.FromResult(FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString()))),
            ];
        });
        return services;
    }

    /// <summary>
    /// The browser's preference: Chinese when its most preferred language is Chinese, English for any other
    /// language (a French or German reader reads English better than Chinese); no header, the default.
    /// </summary>
    public static ProviderCultureResult? FromAcceptLanguage(string header)
    {
        if (!Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values) || values.Count == 0)
        {
            return null;
        }
        var first = values.Where(v => v.Value.Value != "*").OrderByDescending(v => v.Quality ?? 1).FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        var culture = first.Value.Value!.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
        return new ProviderCultureResult(culture);
    }

    /// <summary>True when the current UI culture is Chinese.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static string CurrentCulture => IsChinese ? Chinese : English;

    /// <summary>Picks the text for the current UI culture.</summary>
    public static string Pick(string en, string zh) => IsChinese ? zh : en;

    public static string Pick(this Domain.Common.BilingualText text) => IsChinese ? text.Zh : text.En;

    /// <summary>
    /// The text in the reader's language with a null language; when that text is empty (a catalogue
    /// table without Chinese notes), the other language's text with its language tag, so the page marks
    /// it <c>lang</c> for screen readers and translation tools (decision 0039).
    /// </summary>
    public static (string Text, string? Lang) PickOrOther(this Domain.Common.BilingualText text)
    {
        var own = text.Pick();
        if (own.Length > 0)
        {
            return (own, null);
        }
        return IsChinese ? (text.En, English) : (text.Zh, Chinese);
    }

    /// <summary>GET /language/{culture}?returnUrl=…: remembers the choice in a cookie for a year, then goes back.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? Chinese;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            var target = !string.IsNullOrEmpty(returnUrl) && IsLocal(returnUrl) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>A path of this site; a control character (which no header may carry) sends the reader home instead.</summary>
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && url.Length <= 2000 && !url.Any(char.IsControl);
}
