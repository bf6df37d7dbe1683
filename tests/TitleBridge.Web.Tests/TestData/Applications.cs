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
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.TestData;

/// <summary>Applications: complete drafts, submitted files, files through the employer's review to intake.</summary>
internal static partial class Scenario
{
    private static int _users;

    /// <summary>A complete draft in a cycle (open by default) for a new applicant: the demo applicant's AWS associate file, applying for <paramref name="level"/>.</summary>
    public static async Task<(Guid Id, string ApplicantId)> CompleteDraftAsync(TestApp app, string level = "E", int year = 2026, bool openCycle = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var email = $"applicant{Interlocked.Increment(ref _users)}-{Guid.NewGuid():N}@test.localhost";
        await DemoData.CreateUserAsync(users, email, "Applicant", Roles.Applicant, null, "Applicant-Password-1");
        var applicantId = (await users.FindByEmailAsync(email))!.Id;
        if (!await db.Cycles.AnyAsync(c => c.Year == year))
        {
            var today = time.Today();
            db.Cycles.Add(new EvaluationCycle
            {
                Year = year,
                OpensOn = openCycle ? today.AddDays(-10) : today.AddDays(10),
                ClosesOn = openCycle ? today.AddDays(30) : today.AddDays(40),
                CountUntil = new DateOnly(year, 12, 31),
                Levels = ["AE", "E", "SE", "PSE"],
                CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        }
        var employer = await DemoData.CreateEmployerAsync(db, time, "91440101MA5T" + Interlocked.Increment(ref _users).ToString("00000", System.Globalization.CultureInfo.InvariantCulture));
        var draft = await DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<IFileStore>(), time, applicantId, employer.Id, year, level, withProfileAndFiles: false);
        return (draft.Id, applicantId);
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
        var (id, applicant) = await CompleteDraftAsync(app);
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

    public static Task<ApplicationState> StateAsync(TestApp app, Guid id) =>
        app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());

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

    /// <summary>One file as the builders make it (a bachelor of 2015, AE held, working since), one whose applicant changed the degree to a master's.</summary>
    public static async Task<(Guid Bachelor, Guid Master, HttpClient Officer)> TwoFilesAsync(TestApp app)
    {
        var (employerId, _, _) = await EmployerAsync(app);
        var bachelor = await SubmittedAsync(app, employerId);
        var master = await SubmittedAsync(app, employerId, beforeSubmit: async applicant =>
        {
            var email = await app.QueryAsync(db => db.Users.Where(u => u.Id == applicant).Select(u => u.Email!).SingleAsync());
            var client = app.Client();
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "Applicant-Password-1")).StatusCode);
            var saved = await client.PutAsJsonAsync($"/api/applications/{await app.QueryAsync(db => db.Applications.Where(a => a.ApplicantId == applicant).Select(a => a.Id).SingleAsync())}/sections/degree",
                new { degree = new { level = "master", awardedOn = "2015-07-01", institution = "The University of Hong Kong", country = "HK", overseas = true } });
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        });
        return (bachelor, master, await OfficerAsync(app));
    }
}
