using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Files;

/// <summary>
/// A host killed (SIGKILL) while uploads are between writing their file and committing their row: the
/// acknowledged upload survives, and after the grace period the orphan-file sweep leaves the store holding
/// exactly the files rows name (issue #12, "Files and races").
/// </summary>
public sealed class UploadCrashTests
{
    private const string Password = "Applicant-Password-1";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task KilledDuringUploads_LosesNothingAcknowledged_AndTheSweepRemovesEveryOrphan(Provider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, applicantId) = await Scenario.CompleteDraftAsync(app);
        var email = await app.QueryAsync(db => db.Users.Where(u => u.Id == applicantId).Select(u => u.Email!).SingleAsync());

        // The same database and data folder, served by a separate process that can be killed.
        using var host = await HostProcess.StartAsync(app);
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        var acknowledged = "%PDF-1.7 acknowledged"u8.ToArray();
        var upload = await (await UploadAsync(client, id, acknowledged)).JsonAsync();
        var acknowledgedId = upload.GetProperty("id").GetGuid();
        var named = await NamedAsync(app);
        Assert.Equal(named.Order(), Complete(app).Select(Path.GetFileName).Order());

        // Another writer holds the documents table: the next uploads write their files, then wait to commit.
        await using (var hold = await TableLock.TakeAsync(app))
        {
            var inFlight = Enumerable.Range(0, 3).Select(i => UploadAsync(client, id, System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7 in flight {i}"))).ToList();
            await WaitUntilAsync(() => Complete(app).Count() == named.Count + 3);
            host.Kill();
            await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        Assert.Equal(named.Order(), (await NamedAsync(app)).Order());
        Assert.Equal(named.Count + 3, Complete(app).Count());
        var sweep = app.Services.GetRequiredService<OrphanFileSweep>();

        // Within the grace period nothing is touched: the files might belong to uploads still committing.
        Assert.Equal(0, await sweep.RunOnceAsync());
        Assert.Equal(named.Count + 3, Complete(app).Count());

        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(3, await sweep.RunOnceAsync());

        Assert.Equal(named.Order(), Complete(app).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.EnumerateFiles(Root(app), "*.partial", SearchOption.AllDirectories));
        var owner = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(email, Password)).StatusCode);
        Assert.Equal(acknowledged, await owner.GetByteArrayAsync($"/api/applications/{id}/documents/{acknowledgedId}"));
        Assert.Equal(0, await sweep.RunOnceAsync());
    }

    [Fact]
    public async Task Sweep_RemovesHalfWrittenFilesAndUnnamedOnes_KeepsNamedOnes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var (id, applicantId) = await Scenario.CompleteDraftAsync(app);
        var email = await app.QueryAsync(db => db.Users.Where(u => u.Id == applicantId).Select(u => u.Email!).SingleAsync());
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, id, "%PDF-1.7 named"u8.ToArray())).StatusCode);
        var store = app.Services.GetRequiredService<IFileStore>();
        var unnamed = await store.SaveAsync(new MemoryStream("%PDF-1.7 unnamed"u8.ToArray()));
        var named = await NamedAsync(app);
        // What a crash in the middle of writing leaves: a partial file under a key no row has.
        var half = Path.Combine(Root(app), "ab", "cd", "abcd" + new string('0', 28) + ".partial");
        Directory.CreateDirectory(Path.GetDirectoryName(half)!);
        await File.WriteAllTextAsync(half, "%PDF-1.7 ha");
        File.SetLastWriteTimeUtc(half, DateTime.UtcNow);

        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(2, await app.Services.GetRequiredService<OrphanFileSweep>().RunOnceAsync());

        Assert.Equal(named.Order(), store.List().Select(e => e.Key).Order());
        Assert.False(File.Exists(Path.Combine(Root(app), unnamed.Key[..2], unnamed.Key[2..4], unnamed.Key)));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] bytes)
    {
        var form = new MultipartFormDataContent { { new StringContent("qualification"), "part" }, { new ByteArrayContent(bytes), "file", "certificate.pdf" } };
        return client.PostAsync($"/api/applications/{id}/documents", form);
    }

    /// <summary>The keys rows name (CompleteDraftAsync's own document rows carry placeholder keys with no file behind them).</summary>
    private static async Task<List<string>> NamedAsync(TestApp app) =>
        (await app.QueryAsync(db => db.ApplicationDocuments.Select(d => d.StorageKey).ToListAsync())).Where(LocalFileStore.IsValidKey).ToList();

    private static string Root(TestApp app) => Path.Combine(app.DataDirectory, LocalFileStore.FolderName);

    private static IEnumerable<string> Complete(TestApp app) =>
        Directory.EnumerateFiles(Root(app), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the uploads did not reach the store in time");
            await Task.Delay(50);
        }
    }

    /// <summary>A write lock on the documents table that still lets the upload's reads through.</summary>
    private sealed class TableLock(IAsyncDisposable connection) : IAsyncDisposable
    {
        public static async Task<TableLock> TakeAsync(TestApp app)
        {
            if (app.Provider == Provider.Postgres)
            {
                var pg = new NpgsqlConnection(app.ConnectionString);
                await pg.OpenAsync();
                await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE \"ApplicationDocuments\" IN EXCLUSIVE MODE;", pg);
                await command.ExecuteNonQueryAsync();
                return new TableLock(pg);
            }
            var sqlite = new SqliteConnection(app.ConnectionString);
            await sqlite.OpenAsync();
            await using var begin = sqlite.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
            return new TableLock(sqlite);
        }

        // Closing the connection rolls the open transaction back.
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    /// <summary>The built host as its own process on a loopback port, over the test app's database and data folder.</summary>
    private sealed class HostProcess(Process process, Uri address) : IDisposable
    {
        public static async Task<HostProcess> StartAsync(TestApp app)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var address = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["Logging__LogLevel__Default"] = "Warning",
                ["Database__Provider"] = app.Provider.ToString(),
                ["ConnectionStrings__Default"] = app.ConnectionString,
                ["TitleBridge__DataDirectory"] = app.DataDirectory,
                ["TitleBridge__FirstAdmin__Email"] = TestApp.AdminEmail,
                ["Email__SenderEnabled"] = "false",
                ["Sweeps__Enabled"] = "false",
                ["Audit__SealerEnabled"] = "false",
            })
            {
                start.Environment[key] = value;
            }
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var host = new HostProcess(process, address);
            using var health = new HttpClient { BaseAddress = address };
            var until = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                Assert.False(process.HasExited, "the host process stopped while starting");
                Assert.True(DateTime.UtcNow < until, "the host process did not become ready");
                try
                {
                    if ((await health.GetAsync("/health/ready")).IsSuccessStatusCode)
                    {
                        return host;
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(200);
            }
        }

        public HttpClient Client()
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = address };
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            return client;
        }

        /// <summary>SIGKILL: no shutdown, no finally blocks, no rollback by the process itself.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }
            process.Dispose();
        }
    }
}
