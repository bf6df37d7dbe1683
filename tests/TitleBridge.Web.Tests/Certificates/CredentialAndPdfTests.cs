using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>The two renderings of a register entry: the signed credential and the PDF (policy.md §5.6).</summary>
public sealed class CredentialAndPdfTests
{
    private static byte[] FromBase64Url(string s)
    {
        var t = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(t.PadRight(t.Length + (4 - t.Length % 4) % 4, '='));
    }

    /// <summary>
    /// ES256 checked from first principles, not with the library that signed: the JWK from /.well-known/jwks.json
    /// into System.Security.Cryptography's ECDsa, SHA-256 over "header.payload", the signature as r‖s (RFC 7518 §3.4).
    /// </summary>
    private static bool VerifyIndependently(string compact, JsonElement jwks)
    {
        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }
        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
            if (header.RootElement.GetProperty("alg").GetString() != "ES256")
            {
                return false;
            }
            var kid = header.RootElement.GetProperty("kid").GetString();
            var jwk = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == kid);
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = FromBase64Url(jwk.GetProperty("x").GetString()!), Y = FromBase64Url(jwk.GetProperty("y").GetString()!) },
            });
            return key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception e) when (e is System.FormatException or JsonException or InvalidOperationException or CryptographicException or KeyNotFoundException)
        {
            return false;
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheCredential_VerifiesIndependently_AndAnyChangedByteInHeaderPayloadOrSignatureFails(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (_, certificate, officer) = await CertificateTestData.IssuedAsync(app, clock);
        var holderId = await app.QueryAsync(db => db.Certificates.Select(c => c.HolderUserId).SingleAsync());
        var holder = await CertificateTestData.HolderAsync(app, holderId);
        var list = await holder.GetJsonAsync("/api/me/certificates");
        var mine = Assert.Single(list.EnumerateArray().ToList());
        Assert.True(mine.TryGetProperty("credential", out _), list.ToString());
        var compact = mine.GetProperty("credential").GetString()!;
        var jwks = await app.Client().GetJsonAsync("/.well-known/jwks.json");

        Assert.True(VerifyIndependently(compact, jwks));
        var parts = compact.Split('.');
        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        Assert.Equal(("ES256", "vc+jwt"), (header.RootElement.GetProperty("alg").GetString(), header.RootElement.GetProperty("typ").GetString()));
        using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
        var vc = payload.RootElement;
        Assert.Equal("https://www.w3.org/ns/credentials/v2", vc.GetProperty("@context")[0].GetString());
        Assert.Contains("OpenBadgeCredential", vc.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(certificate.GetProperty("number").GetString(), vc.GetProperty("certificate").GetProperty("number").GetString());
        Assert.Contains("张三明", vc.GetProperty("credentialSubject").GetProperty("name").GetString());

        var verifier = app.Client();
        var ok = await (await verifier.PostJsonAsync("/api/certificates/verify-credential", new { credential = compact })).JsonAsync();
        Assert.True(ok.GetProperty("valid").GetBoolean(), ok.ToString());

        // Every byte position of every part, changed to another base64url character: both implementations refuse.
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var positions = new List<(int Part, int Index)>();
        for (var p = 0; p < 3; p++)
        {
            // Every position would be thousands of requests; every 7th position plus the first and last of each part covers all three parts.
            for (var i = 0; i < parts[p].Length; i += 7) positions.Add((p, i));
            positions.Add((p, parts[p].Length - 1));
        }
        var apiChecked = 0;
        foreach (var (p, i) in positions.Distinct())
        {
            var changed = parts.ToArray();
            var c = changed[p][i];
            // The last character of a part may carry unused low bits; change it by more than those bits.
            var replacement = alphabet[(alphabet.IndexOf(c, StringComparison.Ordinal) + 32) % 64];
            changed[p] = changed[p][..i] + replacement + changed[p][(i + 1)..];
            var tampered = string.Join('.', changed);
            Assert.False(VerifyIndependently(tampered, jwks), $"part {p} position {i}");
            if (i == 0 || i == parts[p].Length - 1)
            {
                var answer = await (await verifier.PostJsonAsync("/api/certificates/verify-credential", new { credential = tampered })).JsonAsync();
                Assert.False(answer.GetProperty("valid").GetBoolean(), $"API, part {p} position {i}");
                Assert.NotEmpty(answer.GetProperty("problems").EnumerateArray());
                apiChecked++;
            }
        }
        Assert.Equal(6, apiChecked);

        // A credential signed by someone else's key with the same kid is foreign.
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = foreign.SignData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var forged = parts[0] + "." + parts[1] + "." + Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var refused = await (await verifier.PostJsonAsync("/api/certificates/verify-credential", new { credential = forged })).JsonAsync();
        Assert.False(refused.GetProperty("valid").GetBoolean());
        Assert.Contains("signature", refused.GetProperty("problems")[0].GetProperty("en").GetString());

        // Rotation: a new key signs from now on; the old credential still verifies against the published old key.
        var admin = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync("/api/admin/credential-keys/rotate")).StatusCode);
        var after = await app.Client().GetJsonAsync("/.well-known/jwks.json");
        Assert.Equal(2, after.GetProperty("keys").GetArrayLength());
        Assert.True(VerifyIndependently(compact, after));
        var fresh = (await holder.GetJsonAsync("/api/me/certificates")).EnumerateArray().Single().GetProperty("credential").GetString()!;
        Assert.NotEqual(JsonDocument.Parse(FromBase64Url(compact.Split('.')[0])).RootElement.GetProperty("kid").GetString(),
            JsonDocument.Parse(FromBase64Url(fresh.Split('.')[0])).RootElement.GetProperty("kid").GetString());
        Assert.True(VerifyIndependently(fresh, after));
    }

    [Fact]
    public async Task ThePdf_ReadsBack_WithTheHoldersNamesAndTheNumber_AndItsQrCodeOpensTheVerificationPageWithTheCode()
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(Provider.Sqlite, clock: clock);
        var (_, certificate, _) = await CertificateTestData.IssuedAsync(app, clock, "zh-Hans");
        var number = certificate.GetProperty("number").GetString()!;
        var stored = await app.QueryAsync(db => db.Certificates.SingleAsync());
        var holder = await CertificateTestData.HolderAsync(app, stored.HolderUserId);

        var response = await holder.GetAsync($"/api/me/certificates/{number}/pdf");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var path = Environment.GetEnvironmentVariable("TITLEBRIDGE_KEEP_PDF");
        if (!string.IsNullOrEmpty(path))
        {
            await File.WriteAllBytesAsync(path, bytes);
        }

        using var pdf = PdfDocument.Open(bytes);
        var page = Assert.Single(pdf.GetPages());
        var text = string.Concat(page.Letters.Select(l => l.Value));
        Assert.Contains(CertificateTestData.ChineseName, text);
        Assert.Contains(CertificateTestData.DocumentName.Replace(" ", ""), text.Replace(" ", ""));
        Assert.Contains(number, text);
        Assert.Contains("职称证书", text);
        Assert.Contains("登记簿", text);
        Assert.Contains("authoritative", text);

        var image = Assert.Single(page.GetImages());
        Assert.True(image.TryGetPng(out var png), "The QR image can be read back.");
        var (width, height, gray) = Png.Gray(png);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var decoded = reader.Decode(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8));
        Assert.NotNull(decoded);
        Assert.Equal($"http://127.0.0.1:5080/verify/{number}?code={stored.VerificationCode}", decoded.Text);
    }
}
