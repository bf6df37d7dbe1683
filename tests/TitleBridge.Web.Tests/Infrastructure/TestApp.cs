using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real TitleBridge host over a database of its own: a fresh SQLite file or a fresh PostgreSQL
/// database per instance, migrated and loaded with the shipped catalogue as on a first start.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    // Many hosts start and stop in one test run; file watchers on inotify would exhaust the machine's
    // per-user limit (128 instances by default). Polling watchers use none.
    static TestApp() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");

    public const string AdminEmail = "admin@test.localhost";
    public const string AdminPassword = "Correct-Horse-Battery-9";

    private readonly Provider _provider;
    private readonly string _connectionString;
    private readonly string _dataDirectory;

    private readonly bool _withAdminPassword;
    private readonly TimeProvider _clock;
    private readonly Action<IServiceCollection>? _services;
    private IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();

    private TestApp(Provider provider, string connectionString, string dataDirectory, bool withAdminPassword, TimeProvider? clock, Action<IServiceCollection>? services,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _withAdminPassword = withAdminPassword;
        _clock = clock ?? DefaultClock();
        _services = services;
        _provider = provider;
        _connectionString = connectionString;
        _dataDirectory = dataDirectory;
    }

    public Provider Provider => _provider;

    /// <summary>
    /// The day a test that brings no clock of its own starts on: Monday 2 November 2026, 09:00 Guangzhou time.
    /// The working-day calendar knows only the years whose holiday schedules are published, so a suite that
    /// ran on the real date would stop working in the last weeks of the last known year.
    /// </summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    /// <summary>A clock that starts at <see cref="DefaultStart"/> and moves on in real time (timeouts and orderings stay real).</summary>
    private static ShiftedTime DefaultClock() => new(TimeProvider.System, DefaultStart - TimeProvider.System.GetUtcNow());

    /// <summary>The app's clock (the test's own, or the default one).</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Today in Guangzhou on the app's clock.</summary>
    public DateOnly Today => _clock.Today();

    /// <summary>The database this host uses (without pooling, unless a test asked for it).</summary>
    public string ConnectionString => _connectionString;

    /// <summary>The app's data folder (embedded database, outbox .eml files, stored files).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>
    /// Starts the host. <paramref name="clock"/> replaces the app's TimeProvider (e.g. a FakeTimeProvider
    /// to move across back-offs and deadlines); <paramref name="services"/> replaces further services.
    /// </summary>
    public static async Task<TestApp> StartAsync(Provider provider, bool withAdminPassword = true, TimeProvider? clock = null, Action<IServiceCollection>? services = null, PostgresServer? server = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "titlebridge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var connectionString = provider == Provider.Postgres
            ? await (server ?? await PostgresServer.GetAsync()).CreateDatabaseAsync()
            : $"Data Source={Path.Combine(dataDirectory, "titlebridge.db")};Pooling=false";
        var app = new TestApp(provider, connectionString, dataDirectory, withAdminPassword, clock, services, settings);
        await AppInitializer.InitializeAsync(app.Services);
        return app;
    }

    /// <summary>
    /// Another host on <paramref name="first"/>'s database, as a second instance behind a balancer is:
    /// its own process state and data folder, the same PostgreSQL. <paramref name="settings"/> override
    /// the test defaults (e.g. to run the background services on their timers).
    /// </summary>
    public static async Task<TestApp> StartBesideAsync(TestApp first, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "titlebridge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var app = new TestApp(first._provider, first._connectionString, dataDirectory, first._withAdminPassword, first._clock, services)
        {
            _settings = settings ?? new Dictionary<string, string?>(),
        };
        await AppInitializer.InitializeAsync(app.Services);
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _provider.ToString());
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Audit:SealerEnabled", "false");
        builder.UseSetting("ConnectionStrings:Default", _connectionString);
        builder.UseSetting("TitleBridge:DataDirectory", _dataDirectory);
        builder.UseSetting("TitleBridge:FirstAdmin:Email", AdminEmail);
        // Tests deliver outbox emails themselves (OutboxSender.ProcessOnceAsync), never behind their back.
        builder.UseSetting("Email:SenderEnabled", "false");
        // Tests run the correction-deadline sweep themselves (CorrectionDeadlineSweep.RunOnceAsync).
        builder.UseSetting("Sweeps:Enabled", "false");
        if (_withAdminPassword)
        {
            builder.UseSetting("TitleBridge:FirstAdmin:Password", AdminPassword);
        }
        // Tests sign in and register many times from one address: the rate limits are far away unless a test sets them.
        foreach (var policy in TitleBridge.Web.Infrastructure.RateLimits.Defaults.Keys)
        {
            builder.UseSetting($"RateLimits:{policy}:PermitLimit", "100000");
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(_clock);
            _services?.Invoke(services);
        });
    }

    /// <summary>A client that speaks the given language (Accept-Language) and does not follow redirects.</summary>
    public HttpClient Client(string language = "en")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    /// <summary>Runs a query against the app's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Everything in the tables a catalogue import or publication could touch, for "nothing changed" checks.</summary>
    public Task<string> CatalogueFingerprintAsync() => QueryAsync(async db =>
    {
        var editions = await db.CatalogueEditions.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => $"{e.Id}|{e.Status}|{e.EffectiveFrom}|{e.EffectiveTo}|{e.ConcurrencyStamp}").ToListAsync();
        var entries = await db.CatalogueEntries.AsNoTracking().CountAsync();
        var audit = await db.AuditEvents.AsNoTracking().CountAsync();
        return $"{string.Join(";", editions)}#{entries}#{audit}";
    });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
