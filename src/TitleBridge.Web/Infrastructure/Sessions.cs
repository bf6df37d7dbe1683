using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// Sessions that end (issue #12): the cookie is checked against the account's security stamp on every
/// request, so signing out, a new password, a reset of two-factor or a lockout (each renews the stamp)
/// ends every other session at once; a session also ends after the idle and the absolute timeout. The
/// cookie is Secure whenever the original request was HTTPS, which behind a TLS proxy is known from
/// X-Forwarded-Proto, believed from the configured proxies only.
/// </summary>
public static class Sessions
{
    private const string StartedKey = "tb.started";

    public static WebApplicationBuilder AddSessionRules(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure<Microsoft.Extensions.Options.IOptions<TitleBridgeOptions>>((o, settings) =>
        {
            var sessions = settings.Value.Sessions;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(sessions.IdleMinutes);
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            var signingIn = o.Events.OnSigningIn;
            o.Events.OnSigningIn = async context =>
            {
                // A refresh of the same sign-in (RefreshSignInAsync) keeps the time it started.
                context.Properties.Items.TryAdd(StartedKey, TimeProvider(context.HttpContext).GetUtcNow().ToString("O"));
                await signingIn(context);
            };
            var validate = o.Events.OnValidatePrincipal; // Identity's security stamp check
            o.Events.OnValidatePrincipal = async context =>
            {
                var now = TimeProvider(context.HttpContext).GetUtcNow();
                if (!context.Properties.Items.TryGetValue(StartedKey, out var started) || !DateTimeOffset.TryParse(started, out var at)
                    || now - at > TimeSpan.FromHours(sessions.AbsoluteHours))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await validate(context);
            };
        });
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection($"{TitleBridgeOptions.Section}:ForwardedProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    private static TimeProvider TimeProvider(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>();
}
