using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// Sessions that end (issue #12): the cookie is checked against the account's security stamp on every
/// request, so signing out, a new password, a reset of two-factor or a lockout (each renews the stamp)
/// ends every other session at once; a session also ends after the idle and the absolute timeout. The
/// cookie is Secure whenever the original request was HTTPS, which behind a TLS proxy is known from
/// X-Forwarded-Proto, believed from the configured proxies only.
/// The check is one small query for the account's stamp; the principal is not rebuilt and the cookie not
/// re-issued on every request (Identity's own validator does both, at five queries a request): an account's
/// roles are given when it is created and never change, so nothing else on the cookie can go stale
/// (bench/README.md, "Submissions").
/// </summary>
public static class Sessions
{
    private const string StartedKey = "tb.started";

    public static WebApplicationBuilder AddSessionRules(this WebApplicationBuilder builder)
    {
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
                if (!await StampIsCurrentAsync(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                // The idle window runs from the last request, to the minute: the cookie is re-issued when it is a
                // minute old or more (the handler's own sliding renewal waits for half the window).
                if (context.Properties.IssuedUtc is { } issued && now - issued >= TimeSpan.FromMinutes(1))
                {
                    context.ShouldRenew = true;
                }
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

    /// <summary>Every signed-in request asks it, so it is compiled once per model (Data.CompiledPerModel).</summary>
    private static readonly Data.CompiledPerModel<Func<Data.AppDbContext, string, CancellationToken, Task<string?>>> StampOf = new(() =>
        EF.CompileAsyncQuery<Data.AppDbContext, string, string?>((db, userId, ct) => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefault()));

    /// <summary>The stamp on the cookie is the account's stamp now (signing out, a new password or a lockout renews it).</summary>
    private static async Task<bool> StampIsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var claims = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = context.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (userId is null || stamp is null)
        {
            return false;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<Data.AppDbContext>();
        var current = await StampOf.For(db)(db, userId, context.HttpContext.RequestAborted);
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }

    private static TimeProvider TimeProvider(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>();
}
