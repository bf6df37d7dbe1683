using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applicants;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Review;
using TitleBridge.Domain.Common;
using Microsoft.AspNetCore.Identity;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.TestData;

/// <summary>Builders for results and certificates: files that passed the vote, published, confirmed, certified.</summary>
internal static class CertificateTestData
{
    public const string ChineseName = "张三明";
    public const string DocumentName = "ZHANG SANMING";
    public const string PassportNumber = "E12345678";

    /// <summary>Monday 28 September 2026, after the Mid-Autumn holiday and before National Day.</summary>
    public static readonly DateOnly Start = new(2026, 9, 7);

    /// <summary>
    /// A file that passed the plenary vote (Voted), with a profile giving a Chinese name and a passport: accepted at
    /// intake, then through expert review's own handlers — a committee drawn from a panel of seven experts, the
    /// review group assigned, every opinion submitted, a meeting with everyone present, the ballot opened, seven
    /// votes for, the ballot closed (which fires RecordPassingVote).
    /// </summary>
    /// <param name="opinion">The text every expert's opinion gives.</param>
    /// <param name="vote">How all seven vote: No makes the ballot fail, and the file is Rejected (RecordFailingVote).</param>
    public static async Task<(Guid Id, string ApplicantId)> VotedAsync(TestApp app, FakeTimeProvider clock, string culture = "en", string opinion = "Competent and well documented.",
        VoteChoice vote = VoteChoice.Yes)
    {
        // The profile the certificate prints, saved while the file is a draft (it is fixed once submitted).
        var id = await Scenario.AtIntakeAsync(app, clock, culture, async applicant =>
        {
            await using var draft = app.Services.CreateAsyncScope();
            var profile = await draft.ServiceProvider.GetRequiredService<SaveProfile>().HandleAsync(
                new(DocumentName, ChineseName, IdentityDocumentType.Passport, PassportNumber + Suffix(), "GB", "+86 20 1234 5678"), applicant);
            Assert.True(profile.Succeeded, string.Join("; ", profile.Problems.Select(p => p.Message.En)));
        });
        var officer = await Scenario.OfficerAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{id}/accept")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        await DecideAsync(scope.ServiceProvider, clock, id, vote, "工程系列中级评审委员会", "Engineering intermediate committee", opinion);
        var a = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Applications.AsNoTracking().SingleAsync(x => x.Id == id);
        Assert.Equal(vote == VoteChoice.Yes ? ApplicationState.Voted : ApplicationState.Rejected, a.State);
        return (id, a.ApplicantId);
    }

    /// <summary>
    /// One round of expert review through its own handlers, for an accepted file or one whose re-examination was
    /// asked for: a committee of its own drawn from the panel of seven, the review group assigned (earlier readers
    /// left out), every opinion submitted, a meeting today with everyone present, the ballot opened, every member
    /// who may vote on the file voting <paramref name="choice"/>, the ballot closed.
    /// </summary>
    public static async Task DecideAsync(IServiceProvider services, FakeTimeProvider clock, Guid id, VoteChoice choice, string nameZh, string nameEn,
        string opinion = "Competent and well documented.")
    {
        const string officer = "officer@test.localhost";
        var db = services.GetRequiredService<AppDbContext>();
        var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == id);
        var experts = await PanelAsync(services);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).DateTime);
        // Each file its own committee: the assignment takes the files of the cycle waiting for review, and this is the only one.
        var committee = Check(await services.GetRequiredService<Committees>().CreateAsync(new(a.CycleYear, "intermediate-junior", "by-series", null,
            nameZh, nameEn, 7, experts[0].Id, [experts[1].Id], 20260601), officer, default));
        var assign = services.GetRequiredService<AssignReviewGroups>();
        Check(await assign.ProposeAsync(committee.Id, officer, default));
        Check(await assign.ConfirmAsync(committee.Id, officer, Actor.Officer, default));
        var opinions = services.GetRequiredService<ExpertFiles>();
        var scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 4 };
        foreach (var r in await db.ReviewAssignments.AsNoTracking().Where(r => r.ApplicationId == id && r.CommitteeId == committee.Id).ToListAsync())
        {
            Check(await opinions.SaveOpinionAsync(experts.Single(e => e.Id == r.ExpertId), id, new(scores, opinion, "en", true), submit: true, default));
        }
        var plenary = services.GetRequiredService<Plenary>();
        var meeting = Check(await plenary.ScheduleAsync(committee.Id, today, officer, default));
        Check(await plenary.RecordAttendanceAsync(meeting.Id, experts.Select(e => e.Id).ToList(), officer, default));
        Check(await plenary.OpenBallotAsync(meeting.Id, id, officer, default));
        foreach (var e in experts.Where(e => !Web.Features.Results.Reexamination.IsConflict(a, e.Id.ToString())))
        {
            Check(await plenary.VoteAsync(e, meeting.Id, id, choice, default));
        }
        Check(await plenary.CloseBallotAsync(meeting.Id, id, officer, Actor.Officer, default));
    }

    /// <summary>The app's seven experts in computer networks (made once per app), none working for the applicants' employer.</summary>
    internal static async Task<List<Expert>> PanelAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var panel = await db.Experts.Where(e => e.CreatedBy == "certificate-test-data").OrderBy(e => e.Email).ToListAsync();
        if (panel.Count == 7)
        {
            return panel;
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        for (var i = 1; i <= 7; i++)
        {
            var email = $"panel-expert{i}@experts.test";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Panel Expert {i}" };
            Assert.True((await users.CreateAsync(user, "Expert-Password-1234")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Expert)).Succeeded);
            db.Experts.Add(new Expert
            {
                UserId = user.Id, NameZh = $"专家{i}", NameEn = $"Panel Expert {i}", Email = email, TitleHeld = "SE",
                EmployerName = $"Guangzhou Institute of Standards {i}", Specialties = ["computer-networks"],
                TermFrom = new DateOnly(2025, 1, 1), TermTo = new DateOnly(2029, 12, 31), PreferredCulture = "en",
                CreatedAt = now, CreatedBy = "certificate-test-data", UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync();
        return await db.Experts.Where(e => e.CreatedBy == "certificate-test-data").OrderBy(e => e.Email).ToListAsync();
    }

    internal static T Check<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message.En)));
        return result.Value;
    }

    private static int _n;

    // Each file its own passport, so one file's integrity record never touches another test's file.
    private static string Suffix() => (Interlocked.Increment(ref _n) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Publishes the files' result on <paramref name="startsOn"/> (moving the clock there) and returns the notice.</summary>
    public static async Task<System.Text.Json.JsonElement> PublishAsync(TestApp app, FakeTimeProvider clock, DateOnly startsOn, HttpClient officer, params Guid[] ids)
    {
        await clock.MoveToAsync(startsOn, officer);
        var response = await officer.PostJsonAsync("/api/results/notices", new { applicationIds = ids });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>A file whose certificate is issued: voted, published on 29 September 2026, confirmed on 12 October.</summary>
    public static async Task<(Guid Id, System.Text.Json.JsonElement Certificate, HttpClient Officer)> IssuedAsync(TestApp app, FakeTimeProvider clock, string culture = "en")
    {
        var (id, _) = await VotedAsync(app, clock, culture);
        var officer = await Scenario.OfficerAsync(app);
        await PublishAsync(app, clock, new DateOnly(2026, 9, 29), officer, id);
        await clock.MoveToAsync(new DateOnly(2026, 10, 12), officer);
        var confirmed = await officer.PostJsonAsync($"/api/applications/{id}/confirm");
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        return (id, await confirmed.JsonAsync(), officer);
    }

    private static int _employers;

    /// <summary>
    /// A complete draft (the builders' AWS associate file, Engineer) for an applicant who already has an account and a
    /// profile, e.g. a holder applying again in a later cycle; the cycle must exist and be open.
    /// </summary>
    public static async Task<Guid> CompleteDraftAsync(TestApp app, string applicantId, int year)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var today = Web.Infrastructure.GuangzhouClock.Today(time);
        Assert.True(await db.Cycles.AnyAsync(c => c.Year == year && c.OpensOn <= today && c.ClosesOn >= today), $"no open {year} cycle");
        var employer = await Web.Infrastructure.DemoData.CreateEmployerAsync(db, time, "91440101MA6C" + Interlocked.Increment(ref _employers).ToString("00000", System.Globalization.CultureInfo.InvariantCulture));
        var draft = await Web.Infrastructure.DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<Web.Infrastructure.Files.IFileStore>(), time,
            applicantId, employer.Id, year, withProfileAndFiles: false);
        return draft.Id;
    }

    /// <summary>The objection form as a browser sends it (multipart, because it may carry an attachment).</summary>
    public static MultipartFormDataContent ObjectionForm(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    /// <summary>The holder's own view of their certificates (number, code, credential) through the API.</summary>
    public static async Task<HttpClient> HolderAsync(TestApp app, string applicantId)
    {
        var email = await app.QueryAsync(db => db.Users.Where(u => u.Id == applicantId).Select(u => u.Email!).SingleAsync());
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "Applicant-Password-1")).StatusCode);
        return client;
    }
}
