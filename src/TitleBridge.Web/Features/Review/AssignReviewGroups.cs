using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Calendar;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Review;

/// <summary>
/// Review groups (评议组, policy.md §5.4) for a committee's accepted files: the officer asks for a
/// proposal (solved exactly by <see cref="ReviewGroupSolver"/>; an infeasible one explains itself and
/// writes nothing), may swap one expert with a reason (checked for conflicts, specialty and cap), and
/// confirms: the groups are written, each file fires StartReview, and the experts are told their due date.
/// The stored proposal carries its whole input, the solver, the objective and every swap.
/// </summary>
public sealed class AssignReviewGroups(
    AppDbContext db, Committees committees, ReviewAccess access, ReferenceData reference, UnitOfWork unit,
    WorkingCalendar calendar, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public sealed record StoredSwap(string FileId, string OutExpertId, string InExpertId, string Reason, string By, DateTimeOffset At);

    public sealed record StoredAssignment(
        AssignmentInputDto Input, string Solver, string Seed, long Objective, int SameKeyPlaces, int SameGroupPlaces,
        Dictionary<string, List<AssignedDto>> Groups, List<StoredSwap> Swaps, DateTimeOffset ProposedAt, string ProposedBy);

    public sealed record AssignedDto(string ExpertId, string Match);

    public sealed record AssignmentInputDto(
        List<AssignmentFile> Files, List<ExpertDto> Experts, List<string[]> Conflicts, int GroupSize, int LoadCap, AssignmentCosts Costs)
    {
        public AssignmentInput ToDomain() => new(Files, Experts.Select(e => new AssignmentExpert(e.Id, e.Specialties)).ToList(),
            Conflicts.Select(c => (c[0], c[1])).ToHashSet(), GroupSize, LoadCap, Costs);
    }

    public sealed record ExpertDto(string Id, List<ExpertSpecialty> Specialties);

    public static StoredAssignment? Read(Committee c) =>
        c.Assignment is null ? null : JsonSerializer.Deserialize<StoredAssignment>(c.Assignment, Committees.Json);

    private static ReviewGroups ToDomain(StoredAssignment s) => new(
        s.Groups.ToDictionary(g => g.Key, g => (IReadOnlyList<AssignedExpert>)g.Value.Select(a => new AssignedExpert(a.ExpertId, a.Match == "same-key" ? MatchKind.SameKey : MatchKind.SameGroup)).ToList()),
        s.Objective, s.SameKeyPlaces, s.SameGroupPlaces,
        s.Groups.Values.SelectMany(g => g).GroupBy(a => a.ExpertId).ToDictionary(g => g.Key, g => g.Count()));

    private static Dictionary<string, List<AssignedDto>> Groups(ReviewGroups g) =>
        g.ByFile.ToDictionary(p => p.Key, p => p.Value.Select(a => new AssignedDto(a.ExpertId, a.Match == MatchKind.SameKey ? "same-key" : "same-group")).ToList());

    public async Task<Result<StoredAssignment>> ProposeAsync(Guid committeeId, string officer, CancellationToken ct)
    {
        if (await db.Committees.FirstOrDefaultAsync(c => c.Id == committeeId, ct) is not { } committee)
        {
            return Result<StoredAssignment>.Failure(ReviewProblems.NotFound());
        }
        if (committee.AssignmentConfirmed)
        {
            return Result<StoredAssignment>.Failure(ReviewProblems.State("The assignment of this committee is already confirmed.", "本委员会的评议分组已确认。"));
        }
        var rules = await access.RulesAsync(ct);
        var members = await committees.ActiveMembersAsync(committeeId, ct);
        var files = await committees.FilesAsync(committee, Committees.AwaitingReviewGroups, ct);
        if (files.Count == 0)
        {
            return Result<StoredAssignment>.Failure(ReviewProblems.State("No accepted file or re-examination waits for this committee.", "没有等待本委员会评审的已受理申请或复查申请。"));
        }
        var conflicts = new List<string[]>();
        foreach (var file in files)
        {
            foreach (var m in members)
            {
                if (await access.IsConflictedAsync(m.Expert, file, ct))
                {
                    conflicts.Add([m.Expert.Id.ToString(), file.Id.ToString()]);
                }
            }
        }
        var input = new AssignmentInputDto(
            files.Select(f => new AssignmentFile(f.Id.ToString(), f.Specialty!, reference.Specialties.GetValueOrDefault(f.Specialty!) ?? "")).ToList(),
            members.Select(m => new ExpertDto(m.Expert.Id.ToString(), m.Expert.Specialties.Select(s => new ExpertSpecialty(s, reference.Specialties.GetValueOrDefault(s) ?? "")).ToList())).ToList(),
            conflicts, rules.Review.ReviewGroupSize.Value, rules.Review.MaxFilesPerExpert.Value, rules.Review.AssignmentCosts.Value);
        var solved = ReviewGroupSolver.Solve(input.ToDomain());
        if (!solved.Succeeded)
        {
            return Result<StoredAssignment>.Failure([Problem.Unprocessable(ReviewProblems.InfeasibleCode, new(
                "No assignment gives every file its review group; nothing was saved.", "无法为每份申请组成评议组，未保存任何内容。")), .. solved.Problems]);
        }
        var now = time.GetUtcNow();
        var stored = new StoredAssignment(input, ReviewGroups.Solver, "none: min-cost flow is deterministic, files and experts in id order",
            solved.Value.Objective, solved.Value.SameKeyPlaces, solved.Value.SameGroupPlaces, Groups(solved.Value), [], now, officer);
        committee.Assignment = JsonSerializer.Serialize(stored, Committees.Json);
        committee.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(new Infrastructure.Audit.ReviewGroupsProposed(committeeId, solved.Value.Objective, files.Count));
        await db.SaveChangesAsync(ct);
        return Result<StoredAssignment>.Success(stored);
    }

    public async Task<Result<StoredAssignment>> SwapAsync(Guid committeeId, Guid applicationId, Guid outExpertId, Guid? inExpertId, string? reason, string officer, CancellationToken ct)
    {
        if (await db.Committees.FirstOrDefaultAsync(c => c.Id == committeeId, ct) is not { } committee || Read(committee) is not { } stored)
        {
            return Result<StoredAssignment>.Failure(ReviewProblems.NotFound());
        }
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > 1000)
        {
            return Result<StoredAssignment>.Failure(new Problem("required", new("Give the reason for the swap (1000 characters at most).", "请填写调整理由（最多 1000 个字符）。"), "reason"));
        }
        if (committee.AssignmentConfirmed)
        {
            return Result<StoredAssignment>.Failure(ReviewProblems.State("The assignment is confirmed; it can no longer be changed.", "评议分组已确认，不能再调整。"));
        }
        var input = stored.Input.ToDomain();
        // Conflicts declared or added since the proposal count too.
        if (inExpertId is { } iid && await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.Id == iid, ct) is { } incoming
            && await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct) is { } file
            && await access.IsConflictedAsync(incoming, file, ct))
        {
            input = input with { Conflicts = new HashSet<(string, string)>(input.Conflicts) { (iid.ToString(), applicationId.ToString()) } };
        }
        var swapped = ReviewGroupSolver.Swap(input, ToDomain(stored), applicationId.ToString(), outExpertId.ToString(), inExpertId?.ToString() ?? "");
        if (!swapped.Succeeded)
        {
            return Result<StoredAssignment>.Failure(swapped.Problems);
        }
        var now = time.GetUtcNow();
        var next = stored with
        {
            Groups = Groups(swapped.Value), Objective = swapped.Value.Objective, SameKeyPlaces = swapped.Value.SameKeyPlaces, SameGroupPlaces = swapped.Value.SameGroupPlaces,
            Swaps = [.. stored.Swaps, new StoredSwap(applicationId.ToString(), outExpertId.ToString(), inExpertId!.Value.ToString(), text, officer, now)],
        };
        committee.Assignment = JsonSerializer.Serialize(next, Committees.Json);
        audit.Add(new Infrastructure.Audit.ReviewGroupSwapped(applicationId, committeeId, outExpertId, inExpertId!.Value), text);
        await db.SaveChangesAsync(ct);
        return Result<StoredAssignment>.Success(next);
    }

    public async Task<Result<StoredAssignment>> ConfirmAsync(Guid committeeId, string officer, Actor actor, CancellationToken ct)
    {
        if (await db.Committees.FirstOrDefaultAsync(c => c.Id == committeeId, ct) is not { } committee || Read(committee) is not { } stored)
        {
            return Result<StoredAssignment>.Failure(ReviewProblems.NotFound());
        }
        if (committee.AssignmentConfirmed)
        {
            return Result<StoredAssignment>.Failure(ReviewProblems.State("The assignment of this committee is already confirmed.", "本委员会的评议分组已确认。"));
        }
        var rules = await access.RulesAsync(ct);
        var due = (await calendar.CurrentAsync(ct)).AddWorkingDays(time.Today(), rules.Review.ReviewWorkingDays.Value);
        if (!due.Succeeded)
        {
            return Result<StoredAssignment>.Failure(due.Problems);
        }
        // One unit: every file's assignments and StartReview, the experts' emails and the committee, in one commit.
        var experts = await db.Experts.AsNoTracking().ToDictionaryAsync(e => e.Id.ToString(), ct);
        var perExpert = new Dictionary<string, int>();
        foreach (var (fileId, group) in stored.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == Guid.Parse(fileId), ct);
            if (application is null)
            {
                unit.Discard();
                return Result<StoredAssignment>.Failure(ReviewProblems.NotFound());
            }
            foreach (var a in group)
            {
                if (await access.IsConflictedAsync(experts[a.ExpertId], application, ct))
                {
                    unit.Discard();
                    return Result<StoredAssignment>.Failure(Problem.Unprocessable("assignment.conflict-since", new(
                        $"{experts[a.ExpertId].NameEn} now has a conflict with {application.Reference}: swap them first.",
                        $"{experts[a.ExpertId].NameZh} 现与 {application.Reference} 存在回避情形，请先调整。"), a.ExpertId));
                }
                db.ReviewAssignments.Add(new ReviewAssignment { CommitteeId = committeeId, ApplicationId = application.Id, ExpertId = Guid.Parse(a.ExpertId), Match = a.Match, DueOn = due.Value });
                perExpert[a.ExpertId] = perExpert.GetValueOrDefault(a.ExpertId) + 1;
            }
            var fired = unit.Fire(application, ApplicationTrigger.StartReview, actor, officer,
                data: new { committee = committeeId, dueOn = due.Value }, facts: c => c with { ReviewGroupAssigned = true });
            if (!fired.Succeeded)
            {
                return Result<StoredAssignment>.Failure(fired.Problems);
            }
        }
        foreach (var (expertId, count) in perExpert)
        {
            var e = experts[expertId];
            unit.Email(new EmailRecipient(e.Email, e.PreferredCulture == Localization.English ? e.NameEn : e.NameZh, e.PreferredCulture), new ReviewGroupConfirmed(count, due.Value));
        }
        committee.AssignmentConfirmed = true;
        committee.ReviewDueOn = due.Value;
        audit.Add(new Infrastructure.Audit.ReviewGroupsConfirmed(committeeId, stored.Objective, due.Value, stored.Groups.Count));
        return await unit.CommitAsync(stored, ct);
    }
}
