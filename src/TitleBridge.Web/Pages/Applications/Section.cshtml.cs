using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Catalogue.Search;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Pages.Applications;

/// <summary>
/// One page per section of the task list (the section is in the route). Every form saves at once through
/// <see cref="SaveSection"/> or <see cref="ApplicationDocuments"/> — the handlers the API uses — and comes back here.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class SectionModel(ApplicationDetails details, SaveSection save, ApplicationDocuments documents, AppDbContext db,
    CatalogueSnapshots catalogue, ReferenceData reference, TimeProvider time) : PageModel
{
    public ApplicationDto Application { get; private set; } = null!;
    public ApplicationSection Section { get; private set; }
    public EvaluationCycle Cycle { get; private set; } = null!;
    public ReferenceData Reference => reference;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public IReadOnlyList<CatalogueSearchHit> Hits { get; private set; } = [];
    public IReadOnlyList<TitleBridge.Web.Data.Employer> Employers { get; private set; } = [];
    public TitleBridge.Web.Data.Employer? ChosenEmployer { get; private set; }
    public IReadOnlyDictionary<string, CatalogueEntry> Catalogue { get; private set; } = new Dictionary<string, CatalogueEntry>();
    public int MaxDocuments => documents.MaxPerApplication;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string section, CancellationToken ct) =>
        await LoadAsync(id, section, ct) ?? Page();

    public Task<IActionResult> OnPostTargetAsync(Guid id, string section, string? level, string? specialty, CancellationToken ct) =>
        SaveAsync(id, section, new() { Level = level, Specialty = specialty }, ct);

    public Task<IActionResult> OnPostAddQualificationAsync(Guid id, string section, string? code, DateOnly? obtainedOn, DateOnly?[] validFrom, DateOnly?[] validTo, string? certificateNumber, CancellationToken ct) =>
        EditAsync(id, section, ct, c =>
        {
            if (obtainedOn is null)
            {
                return Field("obtainedOn", "Enter the date you obtained the qualification.", "请填写取得该资格的日期。");
            }
            var periods = validFrom.Zip(validTo).Where(p => p.First is not null || p.Second is not null).ToList();
            if (periods.Any(p => p.First is null || p.Second is null))
            {
                return Field("validFrom", "Give both dates of each validity period.", "请填写每个有效期的起止日期。");
            }
            return new SaveSection.Input
            {
                Qualifications = [.. c.Qualifications, new QualificationPart(code ?? "", obtainedOn.Value, periods.Select(p => new PeriodPart(p.First!.Value, p.Second!.Value)).ToList(), certificateNumber)],
            };
        });

    public Task<IActionResult> OnPostRemoveQualificationAsync(Guid id, string section, int index, CancellationToken ct) =>
        EditAsync(id, section, ct, c => new SaveSection.Input { Qualifications = c.Qualifications.Where((_, i) => i != index).ToList() });

    public Task<IActionResult> OnPostDegreeAsync(Guid id, string section, string? level, DateOnly? awardedOn, string? institution, string? country, bool overseas, CancellationToken ct) =>
        awardedOn is null
            ? FailAsync(id, section, Field("awardedOn", "Enter the date the degree was awarded.", "请填写学位授予日期。"), ct)
            : SaveAsync(id, section, new() { Degree = new DegreePart(level ?? "", awardedOn.Value, institution ?? "", country ?? "", overseas) }, ct);

    public Task<IActionResult> OnPostAddWorkAsync(Guid id, string section, DateOnly? from, DateOnly? to, string? employer, string? position, string? specialty, string? country, bool inGuangzhou, bool fullTime, CancellationToken ct) =>
        EditAsync(id, section, ct, c => from is null
            ? Field("from", "Enter the date this work started.", "请填写该工作的开始日期。")
            : new SaveSection.Input { Work = [.. c.Work, new WorkPart(from.Value, to, employer ?? "", position ?? "", specialty ?? "", country ?? "", inGuangzhou, fullTime)] });

    public Task<IActionResult> OnPostRemoveWorkAsync(Guid id, string section, int index, CancellationToken ct) =>
        EditAsync(id, section, ct, c => new SaveSection.Input { Work = c.Work.Where((_, i) => i != index).ToList() });

    public Task<IActionResult> OnPostAddAchievementAsync(Guid id, string section, string? kind, string? title, int? year, bool overseas, string? achievementDetails, CancellationToken ct) =>
        EditAsync(id, section, ct, c => new SaveSection.Input
        {
            Achievements = [.. c.Achievements, new AchievementPart(kind ?? "", title ?? "", year ?? 0, overseas, achievementDetails ?? "")],
        });

    public Task<IActionResult> OnPostRemoveAchievementAsync(Guid id, string section, int index, CancellationToken ct) =>
        EditAsync(id, section, ct, c => new SaveSection.Input { Achievements = c.Achievements.Where((_, i) => i != index).ToList() });

    public Task<IActionResult> OnPostReportAsync(Guid id, string section, string? report, CancellationToken ct) =>
        SaveAsync(id, section, new() { Report = report }, ct);

    public Task<IActionResult> OnPostEmployerAsync(Guid id, string section, Guid? employerId, CancellationToken ct) =>
        SaveAsync(id, section, new() { EmployerId = employerId }, ct);

    public async Task<IActionResult> OnPostUploadAsync(Guid id, string section, string? part, IFormFile? file, CancellationToken ct)
    {
        var result = await documents.UploadAsync(id, part ?? "", file, ApplicationsApi.UserId(User), ct);
        return result.Succeeded ? Back(id, section) : await FailAsync(id, section, result.Problems, ct);
    }

    public async Task<IActionResult> OnPostDeleteDocumentAsync(Guid id, string section, Guid documentId, CancellationToken ct)
    {
        var result = await documents.DeleteAsync(id, documentId, ApplicationsApi.UserId(User), ct);
        return result.Succeeded ? Back(id, section) : await FailAsync(id, section, result.Problems, ct);
    }

    private async Task<IActionResult> EditAsync(Guid id, string section, CancellationToken ct, Func<ApplicationContent, object> edit)
    {
        if (await LoadAsync(id, section, ct) is { } early)
        {
            return early;
        }
        var made = edit(Application.Content);
        return made is SaveSection.Input input ? await SaveAsync(id, section, input, ct) : await FailAsync(id, section, (IReadOnlyList<Problem>)made, ct);
    }

    private async Task<IActionResult> SaveAsync(Guid id, string section, SaveSection.Input input, CancellationToken ct)
    {
        if (!Enum.TryParse<ApplicationSection>(section, true, out var parsed))
        {
            return NotFound();
        }
        var result = await save.HandleAsync(id, parsed, input, ApplicationsApi.UserId(User), ct: ct);
        return result.Succeeded ? Back(id, section) : await FailAsync(id, section, result.Problems, ct);
    }

    private async Task<IActionResult> FailAsync(Guid id, string section, IReadOnlyList<Problem> problems, CancellationToken ct)
    {
        if (ProblemAnswers.PageRefusal(problems) is { } refusal)
        {
            return refusal;
        }
        if (await LoadAsync(id, section, ct) is { } early)
        {
            return early;
        }
        Problems = problems;
        return Page();
    }

    private RedirectResult Back(Guid id, string section) => Redirect($"/applications/{id}/sections/{section.ToLowerInvariant()}?saved=1");

    private static List<Problem> Field(string field, string en, string zh) => [new Problem("required", new(en, zh), field)];

    private async Task<IActionResult?> LoadAsync(Guid id, string section, CancellationToken ct)
    {
        if (!Enum.TryParse<ApplicationSection>(section, true, out var parsed) || int.TryParse(section, out _))
        {
            return NotFound();
        }
        var found = await details.GetAsync(id, ApplicationsApi.UserId(User), ct);
        if (found is null)
        {
            return NotFound();
        }
        Application = found.Value.Dto;
        if (Application.State is not ("Draft" or "CorrectionRequested"))
        {
            return Redirect($"/applications/{id}");
        }
        Section = parsed;
        Cycle = await db.Cycles.AsNoTracking().FirstAsync(c => c.Year == Application.CycleYear, ct);
        var snapshot = await catalogue.InForceAsync(time.Today(), ct);
        Catalogue = snapshot?.ByCode ?? new Dictionary<string, CatalogueEntry>();
        if (parsed == ApplicationSection.Qualifications && !string.IsNullOrWhiteSpace(Q) && snapshot is not null)
        {
            Hits = snapshot.Search.Search(Q, 10);
        }
        if (parsed == ApplicationSection.Employer)
        {
            var approved = db.Employers.AsNoTracking().Where(e => e.Status == EmployerStatus.Approved);
            if (!string.IsNullOrWhiteSpace(Q))
            {
                var q = Q.Trim();
                var upper = q.ToUpperInvariant();
                approved = approved.Where(e => e.NameZh.Contains(q) || e.NameEn.ToLower().Contains(q.ToLower()) || e.CreditCode == upper);
                Employers = await approved.OrderBy(e => e.NameEn).Take(20).ToListAsync(ct);
            }
            if (Application.EmployerId is { } chosen)
            {
                ChosenEmployer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == chosen, ct);
            }
        }
        return null;
    }
}
