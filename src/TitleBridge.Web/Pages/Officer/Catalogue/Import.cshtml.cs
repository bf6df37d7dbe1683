using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Pages.Officer.Catalogue;

/// <summary>Import an edition (CSV or XLSX plus its announced metadata) as a draft. All or nothing.</summary>
public sealed class ImportModel(CatalogueImporter importer, CatalogueSnapshots snapshots, ReferenceData reference) : PageModel
{
    [BindProperty, Required(ErrorMessage = "FieldRequired"), Display(Name = "EditionId")] public string EditionId { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "FieldRequired"), Display(Name = "NameEn")] public string NameEn { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "FieldRequired"), Display(Name = "NameZh")] public string NameZh { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "FieldRequired"), Display(Name = "IssuerEn")] public string IssuerEn { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "FieldRequired"), Display(Name = "IssuerZh")] public string IssuerZh { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "FieldRequired"), Display(Name = "AnnouncedOn")] public DateOnly? AnnouncedOn { get; set; }
    [BindProperty] public DataStatus DataStatus { get; set; } = DataStatus.Official;
    // Optional: a browser posts an empty textarea, which model binding turns into null.
    [BindProperty] public string? DataNoteEn { get; set; } = "";
    [BindProperty] public string? DataNoteZh { get; set; } = "";
    [BindProperty] public Dictionary<string, int> ByLevel { get; set; } = [];
    [BindProperty] public Dictionary<string, int> BySector { get; set; } = [];
    [BindProperty, Required(ErrorMessage = "FileRequired"), Display(Name = "File")] public IFormFile? Upload { get; set; }

    public ReferenceData Reference => reference;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Start from the edition in force: a new edition usually keeps the issuer and shape.
        var current = (await snapshots.InForceAsync(ct: ct))?.Edition;
        if (current is not null)
        {
            IssuerEn = current.IssuerEn;
            IssuerZh = current.IssuerZh;
            ByLevel = new(current.DeclaredByLevel);
            BySector = new(current.DeclaredBySector);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, ct);
        var metadata = new EditionMetadata(
            EditionId.Trim(),
            new BilingualText(NameEn.Trim(), NameZh.Trim()),
            new BilingualText(IssuerEn.Trim(), IssuerZh.Trim()),
            AnnouncedOn!.Value,
            DataStatus,
            new BilingualText((DataNoteEn ?? "").Trim(), (DataNoteZh ?? "").Trim()),
            new DeclaredTotals(ByLevel.Values.Sum(), ByLevel, BySector));
        var result = await importer.ImportDraftAsync(metadata, Upload.FileName, buffer.ToArray(), User.Identity!.Name!, ct);
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect($"/officer/catalogue/editions/{result.Value.EditionId}?imported=true");
    }
}
