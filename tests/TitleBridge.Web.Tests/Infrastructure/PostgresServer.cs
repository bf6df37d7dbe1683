using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TitleBridge.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for this test run: initdb into a temporary folder as the postgres
/// user, started on a free loopback port, stopped when the process exits (ENVIRONMENT.md). Set
/// TITLEBRIDGE_TEST_POSTGRES to a connection string to use an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static int _databaseCounter;

    private string? _bin;
    private string? _dir;
    private int _port;
    private bool _asRoot;

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    public string AdminConnectionString { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = $"tb_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("TITLEBRIDGE_TEST_POSTGRES") is { Length: > 0 } existing)
        {
            return new PostgresServer(existing);
        }
        return await StartDedicatedAsync();
    }

    /// <summary>
    /// A cluster of the caller's own, for tests that stop and start the server (fault tests): never
    /// the shared one, which other tests are using at the same time.
    /// </summary>
    public static async Task<PostgresServer> StartDedicatedAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run scripts/test.sh, which installs it, or apt-get install postgresql.");
        var dir = Path.Combine(Path.GetTempPath(), $"titlebridge-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres:postgres {dir}");
        }
        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {dir}/data --auth=trust -E UTF8 --no-sync -U postgres", asRoot);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {dir}/data -l {dir}/log -w -o \"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start", asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                // A fault test may have left it stopped already.
                RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {dir}/data status", asRoot).GetAwaiter().GetResult();
                RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {dir}/data -m immediate stop", asRoot).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Not running.
            }
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover temporary cluster is harmless.
            }
        };
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false")
        {
            _bin = bin,
            _dir = dir,
            _port = port,
            _asRoot = asRoot,
        };
    }

    /// <summary>Stops the server as a crash would (immediate mode: no checkpoint, connections cut).</summary>
    public Task StopImmediatelyAsync() =>
        RunAsync(Path.Combine(_bin ?? throw new InvalidOperationException("Only a dedicated server can be stopped."), "pg_ctl"), $"-D {_dir}/data -m immediate stop", _asRoot);

    /// <summary>Starts a stopped dedicated server again on the same port (it recovers from its WAL).</summary>
    public Task StartAgainAsync() =>
        RunAsync(Path.Combine(_bin ?? throw new InvalidOperationException("Only a dedicated server can be started."), "pg_ctl"),
            $"-D {_dir}/data -l {_dir}/log -w -o \"-c listen_addresses=127.0.0.1 -p {_port} -k {_dir} -c fsync=off -c max_connections=300\" start", _asRoot);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
