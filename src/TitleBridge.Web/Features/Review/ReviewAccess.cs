using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Review;

/// <summary>Who the signed-in expert is, and the conflicts in force between experts and files.</summary>
public sealed class ReviewAccess(AppDbContext db, RuleSetStore rules, TimeProvider time)
{
    public async Task<Expert?> CurrentExpertAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null || !user.IsInRole(Roles.Expert) ? null : await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == id, ct);
    }

    public async Task<RuleSet> RulesAsync(CancellationToken ct) =>
        await rules.InForceAsync(time.Today(), ct) ?? throw new InvalidOperationException("No rule set is in force.");

    public static ExpertConflictFacts FactsOf(Expert expert) => new(expert.Id.ToString(), new EmployerIdentity(expert.EmployerName, expert.EmployerCreditCode));

    /// <summary>The file as conflicts see it: its work history, the endorsing employer (both names, its code) and earlier readers.</summary>
    public async Task<FileConflictFacts> FactsOfAsync(Application application, CancellationToken ct)
    {
        var content = ApplicationContent.Read(application.Content);
        var employer = application.EmployerId is { } eid ? await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid, ct) : null;
        var history = content.Work.Select(w => new EmploymentPeriod(new EmployerIdentity(w.Employer, null), w.From, w.To)).ToList();
        // Readers of an earlier round of this file (a re-examination): the experts recorded when it was
        // requested, and assignments of any committee but the latest one to assign it (the round in progress).
        var rounds = await RoundsAsync(application.Id, ct);
        var earlier = rounds.Earlier.Select(e => e.ToString()).ToHashSet();
        earlier.UnionWith(Results.Reexamination.EarlierReviewersOf(application));
        return new FileConflictFacts(
            application.Id.ToString(),
            history,
            employer is null ? null : new EmployerIdentity(employer.NameZh, employer.CreditCode),
            earlier);
    }

    /// <summary>A file's review groups: the committee of the latest (the round in progress or last decided), its experts, and the experts of earlier rounds.</summary>
    public sealed record Rounds(Guid LatestCommittee, IReadOnlyList<Guid> Latest, IReadOnlyList<Guid> Earlier);

    public async Task<Rounds> RoundsAsync(Guid applicationId, CancellationToken ct)
    {
        var rows = await db.ReviewAssignments.AsNoTracking().Where(r => r.ApplicationId == applicationId)
            .OrderBy(r => r.Id).Select(r => new { r.ExpertId, r.CommitteeId }).ToListAsync(ct);
        var latest = rows.Count > 0 ? rows[^1].CommitteeId : Guid.Empty;
        return new(latest, rows.Where(r => r.CommitteeId == latest).Select(r => r.ExpertId).ToList(),
            rows.Where(r => r.CommitteeId != latest).Select(r => r.ExpertId).ToList());
    }

    public async Task<IReadOnlyList<Conflict>> ConflictsAsync(Expert expert, Application application, CancellationToken ct)
    {
        var ruleSet = await RulesAsync(ct);
        var facts = await FactsOfAsync(application, ct);
        var recorded = await RecordedAsync(expert.Id, application.Id, ct);
        var found = ConflictFinder.Find(FactsOf(expert), facts, time.Today(), ruleSet.Review.ConflictLookbackYears.Value, recorded).ToList();
        if (application.EmployerId is { } eid && await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid, ct) is { } employer
            && string.IsNullOrWhiteSpace(expert.EmployerCreditCode) && found.All(c => c.Kind != ConflictKind.EndorsingEmployer))
        {
            var english = facts with { WorkHistory = [], EarlierReaders = new HashSet<string>(), EndorsingEmployer = new EmployerIdentity(employer.NameEn, null) };
            found.AddRange(ConflictFinder.Find(FactsOf(expert), english, time.Today(), 0, recorded.Where(r => r.Lifted)).Where(c => c.Kind == ConflictKind.EndorsingEmployer));
        }
        return found;
    }

    private async Task<List<RecordedConflict>> RecordedAsync(Guid expertId, Guid applicationId, CancellationToken ct) =>
        (await db.Conflicts.AsNoTracking().Where(c => c.ExpertId == expertId && c.ApplicationId == applicationId).OrderBy(c => c.Id).ToListAsync(ct))
        .Select(c => new RecordedConflict(Enum.Parse<ConflictKind>(c.Kind), c.Lifted, c.Note)).ToList();

    public async Task<bool> IsConflictedAsync(Expert expert, Application application, CancellationToken ct) =>
        (await ConflictsAsync(expert, application, ct)).Count > 0;
}

/// <summary>Who read a file in an earlier review group: the experts of its stored review groups (re-examination, policy.md §5.7).</summary>
public sealed class ReviewFileReviewers(AppDbContext db) : Results.IFileReviewers
{
    public async Task<IReadOnlyList<string>> ExpertIdsAsync(Guid applicationId, CancellationToken ct = default) =>
        (await db.ReviewAssignments.AsNoTracking().Where(r => r.ApplicationId == applicationId).Select(r => r.ExpertId).Distinct().ToListAsync(ct))
        .Select(id => id.ToString()).Order(StringComparer.Ordinal).ToList();
}
