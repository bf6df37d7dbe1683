using System.Diagnostics;
using System.Text;
using Npgsql;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>The host's operator verbs, run as an operator would: a separate process on the built app.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task ImportCatalogue_BadRows_ExitsWithEveryProblem_ThenGoodRowsPublish()
    {
        var data = Directory.CreateTempSubdirectory("titlebridge-cli-").FullName;
        var environment = new Dictionary<string, string> { ["TitleBridge__DataDirectory"] = data };
        var catalogue = Path.Combine(AppContext.BaseDirectory, "data", "catalogue");
        var edition = Path.Combine(data, "edition.json");
        await File.WriteAllTextAsync(edition, (await File.ReadAllTextAsync(Path.Combine(catalogue, "guangzhou-2025-edition.json")))
            .Replace("\"id\": \"guangzhou-2025\"", "\"id\": \"guangzhou-2026\"", StringComparison.Ordinal));
        var good = await File.ReadAllLinesAsync(Path.Combine(catalogue, "guangzhou-2025-illustrative.csv"));
        var bad = Path.Combine(data, "bad.csv");
        await File.WriteAllLinesAsync(bad, [good[0], good[1].Replace(",IT,AE,", ",ZZ,AE,", StringComparison.Ordinal), good[2].Replace(",IT,AE,", ",IT,XX,", StringComparison.Ordinal)], new UTF8Encoding(false));

        var rejected = await RunAsync(environment, "import-catalogue", "--edition", edition, "--rows", bad);

        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("nothing was written", rejected.Output);
        Assert.Contains("row 2, sector", rejected.Output);
        Assert.Contains("row 3, level", rejected.Output);

        var accepted = await RunAsync(environment, "import-catalogue", "--edition", edition, "--rows", Path.Combine(catalogue, "guangzhou-2025-illustrative.csv"), "--publish", "2026-12-01");

        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains("Imported 170 entries as draft edition 'guangzhou-2026'", accepted.Output);
        Assert.Contains("Published 'guangzhou-2026' from 2026-12-01", accepted.Output);
    }

    [Fact]
    public async Task VerifyAudit_AfterAFirstStart_SealsAndReportsAnIntactChain()
    {
        var data = Directory.CreateTempSubdirectory("titlebridge-cli-").FullName;
        var environment = new Dictionary<string, string> { ["TitleBridge__DataDirectory"] = data };
        await RunAsync(environment, "migrate");
        var catalogue = Path.Combine(AppContext.BaseDirectory, "data", "catalogue");
        await RunAsync(environment, "import-catalogue", "--edition", Path.Combine(catalogue, "guangzhou-2025-edition.json"), "--rows", Path.Combine(catalogue, "guangzhou-2025-illustrative.csv"));

        var result = await RunAsync(environment, "verify-audit");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("The audit log is intact", result.Output);
    }

    [Fact]
    public async Task Migrate_OnAnEmptyPostgresDatabase_AppliesEveryMigration()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = connectionString,
        };

        var result = await RunAsync(environment, "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("The database is up to date.", result.Output);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);
        var again = await RunAsync(environment, "migrate");
        Assert.Contains("Applying 0 migration(s)", again.Output);
    }
}
