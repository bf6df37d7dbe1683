using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Accounts;

/// <summary>Optional TOTP two-factor sign-in with Identity's authenticator provider.</summary>
public sealed partial class TwoFactorTests
{
    [Fact]
    public async Task EnableAuthenticator_ThenSignIn_AsksForTheCode()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var email = $"totp-{Guid.NewGuid():N}@test.localhost";
        const string Password = "Totp-Password-123";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Totp" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
        }
        var client = app.Client();
        await client.SignInAsync(email, Password);
        var page = await client.GetStringAsync("/account/two-factor");
        var key = KeyPattern().Match(page).Groups[1].Value;
        // The QR code an authenticator app scans holds the setup address with the same key.
        var qr = (await (await client.GetAsync("/account/two-factor")).PageAsync()).QuerySelector("main img")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", qr);
        var (width, height, gray) = Certificates.Png.Gray(Convert.FromBase64String(qr["data:image/png;base64,".Length..]));
        var decoded = new ZXing.BarcodeReaderGeneric { Options = new ZXing.Common.DecodingOptions { PossibleFormats = [ZXing.BarcodeFormat.QR_CODE] } }
            .Decode(new ZXing.RGBLuminanceSource(gray, width, height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8));
        Assert.Equal($"otpauth://totp/{Uri.EscapeDataString($"TitleBridge:{email}")}?secret={key}&issuer=TitleBridge&digits=6", decoded?.Text);

        var wrong = await client.PostAsync("/account/two-factor?handler=Enable", Form(page, "000000" == Totp(key) ? "111111" : "000000"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var enabled = await client.PostAsync("/account/two-factor?handler=Enable", Form(page, Totp(key)));
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        var fresh = app.Client();
        var first = await fresh.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("/account/login-with-code", first.Headers.Location!.OriginalString);
        var codePage = await fresh.GetStringAsync(first.Headers.Location!.OriginalString);
        var second = await fresh.PostAsync("/account/login-with-code", Form(codePage, Totp(key)));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/applications/")).StatusCode);
    }

    private static FormUrlEncodedContent Form(string page, string code) => new(new Dictionary<string, string>
    {
        ["Code"] = code,
        ["__RequestVerificationToken"] = Http.AntiforgeryToken(page),
    });

    /// <summary>RFC 6238 with Identity's parameters: Base32 key, HMAC-SHA1, 30-second steps, 6 digits.</summary>
    private static string Totp(string base32)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(Alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([A-Z2-7]+)<")]
    private static partial Regex KeyPattern();
}
