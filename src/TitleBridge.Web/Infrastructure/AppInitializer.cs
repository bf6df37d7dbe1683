using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// First start of the embedded default: migrate, create the roles and the first administrator, load
/// the catalogue edition shipped in data/. Every step is skipped when already done, so a restart keeps
/// everything.
/// </summary>
public static class AppInitializer
{
    public static async Task InitializeAsync(this WebApplication app)
    {
        await InitializeAsync(app.Services);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"TitleBridge is running at {url}  (TitleBridge 已启动：{url})");
            }
        });
    }

    /// <summary>The same first-start work for a host built elsewhere (tests, operator verbs).</summary>
    public static async Task InitializeAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("TitleBridge.Startup");
        var db = services.GetRequiredService<AppDbContext>();
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        if (database.ShouldMigrateOnStartup())
        {
            await db.Database.MigrateAsync();
        }
        await EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        await EnsureFirstAdminAsync(services, log);
        await EnsureCatalogueAsync(services, services.GetRequiredService<IConfiguration>(), log);
        await Features.PersonalData.PrivacyNotices.EnsureShippedAsync(db, ReferenceFiles.Directory(services.GetRequiredService<IConfiguration>()), services.GetRequiredService<TimeProvider>());
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private static async Task EnsureFirstAdminAsync(IServiceProvider services, ILogger log)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var options = services.GetRequiredService<IOptions<TitleBridgeOptions>>().Value.FirstAdmin;
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        var password = options.Password;
        var generated = false;
        if (string.IsNullOrEmpty(password))
        {
            if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                log.LogWarning("No administrator exists and TitleBridge:FirstAdmin:Password is not set; none was created.");
                return;
            }
            password = GeneratePassword();
            generated = true;
        }
        var admin = new AppUser { UserName = options.Email, Email = options.Email, EmailConfirmed = true, DisplayName = "Administrator" };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The first administrator could not be created: "
                + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        // An administrator manages accounts and settings; deciding cases needs the Officer role, given explicitly.
        await users.AddToRoleAsync(admin, Roles.Admin);
        if (generated)
        {
            // Development only: the generated password is shown once, so a newcomer can sign in.
            Console.WriteLine($"First administrator: {options.Email}  password: {password}  (首位管理员账号及密码)");
        }
    }

    private static string GeneratePassword()
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        // The fixed prefix gives the upper- and lower-case letters Identity requires; the suffix its digit
        // (16 random characters alone lack one about once in twelve starts).
        return "Tb-" + RandomNumberGenerator.GetString(Alphabet, 16) + "-" + RandomNumberGenerator.GetString("23456789", 2);
    }

    private static async Task EnsureCatalogueAsync(IServiceProvider services, IConfiguration configuration, ILogger log)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.CatalogueEditions.AnyAsync())
        {
            return;
        }
        var editionFile = ReferenceFiles.DefaultEditionFile(configuration);
        var metadata = EditionMetadataFile.Load(editionFile);
        var rowsFile = Path.Combine(Path.GetDirectoryName(editionFile)!, "guangzhou-2025-illustrative.csv");
        var importer = services.GetRequiredService<CatalogueImporter>();
        var imported = await importer.ImportDraftAsync(metadata, rowsFile, await File.ReadAllBytesAsync(rowsFile), "system");
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException("The shipped catalogue edition does not validate: "
                + string.Join("; ", imported.Problems.Select(p => $"row {p.Row} {p.Field}: {p.Message.En}")));
        }
        // The announcement gives no separate effective date; the edition applies from its announcement.
        var published = await importer.PublishAsync(metadata.Id, metadata.AnnouncedOn, null, "system");
        if (!published.Succeeded)
        {
            throw new InvalidOperationException("The shipped catalogue edition could not be published: " + published.Problems[0].Message.En);
        }
        log.LogInformation("Loaded catalogue edition {Edition} with {Count} entries.", metadata.Id, imported.Value.EntryCount);
    }
}
