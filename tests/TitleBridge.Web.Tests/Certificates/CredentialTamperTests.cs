using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Features.Certificates;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>
/// Issue #8: "any changed byte in header, payload or signature fails verification". Bytes, not base64url characters:
/// a part's last character carries unused padding bits, so a changed character can decode to the same bytes.
/// </summary>
public sealed class CredentialTamperTests
{
    private static byte[] Decode(string part) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(part);

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The credential with byte <paramref name="index"/> of part <paramref name="part"/> (decoded) changed to <paramref name="change"/> of it.</summary>
    private static string WithByteChanged(string compact, int part, int index, Func<byte, byte> change)
    {
        var parts = compact.Split('.');
        var bytes = Decode(parts[part]);
        bytes[index] = change(bytes[index]);
        parts[part] = Encode(bytes);
        return string.Join('.', parts);
    }

    // Two changes of each byte: the lowest bit (ASCII stays ASCII, so the JSON often still reads and the signature
    // is what refuses it) and the highest (never valid UTF-8 in the JSON parts).
    private static readonly (string Name, Func<byte, byte> Change)[] Changes = [("bit 0", b => (byte)(b ^ 0x01)), ("bit 7", b => (byte)(b ^ 0x80))];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryChangedByte_OfTheHeaderPayloadOrSignature_IsNotValid_AndSaysWhy(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, _, _) = await CertificateTestData.IssuedAsync(app, clock);
        var holder = await CertificateTestData.HolderAsync(app, (await Scenario.ApplicationAsync(app, id)).ApplicantId);
        var compact = Assert.Single((await holder.GetJsonAsync("/api/me/certificates")).EnumerateArray().ToList()).GetProperty("credential").GetString()!;
        var lengths = compact.Split('.').Select(p => Decode(p).Length).ToArray();
        Assert.Equal(64, lengths[2]);

        // Every byte through the verifier the endpoint calls (CertificateCredential.VerifyAsync).
        await using var scope = app.Services.CreateAsyncScope();
        var verifier = scope.ServiceProvider.GetRequiredService<CertificateCredential>();
        var (untouched, _) = await verifier.VerifyAsync(compact);
        Assert.True(untouched.Valid, string.Join("; ", untouched.Problems.Select(p => p.En)));
        var accepted = new List<string>();
        var checkedCount = 0;
        for (var part = 0; part < 3; part++)
        {
            for (var i = 0; i < lengths[part]; i++)
            {
                foreach (var (name, change) in Changes)
                {
                    var tampered = WithByteChanged(compact, part, i, change);
                    Assert.NotEqual(compact, tampered);
                    var (result, certificate) = await verifier.VerifyAsync(tampered);
                    checkedCount++;
                    if (result.Valid || certificate is not null || result.Problems.Count == 0 || result.Problems.Any(p => string.IsNullOrWhiteSpace(p.En) || string.IsNullOrWhiteSpace(p.Zh)))
                    {
                        accepted.Add($"part {part} byte {i} {name}: valid={result.Valid}, problems=[{string.Join("; ", result.Problems.Select(p => p.En))}]");
                    }
                }
            }
        }
        Assert.Equal(2 * lengths.Sum(), checkedCount);
        Assert.True(accepted.Count == 0, string.Join("\n", accepted.Take(20)));

        // A few positions over HTTP: the first, a middle and the last byte of each part; the answer is the verifier's.
        const string signatureProblem = "The signature does not match the credential: it has been changed or was not signed by the bureau.";
        var client = app.Client("en");
        for (var part = 0; part < 3; part++)
        {
            foreach (var i in new[] { 0, lengths[part] / 2, lengths[part] - 1 })
            {
                var tampered = WithByteChanged(compact, part, i, Changes[0].Change);
                var response = await client.PostJsonAsync("/api/certificates/verify-credential", new { credential = tampered });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var answer = await response.JsonAsync();
                var (expected, _) = await verifier.VerifyAsync(tampered);
                Assert.False(answer.GetProperty("valid").GetBoolean(), $"part {part} byte {i}");
                Assert.Equal(
                    expected.Problems.Select(p => $"{p.En}|{p.Zh}"),
                    answer.GetProperty("problems").EnumerateArray().Select(p => $"{p.GetProperty("en").GetString()}|{p.GetProperty("zh").GetString()}"));
                Assert.NotEmpty(expected.Problems);
                if (part == 2)
                {
                    Assert.Equal([signatureProblem], answer.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("en").GetString()));
                }
            }
        }
        // None of the tampered credentials counts as a check of the holder's certificate.
        Assert.Equal(0, await app.QueryAsync(db => db.CertificateVerifications.CountAsync()));
    }
}
