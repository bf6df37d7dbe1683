using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TitleBridge.Domain.Certificates;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Certificates;

namespace TitleBridge.Web.Pages.Certificates;

/// <summary>
/// The public check of a certificate (policy.md §5.6): by number and verification code, or number and the holder's
/// full name. The QR code on the PDF opens this page with the code filled in, so scanning it is a check. An unknown
/// number and a wrong code or name get the same answer.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimits.Verification)]
public sealed class VerifyModel(CertificateRegister register) : PageModel
{
    [FromRoute] public string Number { get; set; } = "";
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public string? Name { get; set; }
    [FromQuery] public string? Organisation { get; set; }

    public Certificate? Certificate { get; private set; }
    public bool Asked { get; private set; }
    public bool NotFoundAnswer { get; private set; }
    public bool NothingGiven { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Number.Length > 40 || Code?.Length > 40 || Name?.Length > 200 || Organisation?.Length > 200)
        {
            return BadRequest();
        }
        Asked = Request.Query.ContainsKey("code") || Request.Query.ContainsKey("name");
        if (!Asked)
        {
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Name))
        {
            NothingGiven = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Certificate = !string.IsNullOrWhiteSpace(Code)
            ? await register.FindAsync(Number, Code, ct)
            : await register.FindByNameAsync(Number, Name, ct);
        if (Certificate is null)
        {
            NotFoundAnswer = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        await register.RecordVerificationAsync(Certificate, string.IsNullOrWhiteSpace(Code) ? "name" : "code", Organisation, ct);
        return Page();
    }

    public string MaskedName => NameMasking.Mask(Certificate?.HolderChineseName ?? Certificate?.HolderName);
}
