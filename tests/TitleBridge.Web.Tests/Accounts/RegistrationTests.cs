using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Accounts;

/// <summary>Applicant self-registration: unconfirmed until the emailed link is opened, and no sign-in before that.</summary>
public sealed partial class RegistrationTests
{
    private const string Password = "Applicant-Password-1";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Register_ThenConfirmByTheEmailedLink_ThenSignIn(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client("zh-Hans");
        var email = $"new-{Guid.NewGuid():N}@test.localhost";

        var registered = await client.PostAsJsonAsync("/api/account/register", new { email, password = Password, displayName = "李雷", culture = "zh-Hans", privacyNotice = PrivacyTests.NoticeVersion });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var user = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.False(user.EmailConfirmed);
        var mail = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(m => m.To == email));
        Assert.Equal("zh-Hans", mail.Culture);
        Assert.Contains("确认", mail.Subject);

        // Refused before confirmation, with the way to get the link again.
        var refused = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("/account/resend-confirmation", refusedPage);
        Assert.Contains("请先确认邮箱地址", refusedPage);

        var link = ConfirmLink().Match(mail.TextBody).Value;
        var confirm = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));

        var signedIn = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/applications/")).StatusCode);
    }

    [Fact]
    public async Task Register_WeakPassword_IsRefused_AndNothingIsSaved()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        var email = $"weak-{Guid.NewGuid():N}@test.localhost";

        var response = await client.PostAsJsonAsync("/api/account/register", new { email, password = "short", displayName = "Weak", culture = "en", privacyNotice = PrivacyTests.NoticeVersion });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await app.QueryAsync(db => db.OutboxEmails.AnyAsync(m => m.To == email)));
    }

    [Fact]
    public async Task Confirm_WithAWrongCode_DoesNotConfirm()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var client = app.Client();
        var email = $"wrong-{Guid.NewGuid():N}@test.localhost";
        await client.PostAsJsonAsync("/api/account/register", new { email, password = Password, displayName = "Wrong", culture = "en", privacyNotice = PrivacyTests.NoticeVersion });
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var page = await client.GetStringAsync($"/account/confirm-email?userId={id}&code=bm90LWEtdG9rZW4");

        Assert.Contains("not valid", page);
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/account/confirm-email\?userId=[^\s""<>]+")]
    private static partial Regex ConfirmLink();
}
