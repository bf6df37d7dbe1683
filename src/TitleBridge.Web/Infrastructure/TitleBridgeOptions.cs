namespace TitleBridge.Web.Infrastructure;

/// <summary>Settings under the "TitleBridge" section.</summary>
public sealed class TitleBridgeOptions
{
    public const string Section = "TitleBridge";

    /// <summary>Where the embedded database, uploaded files and the email outbox live. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Where catalogue editions, rule sets and calendars are read from. Relative paths are under the app's base directory.</summary>
    public string ReferenceDataDirectory { get; set; } = "data";

    public FirstAdminOptions FirstAdmin { get; set; } = new();
}

/// <summary>The first administrator. There is no default password: one is generated and printed in Development.</summary>
public sealed class FirstAdminOptions
{
    public string Email { get; set; } = "admin@titlebridge.localhost";
    public string? Password { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Settings under the "Database" section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up. Defaults to on for the embedded SQLite database only; production runs the `migrate` verb.</summary>
    public bool? MigrateOnStartup { get; set; }
}
