using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

public sealed class PlatformTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Health_LiveAndReady_AreHealthyWithADatabase(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task HealthReady_DatabaseGone_IsUnhealthy_WhileLiveStaysHealthy()
    {
        await using var app = await TestApp.StartAsync(Provider.Postgres);
        var client = app.Client();
        var database = await app.QueryAsync(db => Task.FromResult(db.Database.GetDbConnection().Database));
        var server = await PostgresServer.GetAsync();
        await using (var admin = new Npgsql.NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE {database} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrations_CoverTheModel_NoPendingChanges(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes without a migration: run dotnet ef migrations add.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task Restart_KeepsEverything_AndLoadsTheCatalogueOnce()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        // A second first-start on the same database (a restart) must not load or create anything twice.
        await TitleBridge.Web.Infrastructure.AppInitializer.InitializeAsync(app.Services);

        Assert.Equal(1, await app.QueryAsync(db => db.CatalogueEditions.CountAsync()));
        Assert.Equal(170, await app.QueryAsync(db => db.CatalogueEntries.CountAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/catalogue")]
    [InlineData("/api/catalogue/editions")]
    public async Task Responses_CarryStrictSecurityHeaders(string url)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().GetAsync(url);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task UnknownApiPath_IsProblemDetails_UnknownPage_IsAFriendlyPage()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client("zh-CN");

        var api = await client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forms_WithoutAntiforgeryToken_AreRejected()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = TestApp.AdminEmail,
            ["Password"] = TestApp.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("tb.auth", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Login_FiveWrongPasswords_LocksTheAccount_EvenForTheRightPassword(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.SignInAsync(TestApp.AdminEmail, "Wrong-password-123");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        // The lockout is worded like any failure (issue #12: the answer must not tell that the account exists).
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("That email address and password did not sign you in.", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/officer/catalogue")).StatusCode);
    }

    [Theory]
    [InlineData("en", "That email address and password did not sign you in.")]
    [InlineData("zh-CN", "该邮箱和密码未能登录。")]
    public async Task Login_WrongPassword_SaysSoInTheUsersLanguage(string language, string message)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client(language).SignInAsync(TestApp.AdminEmail, "Wrong-password-123");

        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_EmptyFields_ListsEachProblemInChinese()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client("zh-CN").SignInAsync("", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("请填写电子邮箱。", html);
        Assert.Contains("请填写密码。", html);
    }

    [Fact]
    public async Task SignIn_ThenSignOut_EndsTheSession()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/officer/catalogue")).StatusCode);

        var page = await client.GetStringAsync("/");
        await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Http.AntiforgeryToken(page) }));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/officer/catalogue")).StatusCode);
    }

    [Fact]
    public async Task NoAdministratorPassword_OutsideDevelopment_CreatesNoAccount()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, withAdminPassword: false);

        Assert.Equal(0, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("en", "Catalogue of overseas qualifications")]
    [InlineData("zh-CN", "境外职业资格目录")]
    [InlineData("zh-Hans", "境外职业资格目录")]
    public async Task AcceptLanguage_ChoosesThePageLanguage(string language, string heading)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var html = await app.Client(language).GetStringAsync("/catalogue");

        Assert.Contains($"<h1>{heading}</h1>", html);
    }

    [Fact]
    public async Task LanguageSwitch_PersistsInACookie_AndBeatsAcceptLanguage()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client("zh-CN");

        var switched = await client.GetAsync("/language/en?returnUrl=%2Fcatalogue%3Fsector%3DGD");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/catalogue?sector=GD", switched.Headers.Location?.OriginalString);
        Assert.Contains("<h1>Catalogue of overseas qualifications</h1>", await client.GetStringAsync("/catalogue"));

        var offsite = await client.GetAsync("/language/en?returnUrl=https%3A%2F%2Fevil.example");
        Assert.Equal("/", offsite.Headers.Location?.OriginalString);
    }

    [Fact]
    public void ResourceFiles_HaveEveryTextInBothLanguages()
    {
        var folder = Path.Combine(RepoRoot(), "src", "TitleBridge.Web", "Resources");
        static Dictionary<string, string> Read(string path) => XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var en = Read(Path.Combine(folder, "SharedResource.en.resx"));
        var zh = Read(Path.Combine(folder, "SharedResource.zh-Hans.resx"));

        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.All(en, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"{kv.Key} is empty in English"));
        Assert.All(zh, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"{kv.Key} is empty in Chinese"));
    }

    [Fact]
    public void Pages_UseOnlyTextKeysThatExist()
    {
        var web = Path.Combine(RepoRoot(), "src", "TitleBridge.Web");
        var keys = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx")).Root!.Elements("data")
            .Select(d => d.Attribute("name")!.Value).ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(web, "Pages"), "*.cs*", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\b[Ll]\[""([A-Za-z0-9]+)""\]|ErrorMessage = ""([A-Za-z]+)""")
                .Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.DoesNotContain(used, u => !keys.Contains(u.Key));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("TitleBridge.slnx not found above the test folder.");
    }
}
