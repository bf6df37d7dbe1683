using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using TitleBridge.Domain.Eligibility;

namespace TitleBridge.Web.Features.Eligibility;

/// <summary>What a person has told the "Check if you can apply" journey so far.</summary>
public sealed record CheckAnswers
{
    public List<QualificationAnswer> Qualifications { get; init; } = [];
    public DegreeAnswer? Degree { get; init; }
    public List<WorkAnswer> Work { get; init; } = [];
    public List<TitleAnswer> Titles { get; init; } = [];
    public bool TitlesAnswered { get; init; }
    public DateOnly? EvaluationDate { get; init; }

    public EligibilityRequest ToRequest() => new(
        EvaluationDate,
        Qualifications.Select(q => new QualificationHeld(q.Code, q.ObtainedOn,
            q.Renewals.Count == 0 ? null : q.Renewals.Select(r => new ValidityPeriod(r.From, r.To)).ToList())).ToList(),
        Degree is null ? null : new DegreeHeld(Degree.Level, Degree.AwardedOn),
        Work.Select(w => new WorkPeriod(w.From, w.To, w.Specialty, w.InGuangzhou, w.FullTime, w.Country)).ToList(),
        Titles.Select(t => new TitleHeld(t.Level, t.ObtainedOn)).ToList());
}

public sealed record QualificationAnswer(string Code, DateOnly ObtainedOn, List<PeriodAnswer> Renewals);

public sealed record PeriodAnswer(DateOnly From, DateOnly To);

public sealed record DegreeAnswer(string Level, DateOnly AwardedOn);

public sealed record WorkAnswer(DateOnly From, DateOnly? To, string Specialty, bool InGuangzhou, bool FullTime, string Country);

public sealed record TitleAnswer(string Level, DateOnly ObtainedOn);

/// <summary>
/// Keeps the journey's answers in an encrypted cookie (data-protection keys are in the database), so
/// the check needs no account, stores nothing on the server and works on any instance.
/// </summary>
public sealed class CheckJourneyStore(IDataProtectionProvider protection)
{
    public const string CookieName = "tb.check";
    public const int MaxQualifications = 10;
    public const int MaxWorkPeriods = 20;
    private readonly IDataProtector _protector = protection.CreateProtector("TitleBridge.CheckJourney.v1");

    public CheckAnswers Load(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return new CheckAnswers();
        }
        try
        {
            return JsonSerializer.Deserialize<CheckAnswers>(_protector.Unprotect(value)) ?? new CheckAnswers();
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return new CheckAnswers(); // an old or tampered cookie starts the journey again
        }
    }

    public void Save(HttpContext http, CheckAnswers answers) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(answers)), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Expires = DateTimeOffset.UtcNow.AddDays(7),
        });

    public void Clear(HttpContext http) => http.Response.Cookies.Delete(CookieName);
}
