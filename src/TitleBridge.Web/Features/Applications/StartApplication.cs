using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// Starts a draft in the cycle open today (policy.md §5: applications start only while the window is
/// open), one per applicant per cycle: starting again returns the draft already there.
/// </summary>
public sealed class StartApplication(AppDbContext db, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public sealed record Started(Guid Id, bool Existing);

    public async Task<Result<Started>> HandleAsync(string applicantId, CancellationToken ct = default)
    {
        var today = time.Today();
        var cycles = await db.Cycles.AsNoTracking().ToListAsync(ct);
        var cycle = cycles.Where(c => c.IsOpenOn(today)).OrderByDescending(c => c.Year).FirstOrDefault();
        if (cycle is null)
        {
            var next = cycles.Where(c => c.OpensOn > today).OrderBy(c => c.OpensOn).FirstOrDefault();
            return Result<Started>.Failure(new Problem("cycle.closed", next is null
                ? new("No evaluation cycle is open for applications today.", "今天没有正在接受申报的评审年度。")
                : new($"No cycle is open today; applications for {next.Year} open on {next.OpensOn:yyyy-MM-dd}.",
                    $"今天不在申报期内；{next.Year} 年度的申报将于 {next.OpensOn:yyyy-MM-dd} 开始。")) { Kind = ProblemKind.Conflict });
        }
        if (await Certificates.IntegrityBar.CheckAsync(db, applicantId, today, ct) is { } barred)
        {
            return Result<Started>.Failure(barred);
        }
        var existing = await db.Applications.AsNoTracking()
            .Where(a => a.ApplicantId == applicantId && a.CycleYear == cycle.Year)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return Result<Started>.Success(new Started(id, true));
        }
        var now = time.GetUtcNow();
        var application = new Application { ApplicantId = applicantId, CycleYear = cycle.Year, CreatedAt = now, UpdatedAt = now };
        db.Applications.Add(application);
        audit.Add(new Infrastructure.Audit.ApplicationStarted(application.Id, cycle.Year));
        await db.SaveChangesAsync(ct);
        return Result<Started>.Success(new Started(application.Id, false));
    }
}
