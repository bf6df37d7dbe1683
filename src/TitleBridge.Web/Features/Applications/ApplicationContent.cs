using System.Text.Json;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// The parts of an application as the applicant enters them (policy.md §5.1): qualifications with
/// validity and renewals, degree, work history (overseas counts equally), achievements, the
/// professional report. Stored as one JSON document on <see cref="Data.Application.Content"/>.
/// </summary>
public sealed record ApplicationContent
{
    public List<QualificationPart> Qualifications { get; init; } = [];
    public DegreePart? Degree { get; init; }
    public List<WorkPart> Work { get; init; } = [];
    public List<AchievementPart> Achievements { get; init; } = [];
    public string? Report { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ApplicationContent Read(string json) =>
        JsonSerializer.Deserialize<ApplicationContent>(string.IsNullOrWhiteSpace(json) ? "{}" : json, Json) ?? new();

    public string Write() => JsonSerializer.Serialize(this, Json);

    /// <summary>The facts the eligibility engine reads, for the cycle's evaluation and counting date.</summary>
    public EligibilityRequest ToEligibilityRequest(DateOnly evaluationDate, DateOnly countUntil) => new(
        evaluationDate,
        Qualifications.Select(q => new QualificationHeld(q.Code, q.ObtainedOn,
            q.ValidityPeriods.Count == 0 ? null : q.ValidityPeriods.Select(p => new ValidityPeriod(p.From, p.To)).ToList())).ToList(),
        Degree is null ? null : new DegreeHeld(Degree.Level, Degree.AwardedOn),
        Work.Select(w => new WorkPeriod(w.From, w.To, w.Specialty, w.InGuangzhou, w.FullTime, w.Country)).ToList(),
        null,
        countUntil);
}

public sealed record PeriodPart(DateOnly From, DateOnly To);

public sealed record QualificationPart(string Code, DateOnly ObtainedOn, List<PeriodPart> ValidityPeriods, string? CertificateNumber = null);

/// <summary>The highest degree; an overseas degree needs its certification (学历认证) among the documents.</summary>
public sealed record DegreePart(string Level, DateOnly AwardedOn, string Institution, string Country, bool Overseas);

public sealed record WorkPart(DateOnly From, DateOnly? To, string Employer, string Position, string Specialty, string Country, bool InGuangzhou, bool FullTime);

/// <summary>Projects, publications, patents, awards — overseas ones count equally (policy.md §5.1).</summary>
public sealed record AchievementPart(string Kind, string Title, int Year, bool Overseas, string Details);

/// <summary>The sections of the application's task list.</summary>
public enum ApplicationSection
{
    Target,
    Qualifications,
    Degree,
    Work,
    Achievements,
    Report,
    Employer,
    Documents,
}

public enum SectionStatus
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>What a complete application needs, section by section; the same checks the task list shows and submission enforces.</summary>
public static class ApplicationCompleteness
{
    public const int MinReportLength = 200;
    public static readonly string[] AchievementKinds = ["project", "publication", "patent", "award"];

    public static SectionStatus Status(ApplicationSection section, Data.Application application, ApplicationContent content, IReadOnlyCollection<string> documentParts) => section switch
    {
        ApplicationSection.Target => application.TargetLevel is not null && application.Specialty is not null ? SectionStatus.Completed
            : application.TargetLevel is not null || application.Specialty is not null ? SectionStatus.InProgress : SectionStatus.NotStarted,
        ApplicationSection.Qualifications => content.Qualifications.Count > 0 ? SectionStatus.Completed : SectionStatus.NotStarted,
        ApplicationSection.Degree => content.Degree is not null ? SectionStatus.Completed : SectionStatus.NotStarted,
        ApplicationSection.Work => content.Work.Count > 0 ? SectionStatus.Completed : SectionStatus.NotStarted,
        ApplicationSection.Achievements => content.Achievements.Count > 0 ? SectionStatus.Completed : SectionStatus.NotStarted,
        ApplicationSection.Report => (content.Report?.Trim().Length ?? 0) >= MinReportLength ? SectionStatus.Completed
            : string.IsNullOrWhiteSpace(content.Report) ? SectionStatus.NotStarted : SectionStatus.InProgress,
        ApplicationSection.Employer => application.EmployerId is not null ? SectionStatus.Completed : SectionStatus.NotStarted,
        ApplicationSection.Documents => MissingDocuments(content, documentParts).Count == 0 ? SectionStatus.Completed
            : documentParts.Count > 0 ? SectionStatus.InProgress : SectionStatus.NotStarted,
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };

    /// <summary>Documents every application needs: proof of each qualification's validity; the degree, with certification if overseas; identity.</summary>
    public static IReadOnlyList<string> MissingDocuments(ApplicationContent content, IReadOnlyCollection<string> documentParts)
    {
        var missing = new List<string>();
        if (!documentParts.Contains("identity"))
        {
            missing.Add("identity");
        }
        if (content.Qualifications.Count > 0 && !documentParts.Contains("qualification"))
        {
            missing.Add("qualification");
        }
        if (content.Degree is not null && !documentParts.Contains("degree"))
        {
            missing.Add("degree");
        }
        if (content.Degree is { Overseas: true } && !documentParts.Contains("degree-certification"))
        {
            missing.Add("degree-certification");
        }
        return missing;
    }

    /// <summary>Every section not complete, as problems naming the section.</summary>
    public static IReadOnlyList<Problem> Problems(Data.Application application, ApplicationContent content, IReadOnlyCollection<string> documentParts) =>
        Enum.GetValues<ApplicationSection>()
            .Where(s => Status(s, application, content, documentParts) != SectionStatus.Completed)
            .Select(s => new Problem($"section.{s.ToString().ToLowerInvariant()}", SectionNames[s] with { }, s.ToString().ToLowerInvariant()))
            .Select(p => p with { Message = new BilingualText($"Complete the section “{p.Message.En}”.", $"请完成“{p.Message.Zh}”部分。") })
            .ToList();

    public static readonly IReadOnlyDictionary<ApplicationSection, BilingualText> SectionNames = new Dictionary<ApplicationSection, BilingualText>
    {
        [ApplicationSection.Target] = new("Title level and specialty", "申报层级和专业"),
        [ApplicationSection.Qualifications] = new("Overseas qualifications", "境外职业资格"),
        [ApplicationSection.Degree] = new("Degree", "学历"),
        [ApplicationSection.Work] = new("Work history", "工作经历"),
        [ApplicationSection.Achievements] = new("Achievements", "业绩成果"),
        [ApplicationSection.Report] = new("Professional and technical report", "专业技术工作总结"),
        [ApplicationSection.Employer] = new("Employer", "用人单位"),
        [ApplicationSection.Documents] = new("Documents", "证明材料"),
    };

    public static bool IsCatalogueLevel(string? code) => TitleLevels.TryParseCode(code, out _);
}
