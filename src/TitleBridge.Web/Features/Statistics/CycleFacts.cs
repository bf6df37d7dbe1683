using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Catalogue;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Statistics;

/// <summary>
/// What the statistics count about one submitted application: no name, no identity number, no content beyond
/// the classification of its first qualification (sector and country or region of the catalogue entry).
/// </summary>
public sealed record ApplicationFact(
    Guid Id,
    string? Reference,
    ApplicationState State,
    string Level,
    string Sector,
    string Specialty,
    string CountryRegion,
    DateOnly SubmittedOn,
    bool CorrectionRequested,
    DateOnly? PrePublicityLastDay,
    DateOnly? CorrectionDueOn,
    DateOnly? ResultPublicityLastDay,
    IReadOnlyList<(ApplicationState State, DateTimeOffset At)> Entered)
{
    public const string Unknown = "unknown";

    /// <summary>A title was granted: the result was confirmed (policy.md §5.6), with or without its certificate yet.</summary>
    public bool Granted => State is ApplicationState.Confirmed or ApplicationState.CertificateIssued;

    /// <summary>
    /// The outcome of the file's latest plenary vote (policy.md §5.4): true when it passed (the file entered Voted),
    /// false when it failed (Rejected straight from InReview — a refusal at intake is no vote), null when no vote was
    /// held. A re-examination's vote replaces the first; what happened after a passing vote (publicity, an upheld
    /// objection, a revocation) does not change how the vote went.
    /// </summary>
    public bool? LastVotePassed
    {
        get
        {
            for (var i = Entered.Count - 1; i >= 0; i--)
            {
                if (Entered[i].State == ApplicationState.Voted)
                {
                    return true;
                }
                if (Entered[i].State == ApplicationState.Rejected && i > 0 && Entered[i - 1].State == ApplicationState.InReview)
                {
                    return false;
                }
            }
            return null;
        }
    }
}

/// <summary>Loads the facts of every submitted application of a cycle (drafts are nobody's statistics).</summary>
public sealed class CycleFacts(AppDbContext db, CatalogueSnapshots catalogue, TimeProvider time)
{
    public async Task<IReadOnlyList<ApplicationFact>> LoadAsync(int cycle, CancellationToken ct = default)
    {
        var snapshot = await catalogue.InForceAsync(time.Today(), ct);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.CycleYear == cycle && a.State != ApplicationState.Draft && a.SubmittedAt != null)
            .Select(a => new { a.Id, a.Reference, a.State, a.TargetLevel, a.Specialty, a.Content, a.SubmittedAt, a.CorrectionRequested, a.PrePublicityLastDay, a.CorrectionDueOn, a.ResultPublicityLastDay })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var events = (await db.ApplicationEvents.AsNoTracking()
                .Where(e => ids.Contains(e.ApplicationId) && e.ToState != null)
                .Select(e => new { e.ApplicationId, e.ToState, e.At, e.Id })
                .ToListAsync(ct))
            .GroupBy(e => e.ApplicationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(ApplicationState, DateTimeOffset)>)g.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => (e.ToState!.Value, e.At)).ToList());
        return rows.Select(r =>
        {
            var code = ApplicationContent.Read(r.Content).Qualifications.FirstOrDefault()?.Code;
            var entry = code is not null && snapshot?.ByCode.TryGetValue(code, out var e) == true ? e : null;
            return new ApplicationFact(r.Id, r.Reference, r.State, r.TargetLevel ?? ApplicationFact.Unknown,
                entry?.Sector ?? ApplicationFact.Unknown, r.Specialty ?? ApplicationFact.Unknown, entry?.CountryRegion ?? ApplicationFact.Unknown,
                DateOnly.FromDateTime(r.SubmittedAt!.Value.ToOffset(GuangzhouClock.Offset).DateTime), r.CorrectionRequested,
                r.PrePublicityLastDay, r.CorrectionDueOn, r.ResultPublicityLastDay, events.GetValueOrDefault(r.Id) ?? []);
        }).ToList();
    }
}
