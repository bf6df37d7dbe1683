using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Tests.Applications;
using TitleBridge.Web.Tests.Employers;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Security;

/// <summary>
/// The walk of the Razor Pages forms that change data: each step opens the page as its user would, takes the
/// antiforgery token, posts the fields the page binds, checks that the form did what it says (its redirect or the
/// changed row), and expects the typed event of the handler behind it (the same one the API's step expects).
/// They run after the API's steps, on the same app, each arranging its own files.
/// </summary>
public sealed partial class AuditWalkTests
{
    /// <summary>The API's steps, then the pages'.</summary>
    private static IEnumerable<(string Key, Func<Walk, Task<Expected>> Step)> AllSteps => [.. Steps, .. PageSteps];

    /// <summary>GETs <paramref name="pageUrl"/> (it must answer 200), then posts the form to <paramref name="postUrl"/> as the call under test.</summary>
    private static async Task<HttpResponseMessage> FormAsync(Walk w, HttpClient client, string pageUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {pageUrl}: {(int)page.StatusCode}");
        var token = Http.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        return await w.SendAsync(client, HttpMethod.Post, postUrl, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>The redirect the form answered with: a page that saved something says so by sending the browser on.</summary>
    private static string RedirectOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<string> StampOf(Walk w, Guid application) => (await Scenario.ApplicationAsync(w.App, application)).ConcurrencyStamp.ToString();

    private static Task<ApplicationState> StateOf(Walk w, Guid application) => Review.ReviewScenario.StateAsync(w.App, application);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly (string Key, Func<Walk, Task<Expected>> Step)[] PageSteps =
    [
        // Accounts and personal data.
        ("POST /account/register", async w =>
        {
            var email = $"walk-page-register-{w.Next()}@test.localhost";
            var response = await FormAsync(w, w.App.Client(), "/account/register", "/account/register",
                ("Email", email), ("Password", "Applicant-Password-1"), ("DisplayName", "Walk"), ("Culture", "en"), ("PrivacyNotice", Accounts.PrivacyTests.NoticeVersion));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var id = await w.IdOfAsync(email);
            return new(id, nameof(AccountRegistered), Subjects.User(id));
        }),
        ("POST /account/register-employer", async w =>
        {
            var email = $"walk-page-hr-{w.Next()}@test.localhost";
            var response = await FormAsync(w, w.App.Client(), "/account/register-employer", "/account/register-employer",
                ("NameZh", "广州页面科技有限公司"), ("NameEn", "Guangzhou Page Technology Co., Ltd."), ("CreditCode", "91440106MA59C1K34K"), ("District", "440106"),
                ("ContactName", "Li Hua"), ("ContactEmail", "contact@example.com"), ("ContactPhone", "+86 20 1234 5678"), ("AccountEmail", email),
                ("Password", "Employer-Password-1"), ("PrivacyNotice", Accounts.PrivacyTests.NoticeVersion));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var id = await w.IdOfAsync(email);
            return new(id, nameof(AccountRegistered), Subjects.User(id));
        }),
        ("POST /officer/employers", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var employer = await w.App.QueryAsync(db => db.Employers.Where(e => e.CreditCode == "91440106MA59C1K34K").Select(e => e.Id).SingleAsync());
            var response = await FormAsync(w, officer, "/officer/employers", "/officer/employers?handler=Approve", ("EmployerId", employer.ToString()));
            Assert.Equal("/officer/employers?decided=1", RedirectOf(response));
            Assert.Equal(EmployerStatus.Approved, await w.App.QueryAsync(db => db.Employers.Where(e => e.Id == employer).Select(e => e.Status).SingleAsync()));
            return new(id, nameof(EmployerApproved), Subjects.Employer(employer));
        }),
        ("POST /account/login-with-code", async w =>
        {
            // An account with an authenticator: the password is right, the code is not.
            var (_, id) = await w.AccountAsync(Roles.Applicant);
            var email = await w.App.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
            await using (var scope = w.App.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var user = (await users.FindByIdAsync(id))!;
                Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
                Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
            }
            var client = w.App.Client();
            var first = await client.SignInAsync(email, "Applicant-Password-1");
            Assert.Contains("/account/login-with-code", first.Headers.Location!.OriginalString);
            var response = await FormAsync(w, client, "/account/login-with-code", "/account/login-with-code", ("Code", "12345"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new(Actors.Anonymous, nameof(SignInFailed), Subjects.User(id));
        }),
        ("POST /account/consent", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            var response = await FormAsync(w, client, "/account/consent", "/account/consent?ReturnUrl=%2Fapplications", ("PrivacyNotice", Accounts.PrivacyTests.NoticeVersion));
            Assert.Equal("/applications", RedirectOf(response));
            return new(id, nameof(ConsentGiven), Subjects.User(id));
        }),
        ("POST /account/my-data", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            var response = await FormAsync(w, client, "/account/my-data", "/account/my-data?handler=Correction", ("Details", "My Chinese name is 林安娜."));
            Assert.Equal("/account/my-data?sent=correction", RedirectOf(response));
            var request = await w.App.QueryAsync(db => db.DataRequests.Where(r => r.UserId == id).Select(r => r.Id).SingleAsync());
            return new(id, nameof(DataRequestMade), Subjects.DataRequest(request));
        }),

        // The applicant's journey through the pages.
        ("POST /applications", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            var to = RedirectOf(await FormAsync(w, client, "/applications", "/applications?handler=Start"));
            var application = await w.App.QueryAsync(db => db.Applications.Where(a => a.ApplicantId == id).Select(a => a.Id).SingleAsync());
            Assert.Equal($"/applications/{application}", to);
            w.Values["page-draft"] = application.ToString();
            return new(id, nameof(ApplicationStarted), Application(application));
        }),
        ("POST /applications/{id:guid}/sections/{section}", async w =>
        {
            var application = Guid.Parse(w.Values["page-draft"]);
            var (client, id) = await w.ApplicantOfAsync(application);
            var url = $"/applications/{application}/sections/report";
            Assert.Equal(url + "?saved=1", RedirectOf(await FormAsync(w, client, url, url + "?handler=Report", ("report", new string('页', 300)))));
            Assert.Contains(new string('页', 300), await client.GetStringAsync(url));
            return new(id, nameof(ApplicationSectionSaved), Application(application));
        }),
        ("POST /applications/{id:guid}/withdraw", async w =>
        {
            var application = Guid.Parse(w.Values["page-draft"]);
            var (client, id) = await w.ApplicantOfAsync(application);
            var url = $"/applications/{application}/withdraw";
            Assert.Equal($"/applications/{application}", RedirectOf(await FormAsync(w, client, url, url, ("reason", "Applying next year."), ("stamp", await StampOf(w, application)))));
            Assert.Equal(ApplicationState.Withdrawn, await StateOf(w, application));
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),
        ("POST /applications/{id:guid}/check-answers", async w =>
        {
            var (application, _) = await SubmitApplicationTests.CompleteDraftAsync(w.App);
            var (client, id) = await w.ApplicantOfAsync(application);
            var url = $"/applications/{application}/check-answers";
            Assert.Equal($"/applications/{application}/submitted", RedirectOf(await FormAsync(w, client, url, url,
                ("declaration", "true"), ("acknowledge", "true"), ("stamp", await StampOf(w, application)))));
            Assert.Equal(ApplicationState.Submitted, await StateOf(w, application));
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),
        ("POST /applications/{id:guid}", async w =>
        {
            // Resubmission after a correction notice (the status page's Resubmit handler).
            var application = await Scenario.AtIntakeAsync(w.App, w.Clock);
            var (officer, _) = await w.AccountAsync(Roles.Officer);
            Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{application}/correction", new { items = new[] { "The employment contract is not signed." } })).StatusCode);
            var (client, id) = await w.ApplicantOfAsync(application);
            var url = $"/applications/{application}";
            Assert.Equal(url, RedirectOf(await FormAsync(w, client, url, url + "?handler=Resubmit", ("declaration", "true"), ("stamp", await StampOf(w, application)))));
            Assert.Equal(ApplicationState.Intake, await StateOf(w, application));
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),

        // The employer's page, then the officer's intake page (the file accepted here is reviewed through the pages below).
        ("POST /employer/applications/{id:guid}", async w =>
        {
            var (employerId, employer, email) = await Scenario.EmployerAsync(w.App);
            var application = await Scenario.SubmittedAsync(w.App, employerId);
            var url = $"/employer/applications/{application}";
            Assert.Equal(url + "?done=1", RedirectOf(await FormAsync(w, employer, url, url + "?handler=OpenReview", ("Stamp", await StampOf(w, application)))));
            Assert.Equal(ApplicationState.EmployerReview, await StateOf(w, application));
            return new(await w.IdOfAsync(email), nameof(ApplicationStateChanged), Application(application));
        }),
        ("POST /officer/intake/{id:guid}", async w =>
        {
            var application = await Scenario.AtIntakeAsync(w.App, w.Clock);
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var url = $"/officer/intake/{application}";
            Assert.Equal(url + "?done=1", RedirectOf(await FormAsync(w, officer, url, url + "?handler=Accept", ("Stamp", await StampOf(w, application)), ("Confirmed", "true"))));
            Assert.Equal(ApplicationState.Accepted, await StateOf(w, application));
            w.Values["page-file"] = application.ToString();
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),
    ];
}
