using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Accounts;

/// <summary>Consent to the privacy notice (policy.md §6): required at registration, asked again when the notice changes.</summary>
public sealed partial class PrivacyTests
{
    /// <summary>The version of data/privacy/ the app ships with.</summary>
    public const string NoticeVersion = "2026.1";

    private const string Password = "Applicant-Password-1";

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();

    [Theory]
    [InlineData("en", "Who we are|Why we use your information|What we keep|How long we keep it|Who sees what|Your rights and how to use them")]
    [InlineData("zh", "我们是谁")]
    public async Task ThePrivacyPage_ShowsEachHeadingOnItsOwn_WithItsParagraphsBelow(string culture, string headings)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var page = await (await client.GetAsync("/privacy")).PageAsync();
        var found = page.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList();
        var expected = headings.Split('|');
        Assert.Equal(expected, found.Take(expected.Length));
        Assert.Equal(6, found.Count);
        // The heading's first line of text is a paragraph of its own, not part of the heading.
        Assert.Equal("P", page.QuerySelectorAll("main h2")[0].NextElementSibling!.TagName);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Registration_WithoutConsentOrWithAnotherVersion_IsRefusedNamingPrivacyNotice_AndWritesNothing(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client("zh-Hans");
        var notice = await client.GetJsonAsync("/api/privacy-notice");
        Assert.Equal(NoticeVersion, notice.GetProperty("version").GetString());
        Assert.Equal("2026-01-01", notice.GetProperty("effectiveFrom").GetString());
        // The retention period in words, never the rule set's parameter name.
        Assert.Contains("for the number of years the rule set in force names (at present 10 years)", notice.GetProperty("text").GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.Contains("按现行规则集规定的年限保存（现为 10 年）", notice.GetProperty("text").GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("retentionYears", notice.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("个人信息保护法", notice.GetProperty("text").GetProperty("zh").GetString(), StringComparison.Ordinal);
        var before = await CountsAsync(app);

        foreach (var version in new string?[] { null, "2025.9" })
        {
            var applicant = await client.PostAsJsonAsync("/api/account/register", new { email = $"p-{Guid.NewGuid():N}@test.localhost", password = Password, displayName = "李雷", culture = "zh-Hans", privacyNotice = version });
            Assert.Equal(HttpStatusCode.BadRequest, applicant.StatusCode);
            var errors = (await applicant.JsonAsync()).GetProperty("errors");
            Assert.Equal([$"请阅读隐私声明（{NoticeVersion} 版）并表示同意。"], errors.GetProperty("privacyNotice").EnumerateArray().Select(e => e.GetString()));

            var employer = await client.PostAsJsonAsync("/api/employers/", new
            {
                nameZh = "广州隐私科技有限公司", nameEn = "Guangzhou Privacy Technology", creditCode = "91440106MA59C1K26Q", district = "440106",
                contactName = "Li Hua", contactEmail = "li@example.com", accountEmail = $"e-{Guid.NewGuid():N}@example.com", password = "Employer-Password-1", privacyNotice = version,
            });
            Assert.Equal(HttpStatusCode.BadRequest, employer.StatusCode);
            Assert.Equal([$"请阅读隐私声明（{NoticeVersion} 版）并表示同意。"], (await employer.JsonAsync()).GetProperty("errors").GetProperty("privacyNotice").EnumerateArray().Select(e => e.GetString()));
        }
        Assert.Equal(before, await CountsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AChangedNotice_AsksForConsentAgain_AtTheNextPage_AndRecordsEachVersionAndTime(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        var email = $"consent-{Guid.NewGuid():N}@test.localhost";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/account/register", new { email, password = Password, displayName = "Ana Lima", culture = "en", privacyNotice = NoticeVersion })).StatusCode);
        var mail = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(m => m.To == email));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(ConfirmLink().Match(mail.TextBody).Value).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/applicant/profile")).StatusCode);

        var admin = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);
        var published = await admin.PostAsJsonAsync("/api/admin/privacy-notices", new
        {
            version = "2026.2", effectiveFrom = "2026-01-02",
            text = new { en = "## What changed\nExperts now see your report.", zh = "## 变更内容\n评审专家现在可以看到您的专业技术报告。" },
        });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/admin/privacy-notices", new { version = "2026.2", effectiveFrom = "2026-01-02", text = new { en = "x", zh = "x" } })).StatusCode);

        var asked = await client.GetAsync("/applicant/profile");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.StartsWith("/account/consent", asked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync(asked.Headers.Location!.OriginalString);
        Assert.Contains("Experts now see your report.", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/me/consent", new { privacyNotice = NoticeVersion })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/me/consent", new { privacyNotice = "2026.2" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/applicant/profile")).StatusCode);

        var consents = await app.QueryAsync(db => db.Consents.Where(c => c.UserId == db.Users.Single(u => u.Email == email).Id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([(NoticeVersion, "registration"), ("2026.2", "sign-in")], consents.Select(c => (c.NoticeVersion, c.Occasion)));
        Assert.All(consents, c => Assert.True(c.At > app.Clock.GetUtcNow().AddMinutes(-5) && c.At <= app.Clock.GetUtcNow()));
    }

    private static Task<(int Users, int Employers, int Consents, int Emails, int AuditEvents)> CountsAsync(TestApp app) => app.QueryAsync(async db =>
        (await db.Users.CountAsync(), await db.Employers.CountAsync(), await db.Consents.CountAsync(), await db.OutboxEmails.CountAsync(), await db.AuditEvents.CountAsync()));
}
