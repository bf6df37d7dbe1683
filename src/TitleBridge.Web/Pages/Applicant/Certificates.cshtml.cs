using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;

namespace TitleBridge.Web.Pages.Applicant;

/// <summary>
/// The holder's certificates (policy.md §5.6): the register entry, the PDF and the signed credential to download,
/// the verification code to give a verifier, and who checked the certificate and when.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CertificatesModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<(Certificate Certificate, IReadOnlyList<CertificateVerification> Checks)> Certificates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = ApplicationsApi.UserId(User);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.HolderUserId == user).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var checks = await db.CertificateVerifications.AsNoTracking().Where(v => ids.Contains(v.CertificateId)).ToListAsync(ct);
        Certificates = [.. rows.OrderByDescending(r => r.IssuedAt).Select(c => (c,
            (IReadOnlyList<CertificateVerification>)[.. checks.Where(v => v.CertificateId == c.Id).OrderByDescending(v => v.At).ThenByDescending(v => v.Id)]))];
    }
}
