using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Review;

/// <summary>
/// The office recuses an expert it finds conflicted, or lifts a detected conflict it judges not to be one,
/// always with a reason and an audit event (policy.md §5.4: "the office must also recuse one it finds").
/// An expert's own declaration cannot be lifted by the office.
/// </summary>
public sealed class OfficerConflicts(AppDbContext db, ReviewAccess access, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public sealed record ConflictView(Expert Expert, IReadOnlyList<Conflict> Conflicts);

    public async Task<Result<IReadOnlyList<Conflict>>> RecordAsync(Guid expertId, Guid applicationId, bool lift, string? kind, string? reason, string officer, CancellationToken ct)
    {
        var expert = await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.Id == expertId, ct);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (expert is null || application is null)
        {
            return Result<IReadOnlyList<Conflict>>.Failure(ReviewProblems.NotFound());
        }
        var text = reason?.Trim() ?? "";
        var problems = new List<Problem>();
        if (text.Length is 0 or > 1000)
        {
            problems.Add(new Problem("required", new("Give the reason (1000 characters at most).", "请填写理由（最多 1000 个字符）。"), "reason"));
        }
        ConflictKind parsed = ConflictKind.AddedByOfficer;
        if (lift && (!Enum.TryParse(kind, ignoreCase: true, out parsed) || parsed == ConflictKind.Declared || !Enum.IsDefined(parsed)))
        {
            problems.Add(new Problem("invalid", new("Choose the conflict to lift; an expert's own declaration cannot be lifted.", "请选择要解除的回避情形；专家本人申报的不能解除。"), "kind"));
        }
        else if (lift && (await access.ConflictsAsync(expert, application, ct)).All(c => c.Kind != parsed))
        {
            problems.Add(new Problem("invalid", new("There is no such conflict in force.", "没有该项回避情形。"), "kind"));
        }
        if (problems.Count > 0)
        {
            return Result<IReadOnlyList<Conflict>>.Failure(problems);
        }
        var now = time.GetUtcNow();
        db.Conflicts.Add(new ConflictRecord { ExpertId = expertId, ApplicationId = applicationId, Kind = (lift ? parsed : ConflictKind.AddedByOfficer).ToString(), Lifted = lift, Note = text, RecordedBy = officer, RecordedAt = now });
        audit.Add(lift ? new Infrastructure.Audit.ConflictLifted(applicationId, expertId, parsed.ToString()) : new Infrastructure.Audit.ConflictAdded(applicationId, expertId, nameof(ConflictKind.AddedByOfficer)), text);
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<Conflict>>.Success(await access.ConflictsAsync(expert, application, ct));
    }
}
