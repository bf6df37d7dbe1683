using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>
/// The real TitleBridge host served by Kestrel on a random 127.0.0.1 port, over a fresh SQLite database
/// in a temporary data folder, initialised as on a first start (catalogue and first administrator).
/// </summary>
public sealed class KestrelApp : WebApplicationFactory<Program>
{
    // Many hosts start and stop in one test run; file watchers on inotify would exhaust the machine's
    // per-user limit (128 instances by default). Polling watchers use none.
    static KestrelApp() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");

    public const string AdminEmail = "admin@browser.localhost";

    /// <summary>The bureau's intake office, emailed when a corrected application comes back.</summary>
    public const string OfficeEmail = "intake-office@browser.localhost";
    public const string AdminPassword = "Correct-Horse-Battery-9";

    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private KestrelApp(string dataDirectory, IReadOnlyDictionary<string, string?>? settings)
    {
        _dataDirectory = dataDirectory;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
    }

    /// <summary>
    /// The app's clock: it starts on a fixed working Monday, 2 November 2026 at 09:00 Guangzhou time, and
    /// moves only when a test advances it, so journeys that wait for working days (publicity, correction
    /// deadlines) can be walked in seconds, and no journey depends on the day the suite runs: the
    /// working-day calendar knows only the years whose holiday schedules are published.
    /// </summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// The SMTP server the outbox delivers to when a test calls <see cref="DeliverEmailsAsync"/> (the
    /// background sender is off, so emails stay in the outbox table until then).
    /// </summary>
    public TitleBridge.Tests.Shared.TestSmtpServer Smtp { get; } = TitleBridge.Tests.Shared.TestSmtpServer.Start();

    /// <summary>Delivers every due email of the outbox to <see cref="Smtp"/>, over a socket.</summary>
    public async Task DeliverEmailsAsync()
    {
        var sender = Services.GetRequiredService<TitleBridge.Web.Infrastructure.Email.OutboxSender>();
        while (await sender.ProcessOnceAsync() > 0)
        {
        }
    }

    /// <summary>The address the browser uses, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="settings">Settings of one test class on top of the ones below.</param>
    public static async Task<KestrelApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "titlebridge-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var app = new KestrelApp(dataDirectory, settings);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        // Kestrel reports the port it was given; the browser always talks to the IPv4 loopback.
        var port = new Uri(addresses.First()).Port;
        app.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        await AppInitializer.InitializeAsync(app.Services);
        return app;
    }

    public const string OfficerPassword = "Officer-Password-123";

    /// <summary>
    /// An officer account: the first administrator is an administrator only and may not decide cases
    /// (issue #12), so tests that act as the bureau's intake sign in as an officer.
    /// </summary>
    public async Task<string> CreateOfficerAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TitleBridge.Web.Data.AppUser>>();
        var user = new TitleBridge.Web.Data.AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Officer" };
        if (!(await users.CreateAsync(user, OfficerPassword)).Succeeded || !(await users.AddToRoleAsync(user, TitleBridge.Web.Data.Roles.Officer)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the officer " + email);
        }
        return email;
    }

    public const string ExpertPassword = "Expert-Password-123";

    /// <summary>
    /// An expert of the pool, added through the officer's own handler (invitation email and audit event
    /// included); the password is then set on the account as the invitation's link would set it.
    /// </summary>
    public async Task<Guid> CreateExpertAsync(string email, string nameEn, string nameZh, string employer, string specialty, string culture)
    {
        await using var scope = Services.CreateAsyncScope();
        var today = Clock.Today();
        var added = await scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Features.Review.ExpertPool>().AddAsync(
            new(nameZh, nameEn, email, "SE", employer, null, [specialty], today.AddDays(-30), today.AddYears(2), culture), "officer",
            (userId, code) => new Uri(BaseAddress, $"/account/set-password?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}"), default);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException($"Could not add the expert {email}: " + added.Problems[0].Message.En);
        }
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TitleBridge.Web.Data.AppUser>>();
        if (!(await users.AddPasswordAsync((await users.FindByEmailAsync(email))!, ExpertPassword)).Succeeded)
        {
            throw new InvalidOperationException("Could not set the password of " + email);
        }
        return added.Value.Id;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Audit:SealerEnabled", "false");
        // Background loops wait on the app's clock; moved by days, they would run every missed tick.
        // Tests read emails from the outbox table and run sweeps themselves.
        builder.UseSetting("Email:SenderEnabled", "false");
        foreach (var (key, value) in Smtp.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Email:OfficeAddress", OfficeEmail);
        builder.UseSetting("Sweeps:Enabled", "false");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_dataDirectory, "titlebridge.db")};Pooling=false");
        builder.UseSetting("TitleBridge:DataDirectory", _dataDirectory);
        builder.UseSetting("TitleBridge:FirstAdmin:Email", AdminEmail);
        builder.UseSetting("TitleBridge:FirstAdmin:Password", AdminPassword);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
