using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Certificates;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Pages.Officer.Certificates;

/// <summary>The register for officers: the latest certificates and a look-up by number (the way to a revocation).</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Certificate> Latest { get; private set; } = [];

    [FromQuery] public string? Number { get; set; }
    public bool NotFoundAnswer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Number))
        {
            var parsed = CertificateNumber.TryParse(Number.Trim())?.ToString();
            if (parsed is not null && await db.Certificates.AnyAsync(c => c.Number == parsed, ct))
            {
                return Redirect($"/officer/certificates/{parsed}");
            }
            NotFoundAnswer = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        Latest = (await db.Certificates.AsNoTracking().ToListAsync(ct)).OrderByDescending(c => c.IssuedAt).Take(50).ToList();
        return Page();
    }
}
