using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.TestData;

/// <summary>Builders for expert review, through the real endpoints: experts invited and signed in, accepted files, a committee.</summary>
internal static partial class ReviewScenario
{
    public const string ExpertPassword = "Expert-Password-1234";

    /// <summary>The employer the demo application's applicant works for now: an expert employed there is conflicted.</summary>
    public const string ApplicantsEmployer = "Guangzhou Example Technology Co., Ltd.";

    public sealed record ExpertAccount(Guid Id, string Email, HttpClient Client);

    /// <summary>Accepted files (Engineer, computer-networks) on the fake clock's day.</summary>
    public static async Task<List<Guid>> AcceptedFilesAsync(TestApp app, FakeTimeProvider clock, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = await Scenario.AtIntakeAsync(app, clock);
            // Signed in after the publicity moved the clock on (the cookie expires by the app's clock).
            var officer = await Scenario.OfficerAsync(app);
            var accepted = await officer.PostJsonAsync($"/api/applications/{id}/accept");
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>An officer adds the expert; the expert sets the password from the invitation's link and signs in.</summary>
    public static async Task<ExpertAccount> ExpertAsync(TestApp app, HttpClient officer, string name, string employer = "Guangzhou Institute of Standards",
        string[]? specialties = null, string culture = "en")
    {
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}-{Guid.NewGuid():N}@experts.test";
        var added = await officer.PostJsonAsync("/api/experts", new
        {
            nameZh = "专家" + name, nameEn = name, email, titleHeld = "SE", employerName = employer,
            specialties = specialties ?? ["computer-networks"], termFrom = "2026-01-01", termTo = "2028-12-31", culture,
        });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var id = (await added.JsonAsync()).GetProperty("id").GetGuid();
        var invitation = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.To == email));
        var link = new Uri(LinkPattern().Match(invitation.TextBody).Value);
        var client = app.Client(culture);
        var page = await client.GetStringAsync(link.PathAndQuery);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var set = await client.PostAsync("/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = query["userId"]!, ["code"] = query["code"]!, ["Password"] = ExpertPassword,
            ["__RequestVerificationToken"] = Http.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, ExpertPassword)).StatusCode);
        return new ExpertAccount(id, email, client);
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex LinkPattern();

    public static async Task<JsonElement> CommitteeAsync(HttpClient officer, IReadOnlyList<ExpertAccount> experts, int size)
    {
        var created = await officer.PostJsonAsync("/api/committees", new
        {
            cycleYear = 2026, band = "intermediate-junior", organisation = "by-series", nameZh = "工程系列中级评审委员会", nameEn = "Engineering intermediate committee",
            size, chairId = experts[1].Id, viceChairIds = new[] { experts[2].Id }, seed = 20260601,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.JsonAsync();
    }

    public static DateOnly Today(FakeTimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).DateTime);
}
