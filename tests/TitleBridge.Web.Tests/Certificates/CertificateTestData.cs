using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applicants;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Tests.Employers;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>Builders for results and certificates: files that passed the vote, published, confirmed, certified.</summary>
internal static class CertificateTestData
{
    public const string ChineseName = "张三明";
    public const string DocumentName = "ZHANG SANMING";
    public const string PassportNumber = "E12345678";

    /// <summary>Monday 28 September 2026, after the Mid-Autumn holiday and before National Day.</summary>
    public static readonly DateOnly Start = new(2026, 9, 7);

    /// <summary>
    /// A file that passed the plenary vote (Voted), with a profile giving a Chinese name and a passport.
    /// UNTIL EXPERT REVIEW (#7) MERGES: the file goes Accepted → InReview → Voted through the real transition service
    /// (ApplicationTransitions.FireAsync, the code path the meeting uses), with the two facts the meeting will supply
    /// — a review group assigned, the ballot passed — given as facts. The lead switches this one method to the real
    /// meeting (assign the group, hold the meeting, vote) when #7 lands.
    /// </summary>
    public static async Task<(Guid Id, string ApplicantId)> VotedAsync(TestApp app, FakeTimeProvider clock, string culture = "en")
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
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var transitions = scope.ServiceProvider.GetRequiredService<ApplicationTransitions>();
        var a = await db.Applications.SingleAsync(x => x.Id == id);
        var review = await transitions.FireAsync(a, ApplicationTrigger.StartReview, Actor.Officer, "officer@test.localhost",
            facts: c => c with { ReviewGroupAssigned = true });
        Assert.True(review.Succeeded, string.Join("; ", review.Problems.Select(p => p.Message.En)));
        var vote = await transitions.FireAsync(a, ApplicationTrigger.RecordPassingVote, Actor.Officer, "officer@test.localhost",
            facts: c => c with { Ballot = BallotOutcome.Passed });
        Assert.True(vote.Succeeded, string.Join("; ", vote.Problems.Select(p => p.Message.En)));
        return (id, a.ApplicantId);
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

    /// <summary>The holder's own view of their certificates (number, code, credential) through the API.</summary>
    public static async Task<HttpClient> HolderAsync(TestApp app, string applicantId)
    {
        var email = await app.QueryAsync(db => db.Users.Where(u => u.Id == applicantId).Select(u => u.Email!).SingleAsync());
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "Applicant-Password-1")).StatusCode);
        return client;
    }
}
