using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TitleBridge.Domain.Applicants;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applicants;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>
/// What an operator sees (issue #10): metrics at /metrics, and logs that hold no personal data. The metrics listener
/// hears every "TitleBridge" meter in the process, so these tests run alone, after the parallel ones.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class OperatorSignalsTests
{
    private const string DocumentNumber = "K98765432";

    [Fact]
    public async Task Metrics_CountRequestsSubmissionsAndEmails_InPrometheusText()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        await Scenario.SubmittedAsync(app, employerId);
        Assert.True(await app.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync() > 0);

        var scrape = await app.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType!.MediaType);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Matches(@"(?m)^titlebridge_submissions_total(\{[^}]*\})? 1(\s|$)", text);
        Assert.Matches(@"(?m)^titlebridge_emails_sent_total(\{[^}]*\})? [1-9]", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    public async Task Metrics_AreNotAnsweredThroughAProxy(string header, string value)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(header, value);

        var response = await app.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("titlebridge_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_HoldNoEmailAddressOrIdentityNumber_EvenWhenTheSmtpServerQuotesTheAddress()
    {
        var logs = new CapturedLogs();
        await using var app = await TestApp.StartAsync(Provider.Sqlite, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.Replace(ServiceDescriptor.Singleton<IEmailDelivery>(new RejectingDelivery()));
        });
        var (employerId, _, employerEmail) = await Scenario.EmployerAsync(app);
        string applicantEmail = "";
        await Scenario.SubmittedAsync(app, employerId, beforeSubmit: async applicantId =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            applicantEmail = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByIdAsync(applicantId))!.Email!;
            var saved = await scope.ServiceProvider.GetRequiredService<SaveProfile>().HandleAsync(
                new("WANG FANG", "王芳", IdentityDocumentType.Passport, DocumentNumber, "GB", "+86 20 5555 0101"), applicantId);
            Assert.True(saved.Succeeded);
        });
        // Every email fails with the server quoting its recipient, as real servers do.
        await app.Services.GetRequiredService<OutboxSender>().ProcessOnceAsync();

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("failed (attempt 1)", StringComparison.Ordinal) && l.Contains("[email]", StringComparison.Ordinal));
        foreach (var secret in new[] { applicantEmail, employerEmail, DocumentNumber })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("550 5.1.1 <wang.fang@example.com>: Recipient address rejected", "550 5.1.1 <[email]>: Recipient address rejected")]
    [InlineData("Passport K98765432 is already on file", "Passport [number] is already on file")]
    [InlineData("SMTP server unavailable", "SMTP server unavailable")]
    public void LogText_ReplacesAddressesAndIdentityNumbers(string text, string logged) => Assert.Equal(logged, Telemetry.LogText(text));

    private sealed class RejectingDelivery : IEmailDelivery
    {
        public Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"550 5.1.1 <{email.To}>: Recipient address rejected");
    }

    /// <summary>Every log line any category writes, with its message and the values of its structured state.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                owner.Lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                owner.Lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics";
}
