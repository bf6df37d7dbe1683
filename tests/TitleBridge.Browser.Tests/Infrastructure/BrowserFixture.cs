using Microsoft.Playwright;

namespace TitleBridge.Browser.Tests.Infrastructure;

/// <summary>One running app and one Chromium per test class; every test gets its own browser context.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public KestrelApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Settings a test class's app needs beyond the usual ones (a fixture of its own overrides this).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? AppSettings => null;

    public async Task InitializeAsync()
    {
        App = await KestrelApp.StartAsync(AppSettings);
        _playwright = await Playwright.CreateAsync();
        // The system Chromium: no browser is ever downloaded.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh context (cookies, storage) speaking the given language through Accept-Language
    /// ("en-US" or "zh-CN"), or with no language preference when null.
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(string testName, string? locale, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = locale,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, locale is null ? testName : $"{testName}-{locale}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
