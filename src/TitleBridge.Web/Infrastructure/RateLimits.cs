using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// Rate limits with ASP.NET Core's own limiter (README, "Rate limits"). Each named policy is a fixed
/// window per client address, configured under <c>RateLimits:{policy}</c> (PermitLimit, WindowSeconds).
/// Sign-in is limited per client here and per account in the sign-in page (<see cref="AccountThrottle"/>),
/// so nobody can lock an officer out by guessing faster than the lockout counts. A refusal is 429 with
/// Retry-After: a bilingual problem document for the API, the bilingual error page for pages.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string PasswordReset = "password-reset";
    public const string PublicApi = "public-api";

    /// <summary>For certificate verification (issue #8): <c>.RequireRateLimiting(RateLimits.Verification)</c>.</summary>
    public const string Verification = "verification";

    /// <summary>Objections to a published result (issue #8): anyone may write, with an attachment, so few per hour.</summary>
    public const string Objection = "objection";

    public static readonly IReadOnlyDictionary<string, (int PermitLimit, int WindowSeconds)> Defaults = new Dictionary<string, (int, int)>
    {
        [SignIn] = (20, 60),
        [Registration] = (10, 3600),
        [PasswordReset] = (10, 3600),
        [PublicApi] = (120, 60),
        [Verification] = (120, 60),
        [Objection] = (10, 3600),
        ["sign-in-account"] = (10, 300),
    };

    public static (int PermitLimit, int WindowSeconds) Setting(IConfiguration configuration, string policy)
    {
        var (permits, seconds) = Defaults[policy];
        var section = configuration.GetSection($"RateLimits:{policy}");
        return (section.GetValue("PermitLimit", permits), section.GetValue("WindowSeconds", seconds));
    }

    public static IServiceCollection AddTitleBridgeRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<AccountThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            foreach (var policy in new[] { SignIn, Registration, PasswordReset, PublicApi, Verification, Objection })
            {
                var (permits, seconds) = Setting(configuration, policy);
                // Page GETs (the form itself) are not limited: only what does the work. A verification page's GET
                // is the lookup itself, so it counts.
                var pageGetsFree = policy != Verification;
                o.AddPolicy(policy, http => pageGetsFree && HttpMethods.IsGet(http.Request.Method) && !HostSetup.IsApi(http)
                    ? RateLimitPartition.GetNoLimiter("get")
                    : RateLimitPartition.GetFixedWindowLimiter(Client(http), _ => Window(permits, seconds)));
            }
            o.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease, ct);
        });
        return services;
    }

    public static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromSeconds(seconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The client's address (after the forwarded headers of configured proxies).</summary>
    public static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (HostSetup.IsApi(http))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = Localization.Pick(
                    $"Try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.", $"请在 {Math.Ceiling(retryAfter.TotalSeconds)} 秒后重试。") },
            });
        }
        // Pages: the status code page (/error/429) says it in the reader's language.
    }
}

/// <summary>Sign-in attempts per account, whoever makes them (a fixed window per email address).</summary>
public sealed class AccountThrottle(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
    {
        var (permits, seconds) = RateLimits.Setting(configuration, "sign-in-account");
        return RateLimitPartition.GetFixedWindowLimiter(email, _ => RateLimits.Window(permits, seconds));
    });

    public RateLimitLease TryAcquire(string email) => _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());

    public void Dispose() => _limiter.Dispose();
}
