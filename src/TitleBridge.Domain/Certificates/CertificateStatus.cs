namespace TitleBridge.Domain.Certificates;

/// <summary>The status a certificate has in the register; the register, not a copy, is authoritative (policy.md §5.6).</summary>
public enum CertificateStatus
{
    /// <summary>Issued and in force.</summary>
    Valid,
    /// <summary>Revoked by the bureau (撤销, policy.md §5.7); shown as revoked on every path at once.</summary>
    Revoked,
}
