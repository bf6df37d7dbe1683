using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Tests.Applications;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Employers;

/// <summary>Builders for the employer and officer side: organisations, signed-in clients, submitted applications.</summary>
internal static partial class Scenario
{
    public const string Password = "Scenario-Password-123";
    private static int _n;

    /// <summary>A fake clock at 10:00 in Guangzhou on <paramref name="day"/>.</summary>
    public static FakeTimeProvider ClockAt(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, string> Emails = new();

    /// <summary>
    /// Moves the clock to 10:00 on <paramref name="day"/> and signs the clients in again: the sign-in cookie
    /// expires by the app's TimeProvider, so a jump of days would sign everyone out.
    /// </summary>
    public static async Task MoveToAsync(this FakeTimeProvider clock, DateOnly day, params HttpClient[] clients)
    {
        clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        foreach (var client in clients)
        {
            Assert.True(Emails.TryGetValue(client, out var email));
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        }
    }

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

    /// <summary>
    /// A submitted application naming <paramref name="employerId"/>, in a 2026 cycle open all year (so a fake clock
    /// anywhere in 2026 can submit). <paramref name="applicantCulture"/> is the language of the applicant's emails.
    /// </summary>
    /// <param name="beforeSubmit">Run with the applicant's id while the application is still a draft (e.g. to save their profile, which is fixed once submitted).</param>
    public static async Task<Guid> SubmittedAsync(TestApp app, Guid employerId, string applicantCulture = "en", Func<string, Task>? beforeSubmit = null)
    {
        await app.QueryAsync(async db =>
        {
            if (!await db.Cycles.AnyAsync(c => c.Year == 2026))
            {
                db.Cycles.Add(new EvaluationCycle { Year = 2026, OpensOn = new(2026, 1, 1), ClosesOn = new(2026, 12, 31), CountUntil = new(2026, 12, 31), Levels = ["AE", "E", "SE", "PSE"], CreatedBy = "test" });
                await db.SaveChangesAsync();
            }
            return 0;
        });
        var (id, applicant) = await SubmitApplicationTests.CompleteDraftAsync(app);
        await app.QueryAsync(async db =>
        {
            var a = await db.Applications.SingleAsync(x => x.Id == id);
            a.EmployerId = employerId;
            var user = await db.Users.SingleAsync(u => u.Id == applicant);
            user.PreferredCulture = applicantCulture;
            user.DisplayName = "Maria Silva";
            await db.SaveChangesAsync();
            return 0;
        });
        if (beforeSubmit is not null)
        {
            await beforeSubmit(applicant);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitApplication>().HandleAsync(new(id, true, true, null), applicant);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Problems.Select(p => p.Message.En)));
        return id;
    }

    public static Task<Application> ApplicationAsync(TestApp app, Guid id) =>
        app.QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body = null) =>
        client.PostAsJsonAsync(url, body ?? new { });

    /// <summary>Opens the review, confirms employment and starts the publicity on <paramref name="from"/>.</summary>
    public static async Task<JsonElement> ToPublicityAsync(HttpClient employer, Guid id, DateOnly from)
    {
        Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{id}/employer/open-review")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{id}/employer/confirm-employment")).StatusCode);
        var started = await employer.PostJsonAsync($"/api/applications/{id}/employer/start-publicity", new { from = from.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        return await started.JsonAsync();
    }

    /// <summary>An application recommended by its employer and waiting at intake, on the fake clock's day.</summary>
    public static async Task<Guid> AtIntakeAsync(TestApp app, FakeTimeProvider clock, string applicantCulture = "en", Func<string, Task>? beforeSubmit = null)
    {
        var (employerId, employer, _) = await EmployerAsync(app);
        var id = await SubmittedAsync(app, employerId, applicantCulture, beforeSubmit);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).DateTime);
        var publicity = await ToPublicityAsync(employer, id, today);
        var lastDay = DateOnly.Parse(publicity.GetProperty("prePublicityLastDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await clock.MoveToAsync(lastDay.AddDays(1), employer);
        Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{id}/employer/recommend")).StatusCode);
        Assert.Equal(ApplicationState.Intake, (await ApplicationAsync(app, id)).State);
        return id;
    }
}
