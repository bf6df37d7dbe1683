using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// Saves one section of the applicant's own application at once (save and return), while it is a draft
/// or under the one correction notice (policy.md §5.3). Each section is checked on its own; nothing is
/// saved when anything in it is wrong.
/// </summary>
public sealed class SaveSection(AppDbContext db, CatalogueSnapshots catalogue, ReferenceData reference, UnitOfWork unit, TimeProvider time,
    Infrastructure.Audit.AuditWriter audit)
{
    public const int MaxReportLength = 20000;
    public const int MaxItems = 50;

    /// <summary>The values of a section; only those of the section named are read.</summary>
    public record Input
    {
        public string? Level { get; init; }
        public string? Specialty { get; init; }
        public List<QualificationPart>? Qualifications { get; init; }
        public DegreePart? Degree { get; init; }
        public List<WorkPart>? Work { get; init; }
        public List<AchievementPart>? Achievements { get; init; }
        public string? Report { get; init; }
        public Guid? EmployerId { get; init; }
    }

    public async Task<Result<Application>> HandleAsync(Guid applicationId, ApplicationSection section, Input input, string applicantId, Guid? expectedStamp = null, CancellationToken ct = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.ApplicantId == applicantId, ct);
        if (application is null)
        {
            return Result<Application>.Failure(ApplicationProblems.NotFound);
        }
        if (!ApplicationProblems.IsEditable(application.State))
        {
            return Result<Application>.Failure(ApplicationProblems.NotEditable(application.State));
        }
        if (expectedStamp is { } stamp && stamp != application.ConcurrencyStamp)
        {
            return Result<Application>.Failure(ApplicationTransitions.Changed());
        }
        var content = ApplicationContent.Read(application.Content);
        var problems = new List<Problem>();
        switch (section)
        {
            case ApplicationSection.Target:
                var cycle = await db.Cycles.AsNoTracking().FirstAsync(c => c.Year == application.CycleYear, ct);
                if (string.IsNullOrWhiteSpace(input.Level) || !cycle.Levels.Contains(input.Level.Trim()))
                {
                    problems.Add(P("target.level", "level", "Choose one of the title levels this year's cycle accepts.", "请选择本年度接受申报的职称层级之一。"));
                }
                var specialty = input.Specialty?.Trim();
                if (string.IsNullOrEmpty(specialty) || !reference.Specialties.ContainsKey(specialty)
                    || (cycle.Specialties.Count > 0 && !cycle.Specialties.Contains(specialty)))
                {
                    problems.Add(P("target.specialty", "specialty", "Choose one of the specialties this year's cycle accepts.", "请选择本年度接受申报的专业之一。"));
                }
                if (problems.Count == 0)
                {
                    application.TargetLevel = input.Level!.Trim();
                    application.Specialty = specialty;
                }
                break;
            case ApplicationSection.Qualifications:
                var list = input.Qualifications ?? [];
                var snapshot = await catalogue.InForceAsync(time.Today(), ct);
                for (var i = 0; i < list.Count; i++)
                {
                    var q = list[i];
                    if (snapshot is null || string.IsNullOrWhiteSpace(q.Code) || !snapshot.ByCode.ContainsKey(q.Code.Trim()))
                    {
                        problems.Add(P("qualification.code", $"qualifications[{i}].code", "Choose the qualification from the catalogue.", "请从目录中选择该职业资格。"));
                    }
                    if (q.ObtainedOn > time.Today())
                    {
                        problems.Add(P("qualification.obtainedOn", $"qualifications[{i}].obtainedOn", "The date obtained cannot be in the future.", "取得日期不能晚于今天。"));
                    }
                    foreach (var (p, j) in (q.ValidityPeriods ?? []).Select((p, j) => (p, j)))
                    {
                        if (p.To < p.From)
                        {
                            problems.Add(P("qualification.period", $"qualifications[{i}].validityPeriods[{j}]", "A validity period must end on or after the day it starts.", "有效期的截止日期不能早于起始日期。"));
                        }
                    }
                    if (q.CertificateNumber is { Length: > 64 })
                    {
                        problems.Add(P("qualification.certificateNumber", $"qualifications[{i}].certificateNumber", "A certificate number has at most 64 characters.", "证书编号不超过 64 个字符。"));
                    }
                }
                if (list.Count > MaxItems)
                {
                    problems.Add(P("qualifications.tooMany", "qualifications", $"List at most {MaxItems} qualifications.", $"最多填写 {MaxItems} 项职业资格。"));
                }
                if (problems.Count == 0)
                {
                    content = content with { Qualifications = list.Select(q => q with { Code = q.Code.Trim(), ValidityPeriods = q.ValidityPeriods ?? [], CertificateNumber = q.CertificateNumber?.Trim() }).ToList() };
                }
                break;
            case ApplicationSection.Degree:
                var d = input.Degree;
                if (d is null || !DegreeLevels.TryParseCode(d.Level, out _))
                {
                    problems.Add(P("degree.level", "degree.level", "Choose the level of your highest degree.", "请选择最高学历的层次。"));
                }
                if (d is not null && d.AwardedOn > time.Today())
                {
                    problems.Add(P("degree.awardedOn", "degree.awardedOn", "The date awarded cannot be in the future.", "授予日期不能晚于今天。"));
                }
                if (d is not null && string.IsNullOrWhiteSpace(d.Institution))
                {
                    problems.Add(P("degree.institution", "degree.institution", "Enter the institution that awarded the degree.", "请填写授予学位的院校。"));
                }
                if (d is not null && string.IsNullOrWhiteSpace(d.Country))
                {
                    problems.Add(P("degree.country", "degree.country", "Enter the country or region of the institution.", "请填写院校所在国家或地区。"));
                }
                if (problems.Count == 0)
                {
                    content = content with { Degree = d! with { Institution = d.Institution.Trim(), Country = d.Country.Trim() } };
                }
                break;
            case ApplicationSection.Work:
                var work = input.Work ?? [];
                for (var i = 0; i < work.Count; i++)
                {
                    var w = work[i];
                    if (w.To is { } to && to < w.From)
                    {
                        problems.Add(P("work.period", $"work[{i}].to", "A period of work must end on or after the day it starts.", "工作经历的结束日期不能早于开始日期。"));
                    }
                    if (w.From > time.Today())
                    {
                        problems.Add(P("work.from", $"work[{i}].from", "The start date cannot be in the future.", "开始日期不能晚于今天。"));
                    }
                    if (string.IsNullOrWhiteSpace(w.Employer) || string.IsNullOrWhiteSpace(w.Position))
                    {
                        problems.Add(P("work.employer", $"work[{i}].employer", "Enter the employer and the position.", "请填写工作单位和职务。"));
                    }
                    if (string.IsNullOrWhiteSpace(w.Specialty) || !reference.Specialties.ContainsKey(w.Specialty))
                    {
                        problems.Add(P("work.specialty", $"work[{i}].specialty", "Choose the specialty of this work.", "请选择该工作经历的专业。"));
                    }
                    if (string.IsNullOrWhiteSpace(w.Country))
                    {
                        problems.Add(P("work.country", $"work[{i}].country", "Enter the country or region where you worked.", "请填写工作所在国家或地区。"));
                    }
                }
                if (problems.Count == 0)
                {
                    content = content with { Work = work };
                }
                break;
            case ApplicationSection.Achievements:
                var achievements = input.Achievements ?? [];
                for (var i = 0; i < achievements.Count; i++)
                {
                    var a = achievements[i];
                    if (!ApplicationCompleteness.AchievementKinds.Contains(a.Kind))
                    {
                        problems.Add(P("achievement.kind", $"achievements[{i}].kind", "Choose project, publication, patent or award.", "请选择项目、论文著作、专利或奖项。"));
                    }
                    if (string.IsNullOrWhiteSpace(a.Title))
                    {
                        problems.Add(P("achievement.title", $"achievements[{i}].title", "Enter the title of the achievement.", "请填写业绩成果的名称。"));
                    }
                    if (a.Year < 1950 || a.Year > time.Today().Year)
                    {
                        problems.Add(P("achievement.year", $"achievements[{i}].year", $"Enter a year from 1950 to {time.Today().Year}.", $"请填写 1950 至 {time.Today().Year} 之间的年份。"));
                    }
                }
                if (problems.Count == 0)
                {
                    content = content with { Achievements = achievements };
                }
                break;
            case ApplicationSection.Report:
                if ((input.Report?.Length ?? 0) > MaxReportLength)
                {
                    problems.Add(P("report.tooLong", "report", $"The report can have at most {MaxReportLength} characters.", $"工作总结不超过 {MaxReportLength} 个字符。"));
                }
                else
                {
                    content = content with { Report = input.Report };
                }
                break;
            case ApplicationSection.Employer:
                var employer = input.EmployerId is { } employerId
                    ? await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employerId && e.Status == EmployerStatus.Approved, ct)
                    : null;
                if (employer is null)
                {
                    problems.Add(P("employer.notApproved", "employerId", "Choose your employer from the employers the bureau has approved.", "请从人社部门已审核通过的用人单位中选择。"));
                }
                else
                {
                    application.EmployerId = employer.Id;
                }
                break;
            default:
                problems.Add(P("section.unknown", "section", "Documents are added and removed one by one.", "证明材料需逐个上传和删除。"));
                break;
        }
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<Application>.Failure(problems);
        }
        application.Content = content.Write();
        application.UpdatedAt = time.GetUtcNow();
        application.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(new Infrastructure.Audit.ApplicationSectionSaved(application.Id, section.ToString()));
        if (application.State == ApplicationState.CorrectionRequested)
        {
            // Corrections are part of the file's history (policy.md §5.3); drafting is not.
            unit.Record(application, Actor.Applicant, applicantId, "SectionCorrected", new { section = section.ToString() });
        }
        return await unit.CommitAsync(application, ct);
    }

    private static Problem P(string code, string field, string en, string zh) => new(code, new(en, zh), field);
}
