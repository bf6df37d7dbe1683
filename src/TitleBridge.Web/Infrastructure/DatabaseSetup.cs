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
        builder.Services.AddDbContext<SqliteAppDbContext>((sp, o) => o.UseSqlite(SqliteConnectionString(sp)));
        builder.Services.AddDbContext<PostgresAppDbContext>((sp, o) => o.UseNpgsql(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Default")
            ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set.")));
        builder.Services.AddScoped<AppDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<PostgresAppDbContext>()
                : sp.GetRequiredService<SqliteAppDbContext>());
        return builder;
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
