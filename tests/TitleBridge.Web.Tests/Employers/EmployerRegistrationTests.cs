using System.Net;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Employers;

/// <summary>Employer organisations register with their first account; an officer approves or rejects them.</summary>
public sealed class EmployerRegistrationTests
{
    private const string ValidCode = "91440106MA59C1K26Q"; // generated, Tianhe (see the domain tests)

    private static object Registration(string code, string email = "hr@example.com") => new
    {
        nameZh = "广州示例科技有限公司",
        nameEn = "Guangzhou Example Technology Co., Ltd.",
        creditCode = code,
        district = "440106",
        contactName = "Li Hua",
        privacyNotice = Accounts.PrivacyTests.NoticeVersion,
        contactEmail = "contact@example.com",
        contactPhone = "+86 20 1234 5678",
        accountEmail = email,
        password = "Employer-Password-1",
    };

    public static TheoryData<Provider, string, string, string> BadCodes()
    {
        var data = new TheoryData<Provider, string, string, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            data.Add(provider, "91440106MA59C1K26R", UnifiedSocialCreditCode.CheckCharacterCode, "en"); // wrong check character
            data.Add(provider, "9144010OMA59C1K26Q", UnifiedSocialCreditCode.CharacterCode, "zh-Hans"); // forbidden letter O
            data.Add(provider, "91440106MA59C1K26", UnifiedSocialCreditCode.LengthCode, "en");          // 17 characters
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task Register_InvalidCreditCode_IsRefusedWithTheSpecificMessage_AndNothingIsSaved(Provider provider, string code, string problemCode, string language)
    {
        await using var app = await TestApp.StartAsync(provider);
        var usersBefore = await app.QueryAsync(db => db.Users.CountAsync());
        var expected = UnifiedSocialCreditCode.Parse(code).Problems.Single(p => p.Code == problemCode).Message;

        var response = await app.Client(language).PostJsonAsync("/api/employers/", Registration(code));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors").GetProperty("creditCode");
        Assert.Contains(errors.EnumerateArray(), e => e.GetString() == expected.For(language));
        Assert.Equal(0, await app.QueryAsync(db => db.Employers.CountAsync()));
        Assert.Equal(usersBefore, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Register_ThenApproval_LetsTheAccountAct_AndEmailsIt(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var anonymous = app.Client();

        var created = await anonymous.PostJsonAsync("/api/employers/", Registration(ValidCode));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var employer = await app.QueryAsync(db => db.Employers.SingleAsync());
        var id = employer.Id;
        Assert.Equal((EmployerStatus.PendingApproval, ValidCode, "440106"), (employer.Status, employer.CreditCode, employer.District));
        var account = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "hr@example.com"));
        Assert.Equal(id, account.EmployerId);

        // The account proves its address first: until then the right password only says so.
        var hr = app.Client();
        var unconfirmed = await hr.SignInAsync("hr@example.com", "Employer-Password-1");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Confirm your email address before signing in", await unconfirmed.Content.ReadAsStringAsync());
        await Scenario.ConfirmFromOutboxAsync(app, hr, "hr@example.com");

        // Before approval: the waiting page, and no applications.
        Assert.Equal(HttpStatusCode.Redirect, (await hr.SignInAsync("hr@example.com", "Employer-Password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/api/employer/applications")).StatusCode);
        var waiting = await hr.GetStringAsync("/employer");
        Assert.Contains("data-employer-waiting", waiting);

        var officer = await Scenario.OfficerAsync(app);
        var list = await officer.GetJsonAsync("/api/employers/?status=PendingApproval");
        Assert.Equal(id.ToString(), Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/employers/{id}/approve")).StatusCode);

        Assert.Equal(EmployerStatus.Approved, await app.QueryAsync(db => db.Employers.Select(e => e.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/employer/applications")).StatusCode);
        Assert.Equal(["ConfirmEmail", "EmployerAccountApproved"], await app.QueryAsync(db => db.OutboxEmails.Where(e => e.To == "hr@example.com").Select(e => e.TemplateKey).OrderBy(k => k).ToListAsync()));
        // Deciding twice is a conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/employers/{id}/reject", new { reason = "late" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Register_DuplicateCreditCode_IsRefused(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        Assert.Equal(HttpStatusCode.Created, (await app.Client().PostJsonAsync("/api/employers/", Registration(ValidCode, "first@example.com"))).StatusCode);

        var second = await app.Client().PostJsonAsync("/api/employers/", Registration(ValidCode.ToLowerInvariant(), "second@example.com"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Employers.CountAsync()));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "second@example.com")));
    }

    [Fact]
    public async Task Reject_NeedsAReason_ThenEmailsTheOrganisation()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        Assert.Equal(HttpStatusCode.Created, (await app.Client().PostJsonAsync("/api/employers/", Registration(ValidCode))).StatusCode);
        var id = await app.QueryAsync(db => db.Employers.Select(e => e.Id).SingleAsync());
        var officer = await Scenario.OfficerAsync(app);

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostJsonAsync($"/api/employers/{id}/reject", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/employers/{id}/reject", new { reason = "Not a Guangzhou organisation." })).StatusCode);

        var employer = await app.QueryAsync(db => db.Employers.SingleAsync());
        Assert.Equal((EmployerStatus.Rejected, "Not a Guangzhou organisation."), (employer.Status, employer.DecisionReason));
        Assert.Equal("EmployerAccountRejected", await app.QueryAsync(db => db.OutboxEmails.Where(e => e.TemplateKey != "ConfirmEmail").Select(e => e.TemplateKey).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Register_WithAnAccountAddressInUse_AnswersAsForANewOne_WritesNothing_AndEmailsTheOwner(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, _, known) = await Scenario.EmployerAsync(app);
        var employersBefore = await app.QueryAsync(db => db.Employers.CountAsync());
        var usersBefore = await app.QueryAsync(db => db.Users.CountAsync());

        var fresh = await app.Client().PostJsonAsync("/api/employers/", Registration(ValidCode, "new-hr@example.com"));
        var taken = await app.Client().PostJsonAsync("/api/employers/", Registration("914401041000000750", known));

        // What the caller sees: the same status, the same (empty) body, the same headers that matter.
        Assert.Equal((HttpStatusCode.Created, ""), (fresh.StatusCode, await fresh.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.Created, ""), (taken.StatusCode, await taken.Content.ReadAsStringAsync()));
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        // What happened: one organisation and one account more (the fresh one); the owner of the known address is told.
        Assert.Equal(employersBefore + 1, await app.QueryAsync(db => db.Employers.CountAsync()));
        Assert.Equal(usersBefore + 1, await app.QueryAsync(db => db.Users.CountAsync()));
        Assert.False(await app.QueryAsync(db => db.Employers.AnyAsync(e => e.CreditCode == "914401041000000750")));
        Assert.Equal(["AccountAlreadyExists"], await app.QueryAsync(db => db.OutboxEmails.Where(e => e.To == known).Select(e => e.TemplateKey).ToListAsync()));
        Assert.Equal(["ConfirmEmail"], await app.QueryAsync(db => db.OutboxEmails.Where(e => e.To == "new-hr@example.com").Select(e => e.TemplateKey).ToListAsync()));
    }
}
