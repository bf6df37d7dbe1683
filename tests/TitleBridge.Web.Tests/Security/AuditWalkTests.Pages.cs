using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Tests.Applications;
using TitleBridge.Web.Tests.TestData;
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

    private static Task<ApplicationState> StateOf(Walk w, Guid application) => Scenario.StateAsync(w.App, application);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The readers of a file who can sign in (an expert invited by email has no password until they set one), in a fixed order.</summary>
    private static Task<List<Guid>> SignableReadersAsync(Walk w, Guid file) => w.App.QueryAsync(db => (
        from r in db.ReviewAssignments
        where r.ApplicationId == file
        join e in db.Experts on r.ExpertId equals e.Id
        join u in db.Users on e.UserId equals u.Id
        where u.PasswordHash != null
        orderby e.Email
        select e.Id).ToListAsync());

    private static Task<List<Guid>> MembersAsync(Walk w, Guid committee) =>
        w.App.QueryAsync(db => db.CommitteeMembers.Where(m => m.CommitteeId == committee && m.Active).OrderBy(m => m.Id).Select(m => m.ExpertId).ToListAsync());

    /// <summary>The page walk's files in review: the intake page's file, then the three accepted for it here.</summary>
    private static IEnumerable<Guid> ReviewedFiles(Walk w) => new[] { "page-file", "page-upheld", "page-upheld-api" }.Select(k => Guid.Parse(w.Values[k]));

    /// <summary>An objection to a published file through the API, upheld by an officer: the file may then ask for re-examination.</summary>
    private static async Task UpholdAsync(Walk w, Guid file)
    {
        Assert.True((await w.App.Client().PostAsync($"/api/results/entries/{file}/objections",
            CertificateTestData.ObjectionForm(("name", "Wang Wu"), ("contact", "wangwu@example.com"), ("grounds", "The thesis was copied.")))).IsSuccessStatusCode);
        var objection = await w.App.QueryAsync(db => db.ResultObjections.Where(o => o.ApplicationId == file).Select(o => o.Id).SingleAsync());
        var (officer, _) = await w.AccountAsync(Roles.Officer);
        Assert.True((await officer.PostJsonAsync($"/api/results/objections/{objection}/decision",
            new { decision = "uphold", findings = "The thesis matches a 2019 publication by someone else." })).IsSuccessStatusCode);
        Assert.Equal(ApplicationState.ObjectionUpheld, await StateOf(w, file));
    }

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
            var (application, _) = await Scenario.CompleteDraftAsync(w.App);
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
        // Expert review through the officer's and the experts' pages: the intake page's file and three more files accepted
        // for it (two will be upheld on objection and re-examined; one stays in review for the conflicts declared on it).
        ("POST /officer/committees", async w =>
        {
            foreach (var key in new[] { "page-upheld", "page-upheld-api", "page-conflicted" })
            {
                var file = await Scenario.AtIntakeAsync(w.App, w.Clock);
                var (intake, _) = await w.AccountAsync(Roles.Officer);
                Assert.Equal(HttpStatusCode.OK, (await intake.PostJsonAsync($"/api/applications/{file}/accept")).StatusCode);
                w.Values[key] = file.ToString();
            }
            var panel = await w.App.QueryAsync(db => db.Experts.Where(e => e.CreatedBy == "certificate-test-data").OrderBy(e => e.Email).Select(e => e.Id).ToListAsync());
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var to = RedirectOf(await FormAsync(w, officer, "/officer/committees", "/officer/committees",
                ("CycleYear", "2026"), ("Band", "intermediate-junior"), ("Organisation", "by-series"), ("NameZh", "工程系列中级评审委员会（页面）"), ("NameEn", "Engineering intermediate committee (pages)"),
                ("Size", "7"), ("ChairId", panel[0].ToString()), ("ViceChairIds", panel[1].ToString()), ("Seed", "20261101")));
            var committee = Guid.Parse(to["/officer/committees/".Length..]);
            w.Values["page-committee"] = committee.ToString();
            return new(id, nameof(CommitteeDrawn), Subjects.Committee(committee));
        }),
        ("POST /officer/committees/{id:guid}", async w =>
        {
            var committee = Guid.Parse(w.Values["page-committee"]);
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var url = $"/officer/committees/{committee}";
            Assert.Equal(url + "?done=1", RedirectOf(await FormAsync(w, officer, url, url + "?handler=Propose")));
            var proposed = TitleBridge.Web.Features.Review.AssignReviewGroups.Read(await w.App.QueryAsync(db => db.Committees.AsNoTracking().SingleAsync(c => c.Id == committee)))!;
            Assert.All(new[] { "page-file", "page-upheld", "page-upheld-api", "page-conflicted" }, key => Assert.True(proposed.Groups[w.Values[key]].Count >= 3, key));
            return new(id, nameof(ReviewGroupsProposed), Subjects.Committee(committee));
        }),
        ("POST /expert/files/{id:guid}", async w =>
        {
            var committee = Guid.Parse(w.Values["page-committee"]);
            var (officer, _) = await w.AccountAsync(Roles.Officer);
            var url = $"/officer/committees/{committee}";
            Assert.Equal(url + "?done=1", RedirectOf(await FormAsync(w, officer, url, url + "?handler=Confirm")));
            var file = Guid.Parse(w.Values["page-file"]);
            var (expert, id) = await w.ExpertAsync((await SignableReadersAsync(w, file))[0]);
            var page = $"/expert/files/{file}";
            Assert.Equal(page + "?saved=1", RedirectOf(await FormAsync(w, expert, page, page + "?handler=Save",
                ("Scores[competence]", "4"), ("Scores[achievements]", "4"), ("Scores[report]", "4"), ("Text", "Competent and well documented."), ("Language", "en"), ("Recommend", "true"))));
            Assert.Contains("Competent and well documented.", await expert.GetStringAsync(page));
            return new(id, nameof(ReviewOpinionSaved), Application(file));
        }),
        ("POST /expert", async w =>
        {
            var file = Guid.Parse(w.Values["page-conflicted"]);
            var reader = (await SignableReadersAsync(w, file))[0];
            var (expert, id) = await w.ExpertAsync(reader);
            Assert.Equal("/expert?declared=1", RedirectOf(await FormAsync(w, expert, "/expert", "/expert",
                ("ApplicationId", file.ToString()), ("Relationship", "Relative"), ("Note", "The applicant is my cousin."))));
            Assert.True(await w.App.QueryAsync(db => db.Conflicts.AnyAsync(c => c.ApplicationId == file && c.ExpertId == reader)));
            return new(id, nameof(ConflictDeclared), Application(file));
        }),
        ("POST /api/review/files/{id:guid}/conflict", async w =>
        {
            var file = Guid.Parse(w.Values["page-conflicted"]);
            var (expert, id) = await w.ExpertAsync((await SignableReadersAsync(w, file))[1]);
            await w.PostAsync(expert, $"/api/review/files/{file}/conflict", new { relationship = "CoAuthor", note = "We wrote a paper together in 2024." });
            return new(id, nameof(ConflictDeclared), Application(file));
        }),
        ("POST /officer/meetings", async w =>
        {
            // Every reader of the three files submits an opinion (through the experts' own handler), so all three are on the agenda.
            await using (var scope = w.App.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var opinions = scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Features.Review.ExpertFiles>();
                var scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 4 };
                foreach (var file in ReviewedFiles(w))
                {
                    foreach (var reader in await db.ReviewAssignments.Where(r => r.ApplicationId == file).Select(r => r.ExpertId).ToListAsync())
                    {
                        var expert = await db.Experts.SingleAsync(e => e.Id == reader);
                        CertificateTestData.Check(await opinions.SaveOpinionAsync(expert, file, new(scores, "Competent and well documented.", "en", true), submit: true, default));
                    }
                }
            }
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var to = RedirectOf(await FormAsync(w, officer, "/officer/meetings", "/officer/meetings", ("CommitteeId", w.Values["page-committee"]), ("Date", Day(w.Today))));
            var meeting = Guid.Parse(to["/officer/meetings/".Length..]);
            w.Values["page-meeting"] = meeting.ToString();
            return new(id, nameof(MeetingScheduled), Subjects.Meeting(meeting));
        }),
        ("POST /officer/meetings/{id:guid}", async w =>
        {
            var url = $"/officer/meetings/{w.Values["page-meeting"]}";
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var members = await MembersAsync(w, Guid.Parse(w.Values["page-committee"]));
            Assert.Equal(url + "?done=1", RedirectOf(await FormAsync(w, officer, url, url + "?handler=Attendance", [.. members.Select(m => ("Present", m.ToString()))])));
            var file = Guid.Parse(w.Values["page-file"]);
            Assert.Equal(url + "?done=1", RedirectOf(await FormAsync(w, officer, url, url + "?handler=Open", ("ApplicationId", file.ToString()))));
            return new(id, nameof(BallotOpened), Application(file));
        }),
        ("POST /officer/results", async w =>
        {
            // Every member votes for each of the three files (the experts' own handler), and the officer closes the ballots.
            var meeting = Guid.Parse(w.Values["page-meeting"]);
            var members = await MembersAsync(w, Guid.Parse(w.Values["page-committee"]));
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            foreach (var file in ReviewedFiles(w))
            {
                if (file != Guid.Parse(w.Values["page-file"]))
                {
                    Assert.True((await officer.PostJsonAsync($"/api/meetings/{meeting}/ballots/{file}/open")).IsSuccessStatusCode);
                }
                await using (var scope = w.App.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var plenary = scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Features.Review.Plenary>();
                    foreach (var member in members)
                    {
                        var expert = await db.Experts.SingleAsync(e => e.Id == member);
                        CertificateTestData.Check(await plenary.VoteAsync(expert, meeting, file, TitleBridge.Web.Features.Review.VoteChoice.Yes, default));
                    }
                }
                Assert.True((await officer.PostJsonAsync($"/api/meetings/{meeting}/ballots/{file}/close")).IsSuccessStatusCode);
                Assert.Equal(ApplicationState.Voted, await StateOf(w, file));
            }
            var to = RedirectOf(await FormAsync(w, officer, "/officer/results", "/officer/results?handler=Publish",
                [.. ReviewedFiles(w).Select(f => ("ApplicationIds", f.ToString())), ("StartsOn", Day(w.Today)), ("Confirmed", "true")]));
            Assert.StartsWith("/officer/results?published=", to, StringComparison.Ordinal);
            var file0 = Guid.Parse(w.Values["page-file"]);
            Assert.Equal(ApplicationState.ResultPublicity, await StateOf(w, file0));
            return new(id, nameof(ApplicationStateChanged), Application(file0));
        }),
        ("POST /results/{id:guid}/object", async w =>
        {
            var file = Guid.Parse(w.Values["page-file"]);
            var url = $"/results/{file}/object";
            var to = RedirectOf(await FormAsync(w, w.App.Client(), url, url,
                ("ObjectorName", "Li Si"), ("Contact", "lisi@example.com"), ("Grounds", "The project reference was not the applicant's own work.")));
            var objection = await w.App.QueryAsync(db => db.ResultObjections.Where(o => o.ApplicationId == file).Select(o => o.Id).SingleAsync());
            Assert.Equal($"{url}?received={objection}", to);
            w.Values["page-objection"] = objection.ToString();
            return new(Actors.Anonymous, nameof(ResultObjectionReceived), Application(file));
        }),
        ("POST /officer/objections/{id:guid}", async w =>
        {
            var url = $"/officer/objections/{w.Values["page-objection"]}";
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            Assert.Equal(url, RedirectOf(await FormAsync(w, officer, url, url + "?handler=Decide",
                ("Decision", "dismiss"), ("Findings", "The contract shows the applicant led the project."))));
            Assert.Equal(ObjectionStatus.Dismissed, await w.App.QueryAsync(db => db.ResultObjections.Where(o => o.Id == Guid.Parse(w.Values["page-objection"])).Select(o => o.Status).SingleAsync()));
            return new(id, nameof(ResultObjectionDismissed), Application(Guid.Parse(w.Values["page-file"])));
        }),
        ("POST /applications/{id:guid}/reexamination", async w =>
        {
            var file = Guid.Parse(w.Values["page-upheld"]);
            await UpholdAsync(w, file);
            var (client, id) = await w.ApplicantOfAsync(file);
            var url = $"/applications/{file}/reexamination";
            Assert.Equal($"/applications/{file}", RedirectOf(await FormAsync(w, client, url, url, ("Grounds", "The objection confused me with another applicant of the same name."), ("Confirmed", "true"))));
            Assert.Equal(ApplicationState.ReexaminationRequested, await StateOf(w, file));
            return new(id, nameof(ApplicationStateChanged), Application(file));
        }),
        ("POST /api/applications/{id:guid}/reexamination", async w =>
        {
            var file = Guid.Parse(w.Values["page-upheld-api"]);
            await UpholdAsync(w, file);
            var (client, id) = await w.ApplicantOfAsync(file);
            await w.PostAsync(client, $"/api/applications/{file}/reexamination", new { grounds = "The thesis was published by me under my former name." });
            Assert.Equal(ApplicationState.ReexaminationRequested, await StateOf(w, file));
            return new(id, nameof(ApplicationStateChanged), Application(file));
        }),
        ("POST /officer/certificates/{number}", async w =>
        {
            // After the publicity: the file is confirmed (its certificate issued), then revoked through the register's page.
            var file = Guid.Parse(w.Values["page-file"]);
            var lastDay = (await Scenario.ApplicationAsync(w.App, file)).ResultPublicityLastDay!.Value;
            w.Clock.SetUtcNow(new DateTimeOffset(lastDay.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var number = (await (await w.PostAsync(officer, $"/api/applications/{file}/confirm")).JsonAsync()).GetProperty("number").GetString()!;
            var url = $"/officer/certificates/{number}";
            Assert.Equal(url, RedirectOf(await FormAsync(w, officer, url, url + "?handler=Revoke",
                ("Reason", "The qualification certificate was forged."), ("Evidence", "The university's letter of 3 May, file 2026-31."))));
            Assert.Equal(ApplicationState.Revoked, await StateOf(w, file));
            return new(id, nameof(ApplicationStateChanged), Application(file));
        }),
        ("POST /officer/supervision", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var to = RedirectOf(await FormAsync(w, officer, "/officer/supervision", "/officer/supervision?handler=Draw", ("CycleYear", "2026"), ("Seed", "20261101")));
            var sample = Guid.Parse(System.Text.RegularExpressions.Regex.Match(to, "drawn=([0-9a-f-]{36})").Groups[1].Value);
            Assert.Equal(20261101, await w.App.QueryAsync(db => db.SupervisionSamples.Where(s => s.Id == sample).Select(s => s.Seed).SingleAsync()));
            return new(id, nameof(SupervisionSampleDrawn), Subjects.SupervisionSample(sample));
        }),
        // The officer's settings forms, last: the expert pool, a catalogue edition, rule-set versions (in force only from 2027), the calendar.
        ("POST /officer/experts", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var email = $"walk-page-expert-{w.Next()}@experts.test";
            Assert.Equal("/officer/experts?added=1", RedirectOf(await FormAsync(w, officer, "/officer/experts", "/officer/experts",
                ("NameZh", "专家丁"), ("NameEn", "Page Expert"), ("Email", email), ("TitleHeld", "SE"), ("EmployerName", "Guangzhou Institute of Standards"),
                ("Specialties", "computer-networks"), ("TermFrom", "2026-01-01"), ("TermTo", "2028-12-31"), ("Culture", "en"))));
            var expert = await w.App.QueryAsync(db => db.Experts.Where(e => e.Email == email).Select(e => e.Id).SingleAsync());
            return new(id, nameof(ExpertAdded), Subjects.Expert(expert));
        }),
        ("POST /officer/catalogue/import", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var token = Http.AntiforgeryToken(await officer.GetStringAsync("/officer/catalogue/import"));
            var csv = "code,sector,level,name_en,name_zh,abbreviation,issuer_en,issuer_zh,country_region,specialty,aliases,basis,notes\r\n"
                + "WALK-1,IT,E,Walk Professional,示例资格,WP,Example Body,示例机构,US,computer-software,WP-1;示例,official,validity: 3y\r\n";
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("walk-2027"), "EditionId" },
                { new StringContent("Walk edition"), "NameEn" }, { new StringContent("走查版次"), "NameZh" },
                { new StringContent("Guangzhou Municipal Human Resources and Social Security Bureau"), "IssuerEn" }, { new StringContent("广州市人力资源和社会保障局"), "IssuerZh" },
                { new StringContent("2026-11-01"), "AnnouncedOn" }, { new StringContent("Official"), "DataStatus" },
                { new StringContent("1"), "ByLevel[E]" }, { new StringContent("1"), "BySector[IT]" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "Upload", "walk-2027.csv" },
            };
            Assert.Equal("/officer/catalogue/editions/walk-2027?imported=true", RedirectOf(await w.SendAsync(officer, HttpMethod.Post, "/officer/catalogue/import", form)));
            return new(id, nameof(CatalogueEditionImported), Subjects.Edition("walk-2027"));
        }),
        ("POST /officer/catalogue/editions/{id}", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var url = "/officer/catalogue/editions/walk-2027";
            var stamp = (await (await officer.GetAsync(url)).PageAsync()).QuerySelector("input[name=Stamp]")!.GetAttribute("value")!;
            Assert.Equal(url + "?published=true", RedirectOf(await FormAsync(w, officer, url, url + "?handler=Publish", ("Stamp", stamp), ("EffectiveFrom", "2027-01-01"))));
            return new(id, nameof(CatalogueEditionPublished), Subjects.Edition("walk-2027"));
        }),
        ("POST /officer/rule-sets", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var next = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "policy", "guangzhou-engineering-2025.json")))!;
            next["version"] = "2027.1";
            next["effectiveFrom"] = "2027-01-01";
            var form = new MultipartFormDataContent
            {
                { new StringContent(Http.AntiforgeryToken(await officer.GetStringAsync("/officer/rule-sets"))), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(next.ToJsonString())), "Upload", "rules.json" },
            };
            Assert.Equal("/officer/rule-sets?loaded=2027.1", RedirectOf(await w.SendAsync(officer, HttpMethod.Post, "/officer/rule-sets", form)));
            return new(id, nameof(RuleSetLoaded), Subjects.RuleSet(next["id"]!.GetValue<string>(), "2027.1"));
        }),
        ("POST /officer/rule-sets/new-version", async w =>
        {
            // The form's own fields as the page shows them, with the version, its date and one changed value typed over them.
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            const string Url = "/officer/rule-sets/new-version";
            var fields = (await (await officer.GetAsync(Url)).PageAsync()).QuerySelectorAll("form[method=post] input[name]")
                .Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
                .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            fields["Version"] = "2027.2";
            fields["EffectiveFrom"] = "2027-06-01";
            fields["Value[passFraction]"] = "3/4";
            fields["Source[passFraction]"] = "Guangzhou notice 2027-05: three quarters of members present";
            Assert.Equal("/officer/rule-sets?loaded=2027.2", RedirectOf(await FormAsync(w, officer, Url, Url, [.. fields.Select(f => (f.Key, f.Value))])));
            return new(id, nameof(RuleSetLoaded), Subjects.RuleSet("guangzhou-engineering", "2027.2"));
        }),
        ("POST /officer/calendar", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var json = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "data", "calendar", "cn-public-holidays.json"));
            Assert.Equal("/officer/calendar?saved=1", RedirectOf(await FormAsync(w, officer, "/officer/calendar", "/officer/calendar", ("Json", json))));
            return new(id, nameof(CalendarChanged), Subjects.Calendar);
        }),
        ("POST /officer/calendar/add-year", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            const string Url = "/officer/calendar/add-year";
            var year = System.Text.RegularExpressions.Regex.Match(await officer.GetStringAsync(Url), "id=\"Year\" name=\"Year\"[^>]*value=\"(\\d{4})\"").Groups[1].Value;
            Assert.Equal("/officer/calendar?saved=1", RedirectOf(await FormAsync(w, officer, Url, Url,
                ("Year", year), ("Source", $"国务院办公厅关于{year}年部分节假日安排的通知"),
                ("HolidayName[0]", "元旦 New Year's Day"), ("HolidayFrom[0]", $"{year}-01-01"), ("HolidayTo[0]", $"{year}-01-01"))));
            Assert.Contains(year, await officer.GetStringAsync("/officer/calendar"));
            return new(id, nameof(CalendarChanged), Subjects.Calendar);
        }),
        ("POST /admin/emails", async w =>
        {
            // Emails every attempt of which failed: the outbox folder cannot be made, a file stands in its place. The
            // sender tries each email Email:MaxAttempts times, the clock moving past every back-off (the walk's last step).
            var folder = Path.Combine(w.App.DataDirectory, TitleBridge.Web.Infrastructure.Email.FileEmailDelivery.FolderName);
            Assert.False(Directory.Exists(folder));
            await File.WriteAllTextAsync(folder, "not a folder");
            try
            {
                var sender = w.App.Services.GetRequiredService<TitleBridge.Web.Infrastructure.Email.OutboxSender>();
                for (var round = 0; round < 8; round++)
                {
                    while (await sender.ProcessOnceAsync() > 0)
                    {
                    }
                    w.Clock.Advance(TimeSpan.FromHours(2));
                }
            }
            finally
            {
                File.Delete(folder);
            }
            var (admin, id) = await w.AdminAsync();
            var email = (await (await admin.GetAsync("/admin/emails")).PageAsync()).QuerySelector("ol.held-emails > li input[name=id]")!.GetAttribute("value")!;
            Assert.Equal("/admin/emails?done=sent-again", RedirectOf(await FormAsync(w, admin, "/admin/emails", "/admin/emails?handler=SendAgain", ("id", email))));
            return new(id, nameof(HeldEmailSentAgain), Subjects.Email(Guid.Parse(email)));
        }),
        ("POST /admin/emails/{id:guid}/delivered", async w =>
        {
            // An email handed to the mail server without an answer: a second instance, whose server takes the whole
            // message and never answers, holds it as uncertain. The walk's instance first sends what is due (the email
            // sent again above), so that the held one is the only email the second instance hands over.
            var sender = w.App.Services.GetRequiredService<TitleBridge.Web.Infrastructure.Email.OutboxSender>();
            while (await sender.ProcessOnceAsync() > 0)
            {
            }
            Guid email;
            await using (var scope = w.App.Services.CreateAsyncScope())
            {
                email = scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Infrastructure.Email.IEmailOutbox>()
                    .Enqueue(new("walk-held@test.localhost", "Walk", "en"), new TitleBridge.Web.Infrastructure.Email.ApplicationAccepted("GZ-2026-000099", Guid.NewGuid())).Id;
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
            }
            await using (var unanswered = await TestApp.StartBesideAsync(w.App, services: s => s.Replace(
                ServiceDescriptor.Singleton<TitleBridge.Web.Infrastructure.Email.IEmailDelivery>(new UnansweredDelivery()))))
            {
                Assert.Equal(1, await unanswered.Services.GetRequiredService<TitleBridge.Web.Infrastructure.Email.OutboxSender>().ProcessOnceAsync());
            }
            var (admin, id) = await w.AdminAsync();
            var url = $"/admin/emails/{email}/delivered";
            Assert.Equal("/admin/emails?done=delivered", RedirectOf(await FormAsync(w, admin, url, url)));
            return new(id, nameof(HeldEmailMarkedDelivered), Subjects.Email(email));
        }),
    ];

    /// <summary>A mail server that takes the whole message and never answers: the email may have arrived.</summary>
    private sealed class UnansweredDelivery : TitleBridge.Web.Infrastructure.Email.IEmailDelivery
    {
        public Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken) =>
            throw new TitleBridge.Web.Infrastructure.Email.EmailDeliveryUncertainException(new TimeoutException("The server did not answer after the message."));
    }
}
