using System.Net;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Tests.Employers;
using TitleBridge.Web.Tests.Infrastructure;

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
        Assert.Contains(accounts, a => a.Role == Roles.Officer);
        Assert.Contains(accounts, a => a.Role == Roles.Employer);

        // The demo employer's code is one the registration form accepts.
        var code = await app.QueryAsync(db => db.Employers.Select(e => e.CreditCode).SingleAsync());
        Assert.True(UnifiedSocialCreditCode.Parse(code).Succeeded, code);

        // A second start adds nothing.
        Assert.Empty(await DemoData.SeedAsync(app.Services));
    }
}
