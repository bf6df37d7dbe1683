using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TitleBridge.Domain.Certificates;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Certificates;

/// <summary>
/// The certificate as a signed verifiable credential: a W3C Verifiable Credential 2.0 that is an Open Badges 3.0
/// OpenBadgeCredential (alias AchievementCredential), secured as a compact JWS (ES256, <c>kid</c> in the header,
/// <c>typ: vc+jwt</c>, as VC-JOSE-COSE describes) — no JSON-LD canonicalisation is needed to check it
/// (docs/decisions/0026-signed-credentials.md). The credential carries the register's number; checking it also
/// asks the register for the current status, so a revoked certificate's credential fails at once.
/// </summary>
public sealed class CertificateCredential(CredentialKeys keys, CertificateRegister register, IOptions<CertificateOptions> options, TimeProvider time)
{
    public const string MediaType = "application/vc+jwt";

    public string IssuerId => options.Value.PublicBaseAddress.TrimEnd('/') + "/issuer";

    public async Task<string> SignAsync(Certificate c, CancellationToken ct = default)
    {
        var (kid, key) = await keys.SigningKeyAsync(ct);
        using (key)
        {
            var credentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } }, SecurityAlgorithms.EcdsaSha256);
            var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
            return handler.CreateToken(Payload(c).ToJsonString(), credentials, new Dictionary<string, object> { ["typ"] = "vc+jwt", ["cty"] = "vc" });
        }
    }

    private JsonObject Payload(Certificate c)
    {
        var settings = options.Value;
        var issued = c.IssuedAt.ToUniversalTime();
        var name = c.HolderChineseName is null ? c.HolderName : $"{c.HolderName} {c.HolderChineseName}";
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = settings.VerificationUrl(c.Number).ToString(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = new JsonObject
            {
                ["id"] = IssuerId,
                ["type"] = new JsonArray("Profile"),
                ["name"] = $"{c.ApprovingBodyZh} {c.ApprovingBodyEn}",
            },
            ["validFrom"] = issued.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["name"] = $"{c.LevelNameZh} {c.LevelNameEn} — {c.SpecialtyZh} {c.SpecialtyEn}",
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = new JsonArray("AchievementSubject"),
                ["name"] = name,
                ["identifier"] = new JsonArray(new JsonObject
                {
                    ["type"] = "IdentityObject",
                    ["identityType"] = "identifier",
                    ["hashed"] = false,
                    ["identityHash"] = c.IdentityDocumentMasked,
                }),
                ["achievement"] = new JsonObject
                {
                    ["id"] = $"{settings.PublicBaseAddress.TrimEnd('/')}/achievements/{c.Level.ToLowerInvariant()}/{c.Specialty}",
                    ["type"] = new JsonArray("Achievement"),
                    ["achievementType"] = "Certificate",
                    ["name"] = $"{c.LevelNameZh} {c.LevelNameEn}",
                    ["description"] = $"{c.SeriesZh} {c.SeriesEn}: {c.SpecialtyZh} {c.SpecialtyEn}",
                    ["criteria"] = new JsonObject { ["narrative"] = $"{c.CommitteeZh} / {c.CommitteeEn}; {c.QualificationZh ?? ""} {c.QualificationEn ?? ""}".Trim() },
                },
            },
            ["certificate"] = new JsonObject
            {
                ["number"] = c.Number,
                ["level"] = c.Level,
                ["specialty"] = c.Specialty,
                ["committee"] = new JsonObject { ["en"] = c.CommitteeEn, ["zh"] = c.CommitteeZh },
                ["approvedOn"] = c.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["qualification"] = c.QualificationCode,
            },
            ["iss"] = IssuerId,
            ["jti"] = c.Number,
            ["sub"] = c.Number,
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["nbf"] = issued.ToUnixTimeSeconds(),
        };
    }

    public sealed record Verification(bool Valid, string? Status, string? Number, IReadOnlyList<BilingualText> Problems);

    /// <summary>
    /// Checks a credential: its form, the key id against the published keys, the ES256 signature, the issuer, the
    /// dates, and the register's current status. Each failure is named in both languages.
    /// </summary>
    public async Task<(Verification Result, Certificate? Certificate)> VerifyAsync(string? compact, CancellationToken ct = default)
    {
        var problems = new List<BilingualText>();
        if (string.IsNullOrWhiteSpace(compact) || compact.Length > 20_000 || compact.Count(ch => ch == '.') != 2)
        {
            return (new(false, null, null, [new("This is not a compact JWS credential (three base64url parts separated by dots).", "这不是紧凑格式的 JWS 凭证（以点分隔的三段 base64url）。")]), null);
        }
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(compact.Trim());
        }
        catch (ArgumentException)
        {
            return (new(false, null, null, [new("The credential cannot be read: its header or payload is not valid base64url JSON.", "无法读取该凭证：其头部或载荷不是有效的 base64url JSON。")]), null);
        }
        if (token.Alg != SecurityAlgorithms.EcdsaSha256)
        {
            problems.Add(new($"The credential is signed with {token.Alg}, not ES256 as the bureau signs.", $"该凭证的签名算法为 {token.Alg}，而非本局使用的 ES256。"));
        }
        var key = string.IsNullOrEmpty(token.Kid) ? null : await keys.PublicKeyAsync(token.Kid, ct);
        if (key is null)
        {
            problems.Add(new("The key that signed the credential (kid) is not one the bureau has published.", "签署该凭证的密钥（kid）不是本局公布的密钥。"));
        }
        else
        {
            using (key)
            {
                var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
                {
                    IssuerSigningKey = new ECDsaSecurityKey(key) { KeyId = token.Kid, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
                    ValidIssuer = IssuerId,
                    ValidateAudience = false,
                    ValidateLifetime = false,
                    RequireExpirationTime = false,
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    ValidTypes = ["vc+jwt"],
                });
                if (!result.IsValid)
                {
                    problems.Add(result.Exception is SecurityTokenInvalidIssuerException
                        ? new("The credential names another issuer than this bureau.", "该凭证的签发者不是本局。")
                        : new("The signature does not match the credential: it has been changed or was not signed by the bureau.", "签名与凭证内容不符：凭证已被改动，或并非本局签发。"));
                }
            }
        }
        var number = token.TryGetPayloadValue<string>("jti", out var jti) ? jti : null;
        if (problems.Count > 0)
        {
            return (new(false, null, number, problems), null);
        }
        if (token.TryGetPayloadValue<long>("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) > time.GetUtcNow().AddMinutes(5))
        {
            problems.Add(new("The credential is not valid yet (its start date is in the future).", "该凭证尚未生效（生效时间在将来）。"));
        }
        var certificate = number is null ? null : await register.ByNumberAsync(number, ct);
        if (certificate is null)
        {
            problems.Add(new("The register has no certificate with this credential's number.", "登记簿中没有与该凭证编号相符的证书。"));
            return (new(false, null, number, problems), null);
        }
        var status = certificate.Status == CertificateStatus.Revoked ? "revoked" : "valid";
        if (certificate.Status == CertificateStatus.Revoked)
        {
            problems.Add(new($"The certificate was revoked on {certificate.RevokedOn:yyyy-MM-dd}.", $"该证书已于 {certificate.RevokedOn:yyyy-MM-dd} 被撤销。"));
        }
        return (new(problems.Count == 0, status, number, problems), certificate);
    }
}
