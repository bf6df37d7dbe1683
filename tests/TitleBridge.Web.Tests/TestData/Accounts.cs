using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.TestData;

/// <summary>Accounts: organisations with their HR account, officers, each signed in on a client of its own.</summary>
internal static partial class Scenario
{
    /// <summary>An organisation (approved unless said otherwise) and a signed-in client of its account.</summary>
    public static async Task<(Guid EmployerId, HttpClient Client, string Email)> EmployerAsync(TestApp app, EmployerStatus status = EmployerStatus.Approved, string language = "en")
    {
        var n = Interlocked.Increment(ref _n);
        var email = $"employer{n}-{Guid.NewGuid():N}@test.localhost";
        Guid employerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var employer = new Employer { NameZh = $"单位{n}", NameEn = $"Employer {n}", CreditCode = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(), District = "440106", ContactName = "HR", ContactEmail = email, Status = status };
            db.Employers.Add(employer);
            await db.SaveChangesAsync();
            employerId = employer.Id;
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "HR", EmployerId = employer.Id };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Employer)).Succeeded);
        }
        var client = app.Client(language);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        Emails.AddOrUpdate(client, email);
        return (employerId, client, email);
    }

    /// <summary>Opens the confirmation link the outbox holds for <paramref name="email"/>, as its owner would; returns the page.</summary>
    public static async Task<string> ConfirmFromOutboxAsync(TestApp app, HttpClient client, string email)
    {
        var body = await app.QueryAsync(db => db.OutboxEmails.Where(m => m.To == email && m.TemplateKey == "ConfirmEmail").Select(m => m.TextBody).SingleAsync());
        var link = new Uri(ConfirmLink().Match(body).Value);
        var page = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://[^\s""<>]+/account/confirm-email\?userId=[^\s""<>]+")]
    private static partial System.Text.RegularExpressions.Regex ConfirmLink();

    public static async Task<HttpClient> OfficerAsync(TestApp app, string language = "en")
    {
        var email = $"officer{Interlocked.Increment(ref _n)}-{Guid.NewGuid():N}@test.localhost";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Officer" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Officer)).Succeeded);
        }
        var client = app.Client(language);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        Emails.AddOrUpdate(client, email);
        return client;
    }
}
