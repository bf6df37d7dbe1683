using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;
using static TitleBridge.Web.Tests.Security.AuthorizationMatrixTests;

namespace TitleBridge.Web.Tests.Security;

/// <summary>
/// Issue #9: every endpoint that changes data writes its typed audit event, with the acting account's id and the
/// subject it is about. The test takes the data-changing endpoints from <see cref="AuthorizationMatrixTests.Matrix"/>
/// itself: each must have a walked step here (the API's, then the pages' in AuditWalkTests.Pages.cs), or be listed with why it writes none.
/// </summary>
public sealed partial class AuditWalkTests
{
    private sealed record Expected(string Actor, string Type, string Subject);

    /// <summary>Data-changing methods in the matrix that store nothing of anyone's, and why.</summary>
    private static readonly Dictionary<string, string> NoEvent = new()
    {
        ["POST /check/qualifications"] = "the anonymous eligibility journey keeps its answers in the visitor's own session; nothing is stored",
        ["POST /check/degree"] = "the anonymous eligibility journey; nothing is stored",
        ["POST /check/work"] = "the anonymous eligibility journey; nothing is stored",
        ["POST /check/titles"] = "the anonymous eligibility journey; nothing is stored",
        ["POST /check/answers"] = "the anonymous eligibility journey; nothing is stored",
        ["POST /check/result"] = "the anonymous eligibility journey; nothing is stored",
        ["POST /api/eligibility/check"] = "a computation on the posted answers; nothing is stored",
        ["POST /api/eligibility/rule-set/impact"] = "a preview: the candidate rule set is read and compared on the open cycle's files; nothing is stored",
        ["POST /api/certificates/verify-credential"] = "a computation on the posted credential; nothing is stored",
        ["POST /account/logout"] = "ends the caller's own session; no stored data changes",
        ["POST /account/resend-confirmation"] = "queues the confirmation email again and changes no account (and says nothing of whether the address exists)",
        ["POST /api/meetings/{id:guid}/ballots/{applicationId:guid}"] = "a vote writes no audit event by design: decision 0020 (the has-voted row is the record; an event would pair a voter with a ballot)",
        ["POST /expert/meetings/{meetingId:guid}/ballots/{applicationId:guid}"] = "a vote, as the API's: decision 0020",
    };

    private static IEnumerable<string> DataChanging() =>
        Matrix.Keys.Where(k => k.Split(' ')[0] is "POST" or "PUT" or "PATCH" or "DELETE");

    [Fact]
    public void EveryDataChangingEndpointOfTheMatrix_IsWalked_OrSaysWhyItWritesNoEvent()
    {
        var walked = AllSteps.Select(s => s.Key).ToList();
        Assert.Equal(walked.Count, walked.Distinct().Count());
        var accounted = walked.Concat(NoEvent.Keys).ToList();
        Assert.Equal(accounted.Count, accounted.Distinct().Count());
        Assert.Empty(DataChanging().Except(accounted).Order());
        Assert.Empty(accounted.Except(DataChanging()).Order());
    }

    [Fact]
    public async Task EveryWalkedEndpoint_WritesItsTypedEvent_WithTheActorAndSubject()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 3, 2));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var walk = new Walk(app, clock);
        var wrong = new List<string>();
        foreach (var (key, step) in AllSteps)
        {
            var expected = await step(walk);
            var written = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Id > walk.From).OrderBy(e => e.Id).ToListAsync());
            if (!written.Any(e => e.Type == expected.Type && e.Actor == expected.Actor && e.Subject == expected.Subject))
            {
                wrong.Add($"{key}: expected {expected.Type} by {expected.Actor} on {expected.Subject}; written: "
                    + (written.Count == 0 ? "nothing" : string.Join(", ", written.Select(e => $"{e.Type} by {e.Actor} on {e.Subject}"))));
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task AProfileSave_KeepsOnlyTheLastTwoCharactersOfTheNumber_AndEveryoneElsesDownloadIsRecorded()
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 3, 2));
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var w = new Walk(app, clock);
        var (applicant, applicantId) = await w.AccountAsync(Roles.Applicant);
        var token = Http.AntiforgeryToken(await applicant.GetStringAsync("/applicant/profile"));
        await w.SendAsync(applicant, HttpMethod.Post, "/applicant/profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DocumentName"] = "CHAN TAI MAN", ["DocumentType"] = "Passport", ["DocumentNumber"] = "K12345678", ["DocumentCountry"] = "GB",
            ["Phone"] = "+852 2345 6789", ["__RequestVerificationToken"] = token,
        }));
        var saved = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Type == nameof(ProfileSaved) && e.Subject == Subjects.User(applicantId)));
        Assert.Equal($$"""{"userId":"{{applicantId}}","documentType":"Passport","documentNumber":"*******78","documentCountry":"GB"}""", saved.Data);

        // A submitted file with one uploaded document: the officer's download is recorded, the owner's is not.
        var (id, _) = await Scenario.CompleteDraftAsync(app);
        var (owner, _) = await w.ApplicantOfAsync(id);
        var form = new MultipartFormDataContent { { new StringContent("identity"), "part" }, { new ByteArrayContent("%PDF-1.7 walk"u8.ToArray()), "file", "passport.pdf" } };
        var document = await IdOf(await w.SendAsync(owner, HttpMethod.Post, $"/api/applications/{id}/documents", form));
        await w.PostAsync(owner, $"/api/applications/{id}/submit", new { declaration = true });
        var (officer, officerId) = await w.AccountAsync(Roles.Officer);
        var url = $"/api/applications/{id}/documents/{document}";

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);

        var downloads = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Type == nameof(DocumentDownloaded)).ToListAsync());
        var download = Assert.Single(downloads);
        Assert.Equal((officerId, Application(id)), (download.Actor, download.Subject));
        Assert.Equal($$"""{"applicationId":"{{id}}","documentId":"{{document}}","role":"Officer"}""", download.Data);
    }

    /// <summary>The walk's state: accounts made through the real handlers, and the audit id before the call under test.</summary>
    private sealed class Walk(TestApp app, FakeTimeProvider clock)
    {
        public TestApp App { get; } = app;
        public FakeTimeProvider Clock { get; } = clock;
        public long From { get; private set; }
        public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().AddHours(8).DateTime);
        private int _n;
        public int Next() => Interlocked.Increment(ref _n);

        /// <summary>The call under test: must succeed (2xx, or a page's redirect that is not to sign-in).</summary>
        public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? body = null)
        {
            From = await App.QueryAsync(db => db.AuditEvents.Select(e => (long?)e.Id).MaxAsync()) ?? 0;
            using var request = new HttpRequestMessage(method, url) { Content = body };
            var response = await client.SendAsync(request);
            var ok = response.IsSuccessStatusCode || (response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString is { } to && !to.Contains("/account/login", StringComparison.Ordinal) && !to.Contains("/account/denied", StringComparison.Ordinal));
            Assert.True(ok, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response;
        }

        public Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? json = null) =>
            SendAsync(client, HttpMethod.Post, url, JsonContent.Create(json ?? new { }));

        public Task<HttpResponseMessage> PutAsync(HttpClient client, string url, object json) =>
            SendAsync(client, HttpMethod.Put, url, JsonContent.Create(json));

        public Task<string> IdOfAsync(string email) => App.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        /// <summary>A confirmed account in <paramref name="role"/>, signed in.</summary>
        public async Task<(HttpClient Client, string Id)> AccountAsync(string role)
        {
            var email = $"walk-{role.ToLowerInvariant()}-{Next()}@test.localhost";
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var user = new AppUser { UserName = email, EmailConfirmed = true, Email = email, DisplayName = role };
                Assert.True((await users.CreateAsync(user, ApplicantPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
            return (await SignedInAsync(email, ApplicantPassword), await IdOfAsync(email));
        }

        public async Task<HttpClient> SignedInAsync(string email, string password)
        {
            var client = App.Client();
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, password)).StatusCode);
            return client;
        }

        public async Task<(HttpClient Client, string Id)> AdminAsync() =>
            (await SignedInAsync(TestApp.AdminEmail, TestApp.AdminPassword), await IdOfAsync(TestApp.AdminEmail));

        /// <summary>The password of the accounts SubmitApplicationTests makes; the walk's own accounts use it too.</summary>
        private const string ApplicantPassword = "Applicant-Password-1";

        /// <summary>The applicant of an application, signed in.</summary>
        public async Task<(HttpClient Client, string Id)> ApplicantOfAsync(Guid application)
        {
            var id = await App.QueryAsync(db => db.Applications.Where(a => a.Id == application).Select(a => a.ApplicantId).SingleAsync());
            var email = await App.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
            return (await SignedInAsync(email, ApplicantPassword), id);
        }

        /// <summary>An expert of the panel (CertificateTestData.PanelAsync), signed in, and the account's id.</summary>
        public async Task<(HttpClient Client, string Id)> ExpertAsync(Guid expert)
        {
            var (email, id) = await App.QueryAsync(db => db.Experts.Where(e => e.Id == expert).Select(e => new ValueTuple<string, string>(e.Email, e.UserId)).SingleAsync());
            return (await SignedInAsync(email, ReviewScenario.ExpertPassword), id);
        }

        /// <summary>What one step leaves for the next (ids, dates).</summary>
        public Dictionary<string, string> Values { get; } = [];
    }

    private static string Application(Guid id) => Subjects.Application(id);

    private static async Task<Guid> IdOf(HttpResponseMessage response) => (await response.JsonAsync()).GetProperty("id").GetGuid();

    /// <summary>An expert's opinion on a file, as the review tests send it.</summary>
    private static readonly object Opinion = new
    {
        scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 4 },
        text = "Competent and well documented.", language = "en", recommend = true,
    };

    /// <summary>The walk, in order: each step arranges its state through the real handlers, then makes the call under test.</summary>
    private static readonly (string Key, Func<Walk, Task<Expected>> Step)[] Steps =
    [
        // Settings first: the 2026 cycle the applications below are made in.
        ("PUT /api/cycles/{year:int}", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PutAsync(officer, "/api/cycles/2026", new { opensOn = "2026-01-01", closesOn = "2026-12-31", countUntil = "2026-12-31", levels = new[] { "AE", "E", "SE", "PSE" }, specialties = Array.Empty<string>() });
            return new(id, nameof(CycleOpened), Subjects.Cycle(2026));
        }),
        ("POST /officer/cycles", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var token = Http.AntiforgeryToken(await officer.GetStringAsync("/officer/cycles"));
            await w.SendAsync(officer, HttpMethod.Post, "/officer/cycles", new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
            {
                new("Year", "2025"), new("OpensOn", "2025-01-01"), new("ClosesOn", "2025-12-31"), new("CountUntil", "2025-12-31"),
                new("Levels", "AE"), new("Levels", "E"), new("__RequestVerificationToken", token),
            }));
            return new(id, nameof(CycleOpened), Subjects.Cycle(2025));
        }),
        ("PUT /api/calendar/", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var json = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "data", "calendar", "cn-public-holidays.json"));
            await w.SendAsync(officer, HttpMethod.Put, "/api/calendar/", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            return new(id, nameof(CalendarChanged), Subjects.Calendar);
        }),
        ("POST /api/admin/credential-keys/rotate", async w =>
        {
            var (admin, id) = await w.AdminAsync();
            var kid = (await (await w.PostAsync(admin, "/api/admin/credential-keys/rotate")).JsonAsync()).GetProperty("kid").GetString()!;
            return new(id, nameof(CredentialKeyRotated), Subjects.CredentialKey(kid));
        }),

        // Accounts and personal data.
        ("POST /api/account/register", async w =>
        {
            var email = $"walk-register-{w.Next()}@test.localhost";
            await w.PostAsync(w.App.Client(), "/api/account/register", new { email, password = "Applicant-Password-1", displayName = "Walk", culture = "en", privacyNotice = Accounts.PrivacyTests.NoticeVersion });
            var id = await w.IdOfAsync(email);
            return new(id, nameof(AccountRegistered), Subjects.User(id));
        }),
        ("POST /account/login", async w =>
        {
            var (_, id) = await w.AccountAsync(Roles.Applicant);
            var email = await w.App.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
            var client = w.App.Client();
            var token = Http.AntiforgeryToken(await client.GetStringAsync("/account/login"));
            await w.SendAsync(client, HttpMethod.Post, "/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = "Not-The-Password-1", ["__RequestVerificationToken"] = token,
            }));
            return new(Actors.Anonymous, nameof(SignInFailed), Subjects.User(id));
        }),
        ("POST /account/set-password", async w =>
        {
            var (officer, _) = await w.AccountAsync(Roles.Officer);
            var email = $"walk-invited-{w.Next()}@experts.test";
            Assert.Equal(HttpStatusCode.Created, (await officer.PostJsonAsync("/api/experts", new
            {
                nameZh = "专家丙", nameEn = "Invited Expert", email, titleHeld = "SE", employerName = "Guangzhou Institute of Standards",
                specialties = new[] { "information-security" }, termFrom = "2026-01-01", termTo = "2028-12-31", culture = "en",
            })).StatusCode);
            var invitation = await w.App.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.To == email));
            var link = new Uri(System.Text.RegularExpressions.Regex.Match(invitation.TextBody, @"https?://\S+/account/set-password\?\S+").Value);
            var client = w.App.Client();
            var page = await client.GetStringAsync(link.PathAndQuery);
            var query = System.Web.HttpUtility.ParseQueryString(link.Query);
            await w.SendAsync(client, HttpMethod.Post, "/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userId"] = query["userId"]!, ["code"] = query["code"]!, ["Password"] = ReviewScenario.ExpertPassword,
                ["__RequestVerificationToken"] = Http.AntiforgeryToken(page),
            }));
            var id = await w.IdOfAsync(email);
            return new(id, nameof(PasswordSet), Subjects.User(id));
        }),
        ("POST /account/two-factor", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            var page = await client.GetStringAsync("/account/two-factor");
            await w.SendAsync(client, HttpMethod.Post, "/account/two-factor?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Http.AntiforgeryToken(page),
            }));
            return new(id, nameof(TwoFactorChanged), Subjects.User(id));
        }),
        ("POST /api/me/consent", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            await w.PostAsync(client, "/api/me/consent", new { privacyNotice = Accounts.PrivacyTests.NoticeVersion });
            return new(id, nameof(ConsentGiven), Subjects.User(id));
        }),
        ("POST /api/me/data-requests", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            var request = await IdOf(await w.PostAsync(client, "/api/me/data-requests", new { kind = "correction", details = "My Chinese name is 林安娜." }));
            w.Values["data-request"] = request.ToString();
            return new(id, nameof(DataRequestMade), Subjects.DataRequest(request));
        }),
        ("POST /api/admin/data-requests/{id:guid}/answer", async w =>
        {
            var (admin, id) = await w.AdminAsync();
            var request = Guid.Parse(w.Values["data-request"]);
            await w.PostAsync(admin, $"/api/admin/data-requests/{request}/answer", new { fulfilled = true, answer = new { en = "Corrected.", zh = "已更正。" } });
            return new(id, nameof(DataRequestAnswered), Subjects.DataRequest(request));
        }),

        ("POST /applicant/profile", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            var token = Http.AntiforgeryToken(await client.GetStringAsync("/applicant/profile"));
            await w.SendAsync(client, HttpMethod.Post, "/applicant/profile", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["DocumentName"] = "CHAN TAI MAN", ["DocumentType"] = "Passport", ["DocumentNumber"] = "K12345678", ["DocumentCountry"] = "GB",
                ["Phone"] = "+852 2345 6789", ["__RequestVerificationToken"] = token,
            }));
            return new(id, nameof(ProfileSaved), Subjects.User(id));
        }),

        // The applicant's journey.
        ("POST /api/applications/", async w =>
        {
            var (client, id) = await w.AccountAsync(Roles.Applicant);
            var application = await IdOf(await w.PostAsync(client, "/api/applications/"));
            w.Values["draft"] = application.ToString();
            w.Values["draft-owner"] = id;
            return new(id, nameof(ApplicationStarted), Application(application));
        }),
        ("PUT /api/applications/{id:guid}/sections/{section}", async w =>
        {
            var (client, id) = await w.ApplicantOfAsync(Guid.Parse(w.Values["draft"]));
            await w.PutAsync(client, $"/api/applications/{w.Values["draft"]}/sections/report", new { report = new string('改', 300) });
            return new(id, nameof(ApplicationSectionSaved), Application(Guid.Parse(w.Values["draft"])));
        }),
        ("POST /api/applications/{id:guid}/documents", async w =>
        {
            var (client, id) = await w.ApplicantOfAsync(Guid.Parse(w.Values["draft"]));
            var form = new MultipartFormDataContent { { new StringContent("identity"), "part" }, { new ByteArrayContent("%PDF-1.7 walk"u8.ToArray()), "file", "passport.pdf" } };
            w.Values["document"] = (await IdOf(await w.SendAsync(client, HttpMethod.Post, $"/api/applications/{w.Values["draft"]}/documents", form))).ToString();
            return new(id, nameof(DocumentUploaded), Application(Guid.Parse(w.Values["draft"])));
        }),
        ("DELETE /api/applications/{id:guid}/documents/{documentId:guid}", async w =>
        {
            var (client, id) = await w.ApplicantOfAsync(Guid.Parse(w.Values["draft"]));
            await w.SendAsync(client, HttpMethod.Delete, $"/api/applications/{w.Values["draft"]}/documents/{w.Values["document"]}");
            return new(id, nameof(DocumentRemoved), Application(Guid.Parse(w.Values["draft"])));
        }),
        ("POST /api/applications/{id:guid}/withdraw", async w =>
        {
            var (client, id) = await w.ApplicantOfAsync(Guid.Parse(w.Values["draft"]));
            await w.PostAsync(client, $"/api/applications/{w.Values["draft"]}/withdraw", new { reason = "Applying next year." });
            return new(id, nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["draft"])));
        }),
        ("POST /api/applications/{id:guid}/submit", async w =>
        {
            var (application, _) = await Scenario.CompleteDraftAsync(w.App);
            var (client, id) = await w.ApplicantOfAsync(application);
            await w.PostAsync(client, $"/api/applications/{application}/submit", new { declaration = true });
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),

        // Employers: registration and the officer's decision, then the employer's review of a file.
        ("POST /api/employers/", async w =>
        {
            var email = $"walk-hr-{w.Next()}@test.localhost";
            await w.PostAsync(w.App.Client(), "/api/employers/", Registration("91440106MA59C1K26Q", email));
            var id = await w.IdOfAsync(email);
            return new(id, nameof(AccountRegistered), Subjects.User(id));
        }),
        ("POST /api/employers/{id:guid}/approve", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var employer = await w.App.QueryAsync(db => db.Employers.Where(e => e.CreditCode == "91440106MA59C1K26Q").Select(e => e.Id).SingleAsync());
            await w.PostAsync(officer, $"/api/employers/{employer}/approve");
            return new(id, nameof(EmployerApproved), Subjects.Employer(employer));
        }),
        ("POST /api/employers/{id:guid}/reject", async w =>
        {
            await w.PostAsync(w.App.Client(), "/api/employers/", Registration("914401041000000750", $"walk-hr-{w.Next()}@test.localhost"));
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var employer = await w.App.QueryAsync(db => db.Employers.Where(e => e.CreditCode == "914401041000000750").Select(e => e.Id).SingleAsync());
            await w.PostAsync(officer, $"/api/employers/{employer}/reject", new { reason = "Not a Guangzhou organisation." });
            return new(id, nameof(EmployerRejected), Subjects.Employer(employer));
        }),
        ("POST /api/applications/{id:guid}/employer/open-review", async w =>
        {
            var (employerId, employer, email) = await Scenario.EmployerAsync(w.App);
            var application = await Scenario.SubmittedAsync(w.App, employerId);
            w.Values["reviewed"] = application.ToString();
            w.Values["employer-email"] = email;
            await w.PostAsync(employer, $"/api/applications/{application}/employer/open-review");
            return new(await w.IdOfAsync(email), nameof(ApplicationStateChanged), Application(application));
        }),
        ("POST /api/applications/{id:guid}/employer/confirm-employment", async w =>
        {
            var email = w.Values["employer-email"];
            await w.PostAsync(await w.SignedInAsync(email, Scenario.Password), $"/api/applications/{w.Values["reviewed"]}/employer/confirm-employment");
            return new(await w.IdOfAsync(email), nameof(EmploymentConfirmed), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/applications/{id:guid}/employer/start-publicity", async w =>
        {
            var email = w.Values["employer-email"];
            var started = await w.PostAsync(await w.SignedInAsync(email, Scenario.Password), $"/api/applications/{w.Values["reviewed"]}/employer/start-publicity", new { from = w.Today.ToString("yyyy-MM-dd") });
            w.Values["last-day"] = (await started.JsonAsync()).GetProperty("prePublicityLastDay").GetString()!;
            return new(await w.IdOfAsync(email), nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/applications/{id:guid}/employer/objections", async w =>
        {
            var email = w.Values["employer-email"];
            await w.PostAsync(await w.SignedInAsync(email, Scenario.Password), $"/api/applications/{w.Values["reviewed"]}/employer/objections",
                new { receivedOn = w.Today.ToString("yyyy-MM-dd"), summary = "A colleague doubts the project dates.", handling = "Checked against the contracts: the dates hold." });
            return new(await w.IdOfAsync(email), nameof(PublicityObjectionRecorded), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/applications/{id:guid}/employer/decline", async w =>
        {
            var email = w.Values["employer-email"];
            var employer = await w.SignedInAsync(email, Scenario.Password);
            var employerId = await w.App.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmployerId!.Value).SingleAsync());
            var application = await Scenario.SubmittedAsync(w.App, employerId);
            Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{application}/employer/open-review")).StatusCode);
            await w.PostAsync(employer, $"/api/applications/{application}/employer/decline", new { reason = "The applicant left the company." });
            return new(await w.IdOfAsync(email), nameof(ApplicationStateChanged), Application(application));
        }),
        ("POST /api/applications/{id:guid}/employer/recommend", async w =>
        {
            var email = w.Values["employer-email"];
            w.Clock.SetUtcNow(new DateTimeOffset(DateOnly.Parse(w.Values["last-day"], System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
            await w.PostAsync(await w.SignedInAsync(email, Scenario.Password), $"/api/applications/{w.Values["reviewed"]}/employer/recommend");
            return new(await w.IdOfAsync(email), nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["reviewed"])));
        }),

        // Intake: the recommended file is accepted; others get a correction notice (and are resubmitted) or are refused.
        ("POST /api/applications/{id:guid}/accept", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/applications/{w.Values["reviewed"]}/accept");
            return new(id, nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/applications/{id:guid}/correction", async w =>
        {
            var application = await Scenario.AtIntakeAsync(w.App, w.Clock);
            w.Values["corrected"] = application.ToString();
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/applications/{application}/correction", new { items = new[] { "The employment contract is not signed." } });
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),
        ("POST /api/applications/{id:guid}/resubmit", async w =>
        {
            var application = Guid.Parse(w.Values["corrected"]);
            var (client, id) = await w.ApplicantOfAsync(application);
            await w.PostAsync(client, $"/api/applications/{application}/resubmit", new { declaration = true });
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),
        ("POST /api/applications/{id:guid}/reject", async w =>
        {
            var application = await Scenario.AtIntakeAsync(w.App, w.Clock);
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/applications/{application}/reject", new { reason = "Level not offered." });
            return new(id, nameof(ApplicationStateChanged), Application(application));
        }),

        // Expert review of the accepted file, through the API: a committee drawn from the panel, review groups, opinions, the plenary.
        ("POST /api/committees", async w =>
        {
            await using (var scope = w.App.Services.CreateAsyncScope())
            {
                await CertificateTestData.PanelAsync(scope.ServiceProvider);
            }
            var panel = await w.App.QueryAsync(db => db.Experts.Where(e => e.CreatedBy == "certificate-test-data").OrderBy(e => e.Email).Select(e => e.Id).ToListAsync());
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var committee = await IdOf(await w.PostAsync(officer, "/api/committees", new
            {
                cycleYear = 2026, band = "intermediate-junior", organisation = "by-series", nameZh = "工程系列中级评审委员会", nameEn = "Engineering intermediate committee",
                size = 7, chairId = panel[0], viceChairIds = new[] { panel[1] }, seed = 20260601,
            }));
            w.Values["committee"] = committee.ToString();
            return new(id, nameof(CommitteeDrawn), Subjects.Committee(committee));
        }),
        ("POST /api/committees/{id:guid}/assignment", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var proposed = await (await w.PostAsync(officer, $"/api/committees/{w.Values["committee"]}/assignment")).JsonAsync();
            w.Values["group"] = string.Join(',', proposed.GetProperty("assignment").GetProperty("groups").GetProperty(w.Values["reviewed"]).EnumerateArray().Select(a => a.GetProperty("expertId").GetGuid()));
            return new(id, nameof(ReviewGroupsProposed), Subjects.Committee(Guid.Parse(w.Values["committee"])));
        }),
        ("POST /api/committees/{id:guid}/assignment/swap", async w =>
        {
            var committee = Guid.Parse(w.Values["committee"]);
            var group = w.Values["group"].Split(',').Select(Guid.Parse).ToList();
            var chair = await w.App.QueryAsync(db => db.Experts.Where(e => e.CreatedBy == "certificate-test-data").OrderBy(e => e.Email).Select(e => e.Id).FirstAsync());
            var members = await w.App.QueryAsync(db => db.CommitteeMembers.Where(m => m.CommitteeId == committee && m.Active).OrderBy(m => m.Id).Select(m => m.ExpertId).ToListAsync());
            var incoming = members.First(m => m != chair && !group.Contains(m));
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/committees/{committee}/assignment/swap",
                new { applicationId = w.Values["reviewed"], outExpertId = group[0], inExpertId = incoming, reason = "The expert is travelling during the review." });
            return new(id, nameof(ReviewGroupSwapped), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/committees/{id:guid}/assignment/confirm", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/committees/{w.Values["committee"]}/assignment/confirm");
            return new(id, nameof(ReviewGroupsConfirmed), Subjects.Committee(Guid.Parse(w.Values["committee"])));
        }),
        ("PUT /api/review/files/{id:guid}/opinion", async w =>
        {
            var file = Guid.Parse(w.Values["reviewed"]);
            var reader = await w.App.QueryAsync(db => db.ReviewAssignments.Where(r => r.ApplicationId == file).OrderBy(r => r.ExpertId).Select(r => r.ExpertId).FirstAsync());
            var (expert, id) = await w.ExpertAsync(reader);
            await w.PutAsync(expert, $"/api/review/files/{file}/opinion", Opinion);
            return new(id, nameof(ReviewOpinionSaved), Application(file));
        }),
        ("POST /api/review/files/{id:guid}/opinion/submit", async w =>
        {
            var file = Guid.Parse(w.Values["reviewed"]);
            var readers = await w.App.QueryAsync(db => db.ReviewAssignments.Where(r => r.ApplicationId == file).OrderBy(r => r.ExpertId).Select(r => r.ExpertId).ToListAsync());
            foreach (var reader in readers.Skip(1))
            {
                var (other, _) = await w.ExpertAsync(reader);
                Assert.Equal(HttpStatusCode.OK, (await other.PostJsonAsync($"/api/review/files/{file}/opinion/submit", Opinion)).StatusCode);
            }
            var (expert, id) = await w.ExpertAsync(readers[0]);
            await w.PostAsync(expert, $"/api/review/files/{file}/opinion/submit", Opinion);
            return new(id, nameof(ReviewOpinionSubmitted), Application(file));
        }),
        ("POST /api/meetings", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var meeting = await IdOf(await w.PostAsync(officer, "/api/meetings", new { committeeId = w.Values["committee"], date = w.Today.ToString("yyyy-MM-dd") }));
            w.Values["meeting"] = meeting.ToString();
            return new(id, nameof(MeetingScheduled), Subjects.Meeting(meeting));
        }),
        ("PUT /api/meetings/{id:guid}/attendance", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var committee = Guid.Parse(w.Values["committee"]);
            var members = await w.App.QueryAsync(db => db.CommitteeMembers.Where(m => m.CommitteeId == committee && m.Active).Select(m => m.ExpertId).ToListAsync());
            await w.PutAsync(officer, $"/api/meetings/{w.Values["meeting"]}/attendance", new { present = members });
            return new(id, nameof(MeetingAttendanceRecorded), Subjects.Meeting(Guid.Parse(w.Values["meeting"])));
        }),
        ("POST /api/meetings/{id:guid}/ballots/{applicationId:guid}/open", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/meetings/{w.Values["meeting"]}/ballots/{w.Values["reviewed"]}/open");
            return new(id, nameof(BallotOpened), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/meetings/{id:guid}/ballots/{applicationId:guid}/close", async w =>
        {
            var committee = Guid.Parse(w.Values["committee"]);
            var members = await w.App.QueryAsync(db => db.CommitteeMembers.Where(m => m.CommitteeId == committee && m.Active).Select(m => m.ExpertId).ToListAsync());
            foreach (var member in members)
            {
                var (voter, _) = await w.ExpertAsync(member);
                Assert.Equal(HttpStatusCode.NoContent, (await voter.PostJsonAsync($"/api/meetings/{w.Values["meeting"]}/ballots/{w.Values["reviewed"]}", new { choice = "Yes" })).StatusCode);
            }
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/meetings/{w.Values["meeting"]}/ballots/{w.Values["reviewed"]}/close");
            return new(id, nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["reviewed"])));
        }),

        // Results and certificates: the voted file's result is published, objected to (dismissed), confirmed, sampled, revoked.
        ("POST /api/results/notices", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var notice = await (await w.PostAsync(officer, "/api/results/notices", new { applicationIds = new[] { w.Values["reviewed"] } })).JsonAsync();
            w.Values["result-last-day"] = notice.GetProperty("lastDay").GetString()!;
            return new(id, nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/results/entries/{id:guid}/objections", async w =>
        {
            await w.SendAsync(w.App.Client(), HttpMethod.Post, $"/api/results/entries/{w.Values["reviewed"]}/objections",
                CertificateTestData.ObjectionForm(("name", "Li Si"), ("contact", "lisi@example.com"), ("grounds", "The project reference was not the applicant's own work.")));
            return new(Actors.Anonymous, nameof(ResultObjectionReceived), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/results/objections/{id:guid}/decision", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var objection = Assert.Single((await officer.GetJsonAsync("/api/results/objections")).EnumerateArray()).GetProperty("id").GetString();
            await w.PostAsync(officer, $"/api/results/objections/{objection}/decision", new { decision = "dismiss", findings = "The contract shows the applicant led the project." });
            return new(id, nameof(ResultObjectionDismissed), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/applications/{id:guid}/confirm", async w =>
        {
            w.Clock.SetUtcNow(new DateTimeOffset(DateOnly.Parse(w.Values["result-last-day"], System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var certificate = await (await w.PostAsync(officer, $"/api/applications/{w.Values["reviewed"]}/confirm")).JsonAsync();
            w.Values["certificate"] = certificate.GetProperty("number").GetString()!;
            return new(id, nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["reviewed"])));
        }),
        ("POST /api/supervision/samples", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var sample = await (await w.PostAsync(officer, "/api/supervision/samples", new { cycleYear = 2026, seed = 20260901 })).JsonAsync();
            var item = sample.GetProperty("items").EnumerateArray().First();
            w.Values["sampled-item"] = item.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.Values["sampled-file"] = item.GetProperty("applicationId").GetGuid().ToString();
            return new(id, nameof(SupervisionSampleDrawn), Subjects.SupervisionSample(sample.GetProperty("id").GetGuid()));
        }),
        ("POST /api/supervision/items/{id:long}/outcome", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/supervision/items/{w.Values["sampled-item"]}/outcome", new { outcome = "confirmed" });
            return new(id, nameof(SupervisionOutcomeRecorded), Application(Guid.Parse(w.Values["sampled-file"])));
        }),
        ("POST /api/certificates/{number}/revoke", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/certificates/{w.Values["certificate"]}/revoke",
                new { reason = "The qualification certificate was forged.", evidence = "The university's letter of 3 March, file 2026-17." });
            return new(id, nameof(ApplicationStateChanged), Application(Guid.Parse(w.Values["reviewed"])));
        }),

        ("POST /api/review/conflicts", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var expert = await w.App.QueryAsync(db => db.Experts.Where(e => e.CreatedBy == "certificate-test-data").OrderBy(e => e.Email).Select(e => e.Id).FirstAsync());
            var file = Guid.Parse(w.Values["corrected"]);
            await w.PostAsync(officer, "/api/review/conflicts", new { expertId = expert, applicationId = file, lift = false, reason = "The expert supervised the applicant's thesis." });
            return new(id, nameof(ConflictAdded), Application(file));
        }),

        // The expert pool: an officer adds an expert; an expert corrects their own profile.
        ("POST /api/experts", async w =>
        {
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            var added = await w.PostAsync(officer, "/api/experts", new
            {
                nameZh = "专家甲", nameEn = "Expert A", email = $"walk-expert-{w.Next()}@experts.test", titleHeld = "SE", employerName = "Guangzhou Institute of Standards",
                specialties = new[] { "computer-networks" }, termFrom = "2026-01-01", termTo = "2028-12-31", culture = "en",
            });
            w.Values["added-expert"] = (await IdOf(added)).ToString();
            return new(id, nameof(ExpertAdded), Subjects.Expert(Guid.Parse(w.Values["added-expert"])));
        }),
        ("POST /api/committees/{id:guid}/members/{expertId:guid}/replace", async w =>
        {
            var committee = Guid.Parse(w.Values["committee"]);
            var free = await w.App.QueryAsync(db => db.CommitteeMembers
                .Where(m => m.CommitteeId == committee && m.Active && !db.ReviewAssignments.Any(r => r.CommitteeId == committee && r.ExpertId == m.ExpertId))
                .OrderBy(m => m.Id).Select(m => m.ExpertId).FirstAsync());
            var (officer, id) = await w.AccountAsync(Roles.Officer);
            await w.PostAsync(officer, $"/api/committees/{committee}/members/{free}/replace", new { newExpertId = w.Values["added-expert"], reason = "Retired from the institute." });
            return new(id, nameof(CommitteeMemberReplaced), Subjects.Committee(committee));
        }),
        ("PUT /api/experts/me", async w =>
        {
            var (officer, _) = await w.AccountAsync(Roles.Officer);
            var expert = await ReviewScenario.ExpertAsync(w.App, officer, "Walk Expert");
            await w.PutAsync(expert.Client, "/api/experts/me", new
            {
                nameZh = "专家乙", nameEn = "Walk Expert", employerName = "Guangzhou Institute of Standards", specialties = new[] { "computer-networks", "information-security" }, culture = "en",
            });
            return new(await w.IdOfAsync(expert.Email), nameof(ExpertProfileCorrected), Subjects.Expert(expert.Id));
        }),

        // Last: a new notice (in force only later, so the walk's accounts are not asked to consent again).
        ("POST /api/admin/privacy-notices", async w =>
        {
            var (admin, id) = await w.AdminAsync();
            await w.PostAsync(admin, "/api/admin/privacy-notices", new { version = "2026.9", effectiveFrom = "2026-12-30", text = new { en = "## What changed\nNothing yet.", zh = "## 变更内容\n暂无。" } });
            return new(id, nameof(PrivacyNoticePublished), Subjects.PrivacyNotice("2026.9"));
        }),
    ];

    private static object Registration(string code, string email) => new
    {
        nameZh = "广州示例科技有限公司", nameEn = "Guangzhou Example Technology Co., Ltd.", creditCode = code, district = "440106",
        contactName = "Li Hua", privacyNotice = Accounts.PrivacyTests.NoticeVersion, contactEmail = "contact@example.com",
        contactPhone = "+86 20 1234 5678", accountEmail = email, password = "Employer-Password-1",
    };

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found above the test binaries.");
    }
}
