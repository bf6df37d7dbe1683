using System.Net;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>The first Development start's sample data: one applicant per stage, each landing on its stage.</summary>
public sealed class DemoDataTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task FirstStart_CreatesOneApplicantPerStage_EachSignsInAndLandsOnItsStage(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 11, 2));
        await using var app = await TestApp.StartAsync(provider, clock: clock);

        var accounts = await DemoData.SeedAsync(app.Services);

        var expected = new (string Email, ApplicationState State)[]
        {
            ("applicant@titlebridge.localhost", ApplicationState.Draft),
            ("applicant-with-employer@titlebridge.localhost", ApplicationState.EmployerReview),
            ("applicant-in-publicity@titlebridge.localhost", ApplicationState.PrePublicity),
            ("applicant-at-intake@titlebridge.localhost", ApplicationState.Intake),
            ("applicant-correction-requested@titlebridge.localhost", ApplicationState.CorrectionRequested),
            ("applicant-accepted@titlebridge.localhost", ApplicationState.Accepted),
            ("applicant-voted@titlebridge.localhost", ApplicationState.Voted),
            ("applicant-result-publicity@titlebridge.localhost", ApplicationState.ResultPublicity),
        };
        foreach (var (email, state) in expected)
        {
            var account = Assert.Single(accounts, a => a.Email == email);
            Assert.NotNull(account.Landing);
            var client = app.Client("en");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, account.Password)).StatusCode);
            var page = await client.GetAsync(account.Landing);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            var tags = string.Join(", ", System.Text.RegularExpressions.Regex.Matches(html, "<span class=\"tag\">([^<]*)</span>").Select(m => m.Groups[1].Value));
            Assert.True(html.Contains($"<span class=\"tag\">{WorkflowNames.Of(state).En}</span>", StringComparison.Ordinal),
                $"{email} should land on a page tagged {WorkflowNames.Of(state).En}; its tags: {tags}");
        }
        // The certificate holder: printed with the certificate's number and code, which check as valid on the public page.
        var holder = Assert.Single(accounts, a => a.Email == "applicant-certificate@titlebridge.localhost");
        var line = System.Text.RegularExpressions.Regex.Match(holder.Note ?? "", @"^Demo certificate: (GZZC-\d{4}-\d{6}-[0-9X]) \(verification code ([0-9A-Z]{5}-[0-9A-Z]{5})\)$");
        Assert.True(line.Success, holder.Note);
        var (number, verification) = (line.Groups[1].Value, line.Groups[2].Value);
        var holderClient = app.Client("en");
        Assert.Equal(HttpStatusCode.Redirect, (await holderClient.SignInAsync(holder.Email, holder.Password)).StatusCode);
        Assert.Equal("/applicant/certificates", holder.Landing);
        var mine = await holderClient.GetStringAsync(holder.Landing);
        Assert.Contains($"<strong class=\"reference\" translate=\"no\">{number}</strong>", mine, StringComparison.Ordinal);
        Assert.Contains($"<strong class=\"reference\" translate=\"no\">{verification}</strong>", mine, StringComparison.Ordinal);
        var check = await app.Client("en").GetStringAsync($"/verify/{number}?code={verification}");
        Assert.Contains("<h2 id=\"verify-result\">This certificate is valid</h2>", check, StringComparison.Ordinal);
        Assert.Contains("张*明", check, StringComparison.Ordinal);

        Assert.Contains(accounts, a => a.Role == Roles.Officer);
        Assert.Contains(accounts, a => a.Role == Roles.Employer);

        // The demo employer's code is one the registration form accepts.
        var code = await app.QueryAsync(db => db.Employers.Select(e => e.CreditCode).SingleAsync());
        Assert.True(UnifiedSocialCreditCode.Parse(code).Succeeded, code);

        // The review stage: its two files came through the real handlers from submission to review, and
        // a demo expert finds both among their files.
        var reviewFiles = await app.QueryAsync(db => db.Applications.AsNoTracking().Where(a => a.State == ApplicationState.InReview).Select(a => new { a.Id, a.Reference }).ToListAsync());
        Assert.Equal(2, reviewFiles.Count);
        foreach (var file in reviewFiles)
        {
            var steps = await app.QueryAsync(db => db.ApplicationEvents.Where(e => e.ApplicationId == file.Id && e.ToState != null).OrderBy(e => e.Id).Select(e => e.What).ToListAsync());
            Assert.Equal(["Submit", "OpenEmployerReview", "StartPrePublicity", "Recommend", "Accept", "StartReview"], steps);
        }
        Assert.Equal(1, await app.QueryAsync(db => db.Ballots.CountAsync(b => b.Status == BallotStatus.Pending)));
        foreach (var file in reviewFiles)
        {
            var reviewer = await app.QueryAsync(db => db.ReviewAssignments.Where(r => r.ApplicationId == file.Id)
                .Join(db.Experts, r => r.ExpertId, e => e.Id, (r, e) => e.Email).OrderBy(e => e).FirstAsync());
            var expert = Assert.Single(accounts, a => a.Email == reviewer);
            var expertClient = app.Client("en");
            Assert.Equal(HttpStatusCode.Redirect, (await expertClient.SignInAsync(expert.Email, expert.Password)).StatusCode);
            Assert.Contains($"<h2 id=\"f-{file.Id}\">{file.Reference}</h2>", await expertClient.GetStringAsync("/expert"), StringComparison.Ordinal);
        }

        // A second start adds nothing.
        Assert.Empty(await DemoData.SeedAsync(app.Services));
    }
}
