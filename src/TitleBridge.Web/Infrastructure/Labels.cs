using Microsoft.Extensions.Localization;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The names people read for the codes an application carries (specialty keys, country codes, degree
/// codes, document types, achievement kinds, qualification codes), each taken from where the code's data
/// lives: the reference data files, the catalogue in force, the domain, or the resources. A code with no
/// known name reads as "–" rather than as the code. Views inject it as <c>Labels</c>.
/// </summary>
public sealed class Labels(IStringLocalizer<SharedResource> l, ReferenceData reference, CatalogueSnapshots catalogue)
{
    private CatalogueSnapshot? _snapshot;
    private bool _loaded;

    public string Specialty(string? key) =>
        key is null ? "–" : reference.SpecialtyGroups.Any(g => g.Specialties.Contains(key)) ? reference.SpecialtyName(key).Pick() : "–";

    public string Country(string? code) =>
        code is null ? "–" : reference.FindCountryRegion(code.Trim().ToUpperInvariant())?.Name.Pick() ?? code;

    public string Degree(string? code) =>
        DegreeLevels.TryParseCode(code, out var level) ? Resource("Degree_" + level.Code(), level.Name()) : "–";

    public string Level(string? code) => TitleLevels.TryParseCode(code, out var level) ? level.Name().Pick() : "–";

    public string AchievementKind(string? kind) => kind is null ? "–" : Resource("Kind-" + kind, null);

    public string DocumentType(IdentityDocumentType type) => type switch
    {
        IdentityDocumentType.Passport => l["DocPassport"],
        IdentityDocumentType.HongKongMacaoTravelPermit => l["DocHongKongMacao"],
        IdentityDocumentType.TaiwanTravelPermit => l["DocTaiwan"],
        IdentityDocumentType.ResidentIdentityNumber => l["DocResidentId"],
        _ => "–",
    };

    public string DocumentKind(string part) => Domain.Applications.ApplicationLabels.DocumentKind(part).Pick();

    public string Event(string what) => Domain.Applications.WorkflowNames.OfEvent(what).Pick();

    /// <summary>A qualification by its name in the reader's language, with its catalogue code beside it.</summary>
    public async Task<string> QualificationAsync(string code)
    {
        if (!_loaded)
        {
            _snapshot = await catalogue.InForceAsync();
            _loaded = true;
        }
        return _snapshot?.ByCode.GetValueOrDefault(code) is { } e ? $"{Localization.Pick(e.NameEn, e.NameZh)} ({code})" : code;
    }

    /// <summary>
    /// The language of a person's own words (a report, a title, an employer's name) for its lang attribute:
    /// Chinese when it has Chinese characters, else English, whatever the page's language.
    /// </summary>
    public static string LangOf(string? text) =>
        text is not null && text.Any(c => c is >= '\u3400' and <= '\u9FFF') ? Localization.Chinese : Localization.English;

    private string Resource(string key, BilingualText? fallback)
    {
        var text = l[key];
        return !text.ResourceNotFound ? text.Value : fallback?.Pick() ?? "–";
    }
}
