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

    /// <summary>
    /// The address people reach the service at (scheme, host, port, path). Every absolute link in emails,
    /// PDFs and QR codes is built from it, never from the request's Host header; outside Development it
    /// also sets AllowedHosts when those are not configured.
    /// </summary>
    public string PublicBaseAddress { get; set; } = "http://127.0.0.1:5080";

    public SessionOptions Sessions { get; set; } = new();

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For/-Proto are believed (none by default).</summary>
    public List<string> ForwardedProxies { get; set; } = [];
}

/// <summary>How long a sign-in lasts: ended after <see cref="IdleMinutes"/> without a request, and after <see cref="AbsoluteHours"/> in any case.</summary>
public sealed class SessionOptions
{
    public int IdleMinutes { get; set; } = 30;
    public int AbsoluteHours { get; set; } = 8;
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
