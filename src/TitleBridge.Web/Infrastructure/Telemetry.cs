using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// What an operator watches (issue #10): OpenTelemetry metrics and traces of ASP.NET Core, HttpClient, Npgsql and
/// TitleBridge's own work, scraped per instance at <c>/metrics</c> (Prometheus text, from the machine itself only),
/// traces exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; logs as JSON lines outside Development
/// (appsettings.json). Nothing personal is a metric label or a log value: see <see cref="LogText"/>.
/// </summary>
public static partial class Telemetry
{
    public const string Name = "TitleBridge";

    public static WebApplicationBuilder AddTitleBridgeTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TitleBridgeMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(Name, serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(Name, "Npgsql", "Microsoft.AspNetCore.RateLimiting", "Microsoft.EntityFrameworkCore")
                    .AddPrometheusExporter();
            });
        // Traces are recorded only when a collector receives them: a listener without an exporter would build a span
        // (with its statement text) for every request and every SQL command and throw it away (bench/README.md).
        // Logs carry the request's trace id either way.
        if (otlp)
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/metrics") && !c.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource(Name, "Npgsql")
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, answered only to the machine itself, each instance on its own port: never
    /// to a request that came through a proxy (a balancer on the same machine connects from loopback too, so the
    /// forwarding headers tell). Runs before the forwarded-headers middleware, so it sees the connection's own peer.
    /// </summary>
    public static WebApplication MapTitleBridgeMetrics(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (context, next) =>
        {
            var proxied = context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded");
            if (proxied || context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next();
        }));
        app.UseOpenTelemetryPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// Text for a log line that came from outside (an SMTP server's error, an exception message): email addresses
    /// and long digit-letter runs such as identity document numbers are replaced, so logs hold no personal data.
    /// </summary>
    public static string LogText(string text) =>
        IdentityLike().Replace(EmailLike().Replace(text, "[email]"), "[number]");

    [GeneratedRegex(@"[^\s<>""'()\[\],;:]+@[^\s<>""'()\[\],;:]+")]
    private static partial Regex EmailLike();

    [GeneratedRegex(@"\b(?=[A-Z0-9]*\d)[A-Z]{0,3}\d[A-Z0-9]{5,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex IdentityLike();
}

/// <summary>TitleBridge's own counters, one meter per host (IMeterFactory), exported as titlebridge_* at /metrics.</summary>
public sealed class TitleBridgeMetrics
{
    public TitleBridgeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        Submissions = meter.CreateCounter<long>("titlebridge.submissions", "{application}", "Applications submitted");
        EmailsSent = meter.CreateCounter<long>("titlebridge.emails.sent", "{email}", "Emails the SMTP server acknowledged");
        EmailsFailed = meter.CreateCounter<long>("titlebridge.emails.failed", "{attempt}", "Failed delivery attempts");
        EmailsUncertain = meter.CreateCounter<long>("titlebridge.emails.uncertain", "{email}", "Emails held for an administrator: handed over, the server's answer unknown");
    }

    public Counter<long> Submissions { get; }
    public Counter<long> EmailsSent { get; }
    public Counter<long> EmailsFailed { get; }
    public Counter<long> EmailsUncertain { get; }
}
