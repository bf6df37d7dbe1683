using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Features.Eligibility;

namespace TitleBridge.Web.Pages.Eligibility;

/// <summary>Step 1: the qualifications held, chosen with the catalogue search, with their renewals.</summary>
public sealed class QualificationsModel(CheckJourneyStore store, IStringLocalizer<SharedResource> l, CatalogueSnapshots catalogue)
    : CheckPageModel(store, l)
{
    public const int RenewalRows = 3;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? ObtainedOn { get; set; }
    [BindProperty] public List<string?> RenewalFrom { get; set; } = [];
    [BindProperty] public List<string?> RenewalTo { get; set; } = [];

    public CatalogueSnapshot? Catalogue { get; private set; }
    public IReadOnlyList<CatalogueEntry> Matches { get; private set; } = [];

    public CatalogueEntry? Entry(string code) => Catalogue?.ByCode.GetValueOrDefault(code);

    public async Task OnGetAsync(CancellationToken ct)
    {
        LoadAnswers();
        await FindAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var answers = LoadAnswers();
        await FindAsync(ct);
        var entry = string.IsNullOrEmpty(Code) ? null : Entry(Code);
        if (entry is null)
        {
            Error("Code", string.IsNullOrWhiteSpace(Q) ? "QualificationSearchFirst" : "QualificationChoose");
        }
        var obtained = ReadDate(ObtainedOn, "ObtainedOn", L["ObtainedOn"]);
        var renewals = new List<PeriodAnswer>();
        for (var i = 0; i < RenewalRows; i++)
        {
            var fromText = RenewalFrom.ElementAtOrDefault(i);
            var toText = RenewalTo.ElementAtOrDefault(i);
            if (string.IsNullOrWhiteSpace(fromText) && string.IsNullOrWhiteSpace(toText))
            {
                continue;
            }
            var from = ReadDate(fromText, $"RenewalFrom_{i}", string.Format(L["ValidFromN"].Value, i + 1));
            var to = ReadDate(toText, $"RenewalTo_{i}", string.Format(L["ValidToN"].Value, i + 1));
            if (from is { } f && to is { } t)
            {
                if (t < f)
                {
                    Error($"RenewalTo_{i}", "PeriodEndsBeforeStart", i + 1);
                }
                renewals.Add(new PeriodAnswer(f, t));
            }
        }
        if (answers.Qualifications.Count >= CheckJourneyStore.MaxQualifications)
        {
            Error("Code", "TooManyQualifications", CheckJourneyStore.MaxQualifications);
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        SaveAnswers(answers with
        {
            Qualifications = [.. answers.Qualifications, new QualificationAnswer(entry!.Code, obtained!.Value, renewals.OrderBy(r => r.From).ToList())],
        });
        return Redirect("/check/qualifications#added");
    }

    public IActionResult OnPostRemove(int index)
    {
        var answers = LoadAnswers();
        if (index >= 0 && index < answers.Qualifications.Count)
        {
            SaveAnswers(answers with { Qualifications = answers.Qualifications.Where((_, i) => i != index).ToList() });
        }
        return Redirect("/check/qualifications");
    }

    public async Task<IActionResult> OnPostContinueAsync(CancellationToken ct)
    {
        var answers = LoadAnswers();
        if (answers.Qualifications.Count == 0)
        {
            await FindAsync(ct);
            Error("q", "QualificationAtLeastOne");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Next("/check/degree");
    }

    private async Task FindAsync(CancellationToken ct)
    {
        Catalogue = await catalogue.InForceAsync(ct: ct);
        if (Catalogue is not null && !string.IsNullOrWhiteSpace(Q))
        {
            Matches = Catalogue.Search.Search(Q, 10).Select(h => h.Entry).ToList();
        }
    }
}
