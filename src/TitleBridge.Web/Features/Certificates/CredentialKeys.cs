using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Certificates;

/// <summary>
/// The bureau's credential signing keys (ES256, P-256). Keys are data, not code: each private key is stored in the
/// database protected by the data-protection key ring (itself in the database, shared by every instance), so no
/// key is in the repository or the configuration files. Rotation adds a new key and retires the old one from
/// signing; every key stays published at /.well-known/jwks.json so credentials signed earlier still verify
/// (docs/decisions/0026-signed-credentials.md).
/// </summary>
public sealed class CredentialKeys(AppDbContext db, IDataProtectionProvider protection, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    private const string Purpose = "TitleBridge.Certificates.CredentialSigningKey.v1";

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <summary>The key that signs now, created on first use.</summary>
    public async Task<(string KeyId, ECDsa Key)> SigningKeyAsync(CancellationToken ct = default)
    {
        var row = await db.CredentialSigningKeys.AsNoTracking().Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(ct)
            ?? await CreateAsync(ct);
        return (row.KeyId, Unprotect(row));
    }

    /// <summary>Starts signing with a new key; the previous ones stay published for verification.</summary>
    public async Task<CredentialSigningKey> RotateAsync(string actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await db.CredentialSigningKeys.Where(k => k.RetiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), ct);
        var created = await CreateAsync(ct);
        audit.Add(new Infrastructure.Audit.CredentialKeyRotated(created.KeyId));
        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>Every published public key (JWK), newest first.</summary>
    public async Task<List<JsonElement>> PublicKeysAsync(CancellationToken ct = default)
    {
        var rows = await db.CredentialSigningKeys.AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderByDescending(k => k.CreatedAt).Select(k => JsonDocument.Parse(k.PublicJwk).RootElement.Clone())];
    }

    /// <summary>The public key for a <c>kid</c>, or null when the bureau never published it.</summary>
    public async Task<ECDsa?> PublicKeyAsync(string kid, CancellationToken ct = default)
    {
        var row = await db.CredentialSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyId == kid, ct);
        if (row is null)
        {
            return null;
        }
        var jwk = JsonDocument.Parse(row.PublicJwk).RootElement;
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("x").GetString()), Y = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("y").GetString()) },
        });
    }

    private ECDsa Unprotect(CredentialSigningKey row)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Protector.Unprotect(Convert.FromBase64String(row.ProtectedPrivateKey)), out _);
        return key;
    }

    private async Task<CredentialSigningKey> CreateAsync(CancellationToken ct)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        var x = Base64UrlEncoder.Encode(p.Q.X);
        var y = Base64UrlEncoder.Encode(p.Q.Y);
        // RFC 7638 thumbprint as the kid: stable, derived from the key itself, unique per key.
        var thumbprint = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));
        var row = new CredentialSigningKey
        {
            KeyId = thumbprint,
            ProtectedPrivateKey = Convert.ToBase64String(Protector.Protect(key.ExportPkcs8PrivateKey())),
            PublicJwk = JsonSerializer.Serialize(new { kty = "EC", crv = "P-256", x, y, kid = thumbprint, use = "sig", alg = "ES256" }),
            CreatedAt = time.GetUtcNow(),
        };
        db.CredentialSigningKeys.Add(row);
        await db.SaveChangesAsync(ct);
        db.Entry(row).State = EntityState.Detached;
        return row;
    }
}
