using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Problems;
using TitleBridge.Web.Tests.Accounts;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Security;

/// <summary>
/// The cheap attacks of issue #12, tried as an attacker would: oversized input, a stolen cookie after
/// sign-out or a password change, a forged Host header, enumeration through registration and sign-in,
/// guessing fast, cross-site writes, a control character in the language switch.
/// </summary>
public sealed class HardeningTests
{
    private const string Password = "Hardening-Password-1";

    // ---- limits ---------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Eligibility_51Qualifications_Or201WorkPeriods_Are400NamingTheList(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client("zh-CN");
        var qualification = new { code = "GZ2025-IT-001", obtainedOn = "2020-01-01" };
        var work = new { from = "2010-01-01", to = "2010-02-01", specialty = "computer-networks", inGuangzhou = true, fullTime = true, country = "CN" };

        var fifty = await client.PostAsJsonAsync("/api/eligibility/check", new { qualifications = Enumerable.Repeat(qualification, 50) });
        var fiftyOne = await client.PostAsJsonAsync("/api/eligibility/check", new { qualifications = Enumerable.Repeat(qualification, 51) });
        var twoHundredOne = await client.PostAsJsonAsync("/api/eligibility/check", new { qualifications = new[] { qualification }, work = Enumerable.Repeat(work, 201) });

        Assert.False(fifty.StatusCode == HttpStatusCode.BadRequest && (await fifty.JsonAsync()).GetProperty("errors").TryGetProperty("qualifications", out _));
        Assert.Equal(HttpStatusCode.BadRequest, fiftyOne.StatusCode);
        Assert.Equal(["此处最多列出 50 项（现为 51 项）。"], Errors(await fiftyOne.JsonAsync(), "qualifications"));
        Assert.Equal(HttpStatusCode.BadRequest, twoHundredOne.StatusCode);
        Assert.Equal(["此处最多列出 200 项（现为 201 项）。"], Errors(await twoHundredOne.JsonAsync(), "work"));
    }

    [Theory]
    [InlineData("""{"evaluationDate":"9999-01-01"}""", "evaluationDate")]
    [InlineData("""{"qualifications":[{"code":"GZ2025-IT-001","obtainedOn":"0001-01-01"}]}""", "qualifications[0].obtainedOn")]
    public async Task Eligibility_ImplausibleDates_Are400NamingTheField(string body, string field)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().PostAsync("/api/eligibility/check", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Enter a date between 1950-01-01 and ", Assert.Single(Errors(await response.JsonAsync(), field)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Register_EmailBeyondRfc5321_IsRefused_AndAHugeOneIsNotRead(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        var tooLong = new string('a', 65) + "@test.localhost"; // local part over 64 octets
        var huge = new string('a', 100_000) + "@test.localhost";

        var refused = await client.PostAsJsonAsync("/api/account/register", new { email = tooLong, password = Password, displayName = "Long", culture = "en" , privacyNotice = PrivacyTests.NoticeVersion });
        var notRead = await client.PostAsJsonAsync("/api/account/register", new { email = huge, password = Password, displayName = "Huge", culture = "en" , privacyNotice = PrivacyTests.NoticeVersion });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEmpty(Errors(await refused.JsonAsync(), "email"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, notRead.StatusCode);
        Assert.True((await notRead.Content.ReadAsStringAsync()).Length < 2000);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email!.StartsWith("aaaa"))));
    }

    // ---- sessions -------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SavedCookie_IsRefused_AfterSignOut(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var email = await ApplicantAsync(app);
        var (owner, ownerCookies) = CookieClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(email, Password)).StatusCode);
        var thief = StolenSession(app, ownerCookies);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/applications/")).StatusCode);

        var token = Http.AntiforgeryToken(await owner.GetStringAsync("/account/logout"));
        var signedOut = await owner.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string?> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/applications/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.PostAsync("/api/applications/", null)).StatusCode);
    }

    [Fact]
    public async Task Session_EndsAfterTheIdleTimeout_AndAfterTheAbsoluteTimeoutEvenWhenInUse()
    {
        // The defaults (README, TitleBridge:Sessions): 30 minutes idle, 8 hours in all.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var email = await ApplicantAsync(app);
        var (idle, _) = CookieClient(app);
        var (busy, _) = CookieClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await idle.SignInAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await busy.SignInAsync(email, Password)).StatusCode);

        // Idle: a request after 29 minutes still counts as the same visit, one 31 minutes after that does not.
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/api/applications/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/applications/")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/applications/")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await idle.GetAsync("/api/applications/")).StatusCode);

        // In use every 20 minutes or less: kept alive until 8 hours after signing in, then ended however recent the last request.
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/applications/")).StatusCode);
        for (var minutes = 60; minutes + 20 < 8 * 60; minutes += 20)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/applications/")).StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.Unauthorized, (await busy.GetAsync("/api/applications/")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SavedCookie_IsRefused_AfterAPasswordChange(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var email = await ApplicantAsync(app);
        var (owner, ownerCookies) = CookieClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(email, Password)).StatusCode);
        var thief = StolenSession(app, ownerCookies);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/applications/")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.ChangePasswordAsync(user, Password, "Another-Password-2")).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/applications/")).StatusCode);
    }

    [Fact]
    public async Task SignedInAnswers_AreNotStored_AndCrossSiteWritesAreRefused()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var email = await ApplicantAsync(app);
        var client = app.Client();
        await client.SignInAsync(email, Password);

        var mine = await client.GetAsync("/api/applications/");
        Assert.Equal("no-store", mine.Headers.CacheControl?.ToString());

        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, "/api/applications/");
        fromElsewhere.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(fromElsewhere)).StatusCode);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/applications/");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(crossSite)).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Applications.CountAsync()));
    }

    // ---- links ----------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ForgedHost_DoesNotChangeTheEmailedLink(Provider provider)
    {
        // An operator who allowed every host still mails links to the configured address.
        await using var app = await TestApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["TitleBridge:PublicBaseAddress"] = "https://titlebridge.example.gov.cn",
        });
        var email = $"host-{Guid.NewGuid():N}@test.localhost";

        var response = await app.Client().PostAsJsonAsync("http://evil.example/api/account/register", new { email, password = Password, displayName = "Host", culture = "en" , privacyNotice = PrivacyTests.NoticeVersion });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(m => m.To == email));
        Assert.Contains("https://titlebridge.example.gov.cn/account/confirm-email?userId=", mail.TextBody);
        Assert.DoesNotContain("evil.example", mail.TextBody + mail.HtmlBody);
    }

    [Fact]
    public async Task ForgedHost_IsRefused_WhenAllowedHostsComeFromThePublicAddress()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var email = $"host-{Guid.NewGuid():N}@test.localhost";

        var response = await app.Client().PostAsJsonAsync("http://evil.example/api/account/register", new { email, password = Password, displayName = "Host", culture = "en" , privacyNotice = PrivacyTests.NoticeVersion });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    // ---- enumeration ----------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Register_ExistingAddress_AnswersTheSame_AndMailsTheOwner(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var existing = await ApplicantAsync(app);
        var client = app.Client();
        var fresh = $"fresh-{Guid.NewGuid():N}@test.localhost";

        var forNew = await client.PostAsJsonAsync("/api/account/register", new { email = fresh, password = Password, displayName = "New", culture = "en" , privacyNotice = PrivacyTests.NoticeVersion });
        var forExisting = await client.PostAsJsonAsync("/api/account/register", new { email = existing, password = Password, displayName = "Again", culture = "en" , privacyNotice = PrivacyTests.NoticeVersion });

        Assert.Equal(HttpStatusCode.Created, forNew.StatusCode);
        Assert.Equal(forNew.StatusCode, forExisting.StatusCode);
        Assert.Equal(await forNew.Content.ReadAsStringAsync(), await forExisting.Content.ReadAsStringAsync());
        Assert.Equal(forNew.Headers.Location, forExisting.Headers.Location);
        var toOwner = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(m => m.To == existing));
        Assert.Equal("有人尝试用您的邮箱地址注册 TitleBridge 职称通", toOwner.Subject); // in the owner's language, not the caller's
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.Email == existing)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SignIn_UnknownAndKnownAccounts_GetTheSameAnswer_InSimilarTime_EvenWhenLockedOut(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var known = await ApplicantAsync(app);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.localhost";
        var client = app.Client("en");
        await client.SignInAsync(unknown, "Wrong-Password-0"); // warm-up

        async Task<(double Ms, string Text)> Attempt(string email)
        {
            var page = await client.GetStringAsync("/account/login");
            var form = new FormUrlEncodedContent(new Dictionary<string, string?>
            {
                ["Email"] = email, ["Password"] = "Wrong-Password-0", ["__RequestVerificationToken"] = Http.AntiforgeryToken(page),
            });
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsync("/account/login", form);
            watch.Stop();
            var html = await response.Content.ReadAsStringAsync();
            var start = html.IndexOf("That email address and password did not sign you in.", StringComparison.Ordinal);
            return (watch.Elapsed.TotalMilliseconds, start < 0 ? html : html.Substring(start, 120));
        }

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        var texts = new HashSet<string>();
        for (var i = 0; i < 7; i++) // the fifth wrong password locks the known account; answers must not change
        {
            var k = await Attempt(known);
            var u = await Attempt(unknown);
            knownTimes.Add(k.Ms);
            unknownTimes.Add(u.Ms);
            texts.Add(k.Text);
            texts.Add(u.Text);
        }

        Assert.Single(texts);
        Assert.StartsWith("That email address and password did not sign you in.", texts.Single());
        // Both spend one password hash: the unknown address must not answer several times faster (it was 5 ms against 120 ms).
        Assert.True(Median(unknownTimes) > 0.4 * Median(knownTimes), $"unknown {Median(unknownTimes):F0} ms, known {Median(knownTimes):F0} ms");
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == known).Select(u => u.LockoutEnd).SingleAsync()) is not null);
    }

    // ---- rate limits ----------------------------------------------------------------------------

    [Fact]
    public async Task SignIn_IsLimitedPerClient_WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["RateLimits:sign-in:PermitLimit"] = "3" });
        var client = app.Client("zh-CN");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync($"guess{i}@test.localhost", "Wrong-Password-0")).StatusCode);
        }

        var refused = await client.SignInAsync("guess9@test.localhost", "Wrong-Password-0");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("尝试次数过多", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_IsLimitedPerAccount_BeforeTheLockout()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["RateLimits:sign-in-account:PermitLimit"] = "2" });
        var email = await ApplicantAsync(app);
        var first = app.Client();
        var second = app.Client();

        Assert.Equal(HttpStatusCode.OK, (await first.SignInAsync(email, "Wrong-Password-0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.SignInAsync(email, "Wrong-Password-0")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.SignInAsync(email, Password)).StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task PublicEligibilityCheck_IsLimited_WithABilingualProblem()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["RateLimits:public-api:PermitLimit"] = "2" });
        var client = app.Client("en");
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/eligibility/check", new { })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/eligibility/check", new { });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await refused.JsonAsync();
        Assert.Equal(ProblemTypes.TooManyRequests, problem.GetProperty("type").GetString());
        Assert.Equal("请求过于频繁，请稍后再试。", problem.GetProperty("message").GetProperty("zh").GetString());
        Assert.Equal("Too many requests. Wait a moment and try again.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("verification", "/api/certificates/GZ-2026-000001?code=AAAAA-AAAAA", "GET")]
    [InlineData("verification", "/verify/GZ-2026-000001?code=AAAAA-AAAAA", "GET")]
    [InlineData("objection", "/api/results/entries/00000000-0000-0000-0000-000000000000/objections", "POST")]
    public async Task CertificateVerificationAndObjections_TakeTheirPolicyFromRateLimits(string policy, string url, string method)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { [$"RateLimits:{policy}:PermitLimit"] = "2" });
        var client = app.Client("en");
        Task<HttpResponseMessage> Send() => method == "GET" ? client.GetAsync(url) : client.PostAsync(url, new MultipartFormDataContent { { new StringContent("x"), "grounds" } });
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Send()).StatusCode);
        }

        var refused = await Send();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    // ---- smaller --------------------------------------------------------------------------------

    [Theory]
    [InlineData("/language/en?returnUrl=/catalogue%01")]
    [InlineData("/language/zh-Hans?returnUrl=/%0d%0aSet-Cookie:x=1")]
    public async Task LanguageSwitch_ControlCharacterInTheReturnAddress_GoesHome(string url)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task FirstAdministrator_IsAnAdministratorOnly()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        Assert.Equal([Roles.Admin], await users.GetRolesAsync((await users.FindByEmailAsync(TestApp.AdminEmail))!));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static string[] Errors(System.Text.Json.JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : throw new Xunit.Sdk.XunitException($"no error for {field}: {problem.GetRawText()}");

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>A confirmed applicant account, made through Identity as the registration would leave it after confirmation.</summary>
    private static async Task<string> ApplicantAsync(TestApp app)
    {
        var email = $"applicant-{Guid.NewGuid():N}@test.localhost";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Applicant" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
        return email;
    }

    private static (HttpClient Client, CookieContainer Cookies) CookieClient(TestApp app)
    {
        var cookies = new CookieContainer();
        var client = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return (client, cookies);
    }

    /// <summary>Another client holding a copy of the owner's sign-in cookie, as one saved before signing out would be.</summary>
    private static HttpClient StolenSession(TestApp app, CookieContainer owner)
    {
        var auth = owner.GetCookies(app.Server.BaseAddress)[RequestLimits.AuthCookie] ?? throw new InvalidOperationException("not signed in");
        var copy = new CookieContainer();
        copy.Add(app.Server.BaseAddress, new Cookie(auth.Name, auth.Value));
        return app.CreateDefaultClient(new CookieContainerHandler(copy));
    }
}
