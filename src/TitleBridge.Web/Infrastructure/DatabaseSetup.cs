using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers both provider contexts and resolves <see cref="AppDbContext"/> to the configured one.
    /// Settings are read when the context is first needed, not at registration, so a host built by
    /// tests or operators sees its final configuration.
    /// </summary>
    public static IHostApplicationBuilder AddTitleBridgeDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        // Pooled contexts (a request takes a reset one instead of building a new one with its services): the
        // contexts hold no state of their own beyond what EF resets (bench/README.md, "Submissions").
        builder.Services.AddDbContextPool<SqliteAppDbContext>((sp, o) => o.UseSqlite(SqliteConnectionString(sp)));
        builder.Services.AddDbContextPool<PostgresAppDbContext>((sp, o) => o.UseNpgsql(PostgresConnectionString(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Default")
            ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set."))));
        builder.Services.AddScoped<AppDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<PostgresAppDbContext>()
                : sp.GetRequiredService<SqliteAppDbContext>());
        return builder;
    }

    /// <summary>
    /// The configured PostgreSQL connection string with two defaults of its own, unless the string sets them
    /// (bench/README.md, "Submissions"): a pooled connection is not reset with <c>DISCARD ALL</c> when it is
    /// returned — nothing here leaves session state behind (every SET is SET LOCAL, every advisory lock a
    /// transaction's) — and statements used twice are prepared, so the server parses and plans each once per
    /// connection instead of on every request.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        var given = configured.Replace(" ", "", StringComparison.Ordinal);
        if (!given.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }
        if (!given.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(IServiceProvider sp) =>
        sp.GetRequiredService<IConfiguration>().GetConnectionString("Default")
        ?? $"Data Source={Path.Combine(DataDirectory(sp), "titlebridge.db")}";

    /// <summary>The data folder (TitleBridge:DataDirectory, relative to the content root), created if missing.</summary>
    public static string DataDirectory(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<TitleBridgeOptions>>().Value;
        var path = Path.GetFullPath(options.DataDirectory, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
        Directory.CreateDirectory(path);
        return path;
    }

    public static bool ShouldMigrateOnStartup(this DatabaseOptions options) =>
        options.MigrateOnStartup ?? options.Provider == DatabaseProvider.Sqlite;
}
