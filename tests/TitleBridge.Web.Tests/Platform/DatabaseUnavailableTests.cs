using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>
/// Overload and a database that is down (issue #10): answered 503 with a problem document within the
/// pool's wait, never a hang; /health/ready says so; the host recovers by itself.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PoolExhausted_Answers503WithAProblem_ThenRecoversByItself()
    {
        await using var first = await TestApp.StartAsync(Provider.Postgres);
        var onePooledConnection = new NpgsqlConnectionStringBuilder(first.ConnectionString) { Pooling = true, MaxPoolSize = 1, Timeout = 1 }.ConnectionString;
        await using var app = await TestApp.StartBesideAsync(first, new Dictionary<string, string?> { ["ConnectionStrings:Default"] = onePooledConnection });
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles")).StatusCode);

        await using (var holder = app.Services.CreateAsyncScope())
        {
            // Something else holds the only connection, as a burst holding every connection would.
            var db = holder.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();

            await AssertUnavailableAsync(client);
        }

        await AssertRecoversAsync(client);
    }

    [Fact]
    public async Task DatabaseStopped_Answers503WithAProblem_AndRecoversWhenItIsBack()
    {
        var server = await PostgresServer.StartDedicatedAsync();
        await using var first = await TestApp.StartAsync(Provider.Postgres, server: server);
        var pooled = new NpgsqlConnectionStringBuilder(first.ConnectionString) { Pooling = true, Timeout = 2 }.ConnectionString;
        await using var app = await TestApp.StartBesideAsync(first, new Dictionary<string, string?> { ["ConnectionStrings:Default"] = pooled });
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cycles")).StatusCode);

        await server.StopImmediatelyAsync();
        try
        {
            await AssertUnavailableAsync(client);
        }
        finally
        {
            await server.StartAgainAsync();
        }

        await AssertRecoversAsync(client);
    }

    private static async Task AssertUnavailableAsync(HttpClient client)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/cycles");
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.EndsWith(":unavailable", problem.GetProperty("type").GetString());
        Assert.Equal("服务暂时不可用，本次操作未作任何更改，请稍后几秒再试。", problem.GetProperty("message").GetProperty("zh").GetString());
        Assert.Equal("The service is briefly unavailable. Nothing was changed; please try again in a few seconds.", problem.GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.True(stopwatch.Elapsed < Quickly, $"answered after {stopwatch.Elapsed}");
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>No restart of the host: within a few seconds the same host answers again.</summary>
    private static async Task AssertRecoversAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync("/api/cycles")).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(200);
            }
        }
        while (status != HttpStatusCode.OK && deadline.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
