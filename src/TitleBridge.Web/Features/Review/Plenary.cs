using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Review;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<VoteChoice>))]
public enum VoteChoice
{
    Yes,
    No,
    Abstain,
}

/// <summary>
/// The plenary meeting (评审会议, policy.md §5.4): scheduled with an agenda of files whose review groups
/// have all submitted; attendance recorded; a ballot per file opened only with a quorum and a committee
/// that meets the size rules; each present, non-recused member votes once; closing applies
/// 3 × yes ≥ 2 × present (passFraction) and fires RecordPassingVote or RecordFailingVote.
/// Anonymous by construction (docs/decisions/0020-anonymous-ballot.md): a vote inserts (ballot, expert)
/// into BallotVoters and adds one to a count of the Ballot row in the same transaction — nothing else.
/// </summary>
public sealed class Plenary(AppDbContext db, Committees committees, ReviewAccess access, UnitOfWork unit, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public sealed record AgendaItem(Application Application, Ballot Ballot, IReadOnlyList<ReviewOpinion> Opinions, int RecusedPresent);

    public sealed record MeetingView(Meeting Meeting, Committee Committee, IReadOnlyList<Committees.MemberView> Members, IReadOnlySet<Guid> Present,
        IReadOnlyList<AgendaItem> Agenda, bool HasQuorum, int QuorumOf, IReadOnlyList<Problem> CommitteeProblems);

    public async Task<List<Meeting>> ListAsync(CancellationToken ct) =>
        await db.Meetings.AsNoTracking().OrderByDescending(m => m.Date).ToListAsync(ct);

    /// <summary>
    /// Files of the committee in review whose every assigned expert (not since recused) has submitted an opinion. A
    /// file belongs to the committee that assigned its latest review group: a re-examination read by a new group
    /// is decided by that group's committee, never again by the first one.
    /// </summary>
    public async Task<List<Application>> ReadyFilesAsync(Committee committee, CancellationToken ct)
    {
        var inReview = await committees.FilesAsync(committee, [ApplicationState.InReview], ct);
        var ready = new List<Application>();
        var experts = await db.Experts.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        foreach (var a in inReview)
        {
            var rounds = await access.RoundsAsync(a.Id, ct);
            var group = rounds.Latest;
            if (rounds.LatestCommittee != committee.Id)
            {
                continue;
            }
            var submitted = (await db.ReviewOpinions.AsNoTracking().Where(o => o.ApplicationId == a.Id && o.SubmittedAt != null).Select(o => o.ExpertId).ToListAsync(ct))
                .Where(group.Contains).ToList();
            var pending = 0;
            foreach (var e in group.Where(e => !submitted.Contains(e)))
            {
                pending += await access.IsConflictedAsync(experts[e], a, ct) ? 0 : 1;
            }
            if (group.Count > 0 && pending == 0 && submitted.Count > 0
                && !await db.Ballots.AnyAsync(b => b.ApplicationId == a.Id && b.Status != BallotStatus.Closed, ct))
            {
                ready.Add(a);
            }
        }
        return ready;
    }

    public async Task<Result<Meeting>> ScheduleAsync(Guid? committeeId, DateOnly? date, string officer, CancellationToken ct)
    {
        if (committeeId is not { } cid || await db.Committees.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) is not { } committee)
        {
            return Result<Meeting>.Failure(new Problem("required", new("Choose the committee.", "请选择评审委员会。"), "committeeId"));
        }
        if (date is not { } day || day < time.Today())
        {
            return Result<Meeting>.Failure(new Problem("invalid", new("Enter the meeting date, today or later.", "请填写会议日期（今天或以后）。"), "date"));
        }
        var view = await committees.ViewAsync(cid, ct);
        LevelBands.TryParse(committee.Band, out var band);
        var sizeProblems = CommitteeRules.MeetingProblems(
            view!.Members.Select(m => new CommitteeMemberTerm(m.Expert.Id.ToString(), m.Expert.TermFrom, m.Expert.TermTo)).ToList(),
            band, Committees.OrganisationOf(committee), await access.RulesAsync(ct), day);
        if (sizeProblems.Count > 0)
        {
            return Result<Meeting>.Failure(sizeProblems);
        }
        var files = await ReadyFilesAsync(committee, ct);
        if (files.Count == 0)
        {
            return Result<Meeting>.Failure(ReviewProblems.State("No file of this committee has all its review opinions yet.", "本委员会尚无评议意见全部提交的申请。"));
        }
        var meeting = new Meeting { CommitteeId = cid, Date = day, CreatedAt = time.GetUtcNow(), CreatedBy = officer };
        db.Meetings.Add(meeting);
        foreach (var f in files)
        {
            db.Ballots.Add(new Ballot { MeetingId = meeting.Id, ApplicationId = f.Id, Status = BallotStatus.Pending });
        }
        audit.Add(new Infrastructure.Audit.MeetingScheduled(meeting.Id, cid, day, files.Select(f => f.Reference).ToList()));
        await db.SaveChangesAsync(ct);
        return Result<Meeting>.Success(meeting);
    }

    public async Task<MeetingView?> ViewAsync(Guid meetingId, CancellationToken ct)
    {
        if (await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct) is not { } meeting)
        {
            return null;
        }
        var committee = await db.Committees.AsNoTracking().SingleAsync(c => c.Id == meeting.CommitteeId, ct);
        var members = await committees.ActiveMembersAsync(committee.Id, ct);
        var present = (await db.MeetingAttendance.AsNoTracking().Where(a => a.MeetingId == meetingId).Select(a => a.ExpertId).ToListAsync(ct)).ToHashSet();
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meetingId).ToListAsync(ct);
        var agenda = new List<AgendaItem>();
        foreach (var b in ballots)
        {
            var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == b.ApplicationId, ct);
            // The opinions of the group the meeting decides on (a re-examination's new group, not the first one's).
            var group = (await access.RoundsAsync(a.Id, ct)).Latest;
            var opinions = await db.ReviewOpinions.AsNoTracking().Where(o => o.ApplicationId == a.Id && o.SubmittedAt != null && group.Contains(o.ExpertId)).ToListAsync(ct);
            var recused = 0;
            foreach (var m in members.Where(m => present.Contains(m.Expert.Id)))
            {
                recused += await access.IsConflictedAsync(m.Expert, a, ct) ? 1 : 0;
            }
            agenda.Add(new AgendaItem(a, b, opinions, recused));
        }
        var rules = await access.RulesAsync(ct);
        var quorum = rules.Procedure.QuorumFraction.Value;
        LevelBands.TryParse(committee.Band, out var band);
        var problems = CommitteeRules.MeetingProblems(
            members.Select(m => new CommitteeMemberTerm(m.Expert.Id.ToString(), m.Expert.TermFrom, m.Expert.TermTo)).ToList(),
            band, Committees.OrganisationOf(committee), rules, meeting.Date);
        return new MeetingView(meeting, committee, members, present, agenda.OrderBy(i => i.Application.Reference, StringComparer.Ordinal).ToList(),
            PlenaryRules.HasQuorum(members.Count, present.Count(p => members.Any(m => m.Expert.Id == p)), quorum), PlenaryRules.QuorumOf(members.Count, quorum), problems);
    }

    /// <summary>Records who is present (members only). Changing attendance while a ballot is open is refused: it would change who may vote.</summary>
    public async Task<Result<Meeting>> RecordAttendanceAsync(Guid meetingId, IReadOnlyList<Guid>? present, string officer, CancellationToken ct)
    {
        if (await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, ct) is not { } meeting)
        {
            return Result<Meeting>.Failure(ReviewProblems.NotFound());
        }
        if (await db.Ballots.AnyAsync(b => b.MeetingId == meetingId && b.Status == BallotStatus.Open, ct))
        {
            return Result<Meeting>.Failure(ReviewProblems.State("A ballot is open: close it before changing the attendance.", "有投票正在进行，请先结束投票再修改出席情况。"));
        }
        var members = (await committees.ActiveMembersAsync(meeting.CommitteeId, ct)).Select(m => m.Expert.Id).ToHashSet();
        var ids = (present ?? []).Distinct().ToList();
        if (ids.Any(id => !members.Contains(id)))
        {
            return Result<Meeting>.Failure(new Problem("invalid", new("Only members of the committee can be recorded present.", "只能登记本委员会委员出席。"), "present"));
        }
        db.MeetingAttendance.RemoveRange(db.MeetingAttendance.Where(a => a.MeetingId == meetingId));
        foreach (var id in ids)
        {
            db.MeetingAttendance.Add(new MeetingAttendance { MeetingId = meetingId, ExpertId = id });
        }
        meeting.AttendanceRecordedAt = time.GetUtcNow();
        audit.Add(new Infrastructure.Audit.MeetingAttendanceRecorded(meetingId, ids.Count, members.Count));
        await db.SaveChangesAsync(ct);
        return Result<Meeting>.Success(meeting);
    }

    public async Task<Result<Ballot>> OpenBallotAsync(Guid meetingId, Guid applicationId, string officer, CancellationToken ct)
    {
        var view = await ViewAsync(meetingId, ct);
        var item = view?.Agenda.FirstOrDefault(i => i.Application.Id == applicationId);
        if (view is null || item is null)
        {
            return Result<Ballot>.Failure(ReviewProblems.NotFound());
        }
        if (view.CommitteeProblems.Count > 0)
        {
            return Result<Ballot>.Failure(view.CommitteeProblems.Select(p => p with { Code = ReviewProblems.StateCode }).ToList());
        }
        if (!view.HasQuorum)
        {
            return Result<Ballot>.Failure(ReviewProblems.State(
                $"The meeting has no quorum: {view.Present.Count} of {view.Members.Count} members are present, {view.QuorumOf} are needed.",
                $"会议未达法定人数：{view.Members.Count} 名委员中出席 {view.Present.Count} 名，至少需要 {view.QuorumOf} 名。"));
        }
        if (view.Agenda.Any(i => i.Ballot.Status == BallotStatus.Open))
        {
            return Result<Ballot>.Failure(ReviewProblems.State("Another ballot is open: close it first.", "另一项投票正在进行，请先结束。"));
        }
        var presentForItem = PlenaryRules.PresentFor(view.Present.Count, item.RecusedPresent);
        var opened = await db.Ballots.Where(b => b.Id == item.Ballot.Id && b.Status == BallotStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BallotStatus.Open).SetProperty(b => b.PresentForItem, presentForItem), ct);
        if (opened == 0)
        {
            return Result<Ballot>.Failure(ReviewProblems.State("This ballot has already been opened.", "该项投票已开始过。"));
        }
        audit.Add(new Infrastructure.Audit.BallotOpened(applicationId, meetingId, presentForItem, item.RecusedPresent));
        await db.SaveChangesAsync(ct);
        return Result<Ballot>.Success(await db.Ballots.AsNoTracking().SingleAsync(b => b.Id == item.Ballot.Id, ct));
    }

    /// <summary>
    /// One vote. Refused as "not found" for someone who may not see the file (not a member, recused);
    /// 409 for a member absent from the meeting, a ballot not open, or a second vote. The has-voted row and
    /// the count are written in one transaction; the choice is a parameter of one UPDATE that adds 0 or 1
    /// to each of the three counts, so neither the statement text nor any row records which one.
    /// </summary>
    public async Task<Result<bool>> VoteAsync(Expert expert, Guid meetingId, Guid applicationId, VoteChoice? choice, CancellationToken ct)
    {
        var ballot = await db.Ballots.AsNoTracking().FirstOrDefaultAsync(b => b.MeetingId == meetingId && b.ApplicationId == applicationId, ct);
        var meeting = ballot is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var application = ballot is null ? null : await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (ballot is null || meeting is null || application is null
            || !await db.CommitteeMembers.AnyAsync(m => m.CommitteeId == meeting.CommitteeId && m.ExpertId == expert.Id && m.Active, ct)
            || await access.IsConflictedAsync(expert, application, ct))
        {
            return Result<bool>.Failure(ReviewProblems.NotFound());
        }
        if (choice is not { } c || !Enum.IsDefined(c))
        {
            return Result<bool>.Failure(new Problem("required", new("Choose yes, no or abstain.", "请选择同意、反对或弃权。"), "choice"));
        }
        if (!await db.MeetingAttendance.AnyAsync(a => a.MeetingId == meetingId && a.ExpertId == expert.Id, ct))
        {
            return Result<bool>.Failure(ReviewProblems.State("You are not recorded present at this meeting; there are no proxy votes.", "您未登记出席本次会议，不能投票（不得委托投票）。"));
        }
        if (ballot.Status != BallotStatus.Open)
        {
            return Result<bool>.Failure(Problem.Conflict(ReviewProblems.BallotNotOpenCode, new("This ballot is not open.", "该项投票未在进行中。")));
        }
        var (yes, no, abstain) = (c == VoteChoice.Yes ? 1 : 0, c == VoteChoice.No ? 1 : 0, c == VoteChoice.Abstain ? 1 : 0);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.BallotVoters.Add(new BallotVoter { BallotId = ballot.Id, ExpertId = expert.Id });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<bool>.Failure(Problem.Conflict(ReviewProblems.AlreadyVotedCode, new("You have already voted on this file.", "您已对该申请投过票。")));
        }
        var counted = await db.Ballots.Where(b => b.Id == ballot.Id && b.Status == BallotStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Yes, b => b.Yes + yes).SetProperty(b => b.No, b => b.No + no).SetProperty(b => b.Abstain, b => b.Abstain + abstain), ct);
        if (counted == 0)
        {
            return Result<bool>.Failure(Problem.Conflict(ReviewProblems.BallotNotOpenCode, new("The ballot closed before your vote was counted.", "投票已在您的选票计入前结束。")));
        }
        await tx.CommitAsync(ct);
        return Result<bool>.Success(true);
    }

    public async Task<bool> HasVotedAsync(Expert expert, Guid ballotId, CancellationToken ct) =>
        await db.BallotVoters.AnyAsync(v => v.BallotId == ballotId && v.ExpertId == expert.Id, ct);

    /// <summary>Closes the ballot, applies the pass rule to those present for the file and fires the workflow, in one transaction.</summary>
    public async Task<Result<Ballot>> CloseBallotAsync(Guid meetingId, Guid applicationId, string officer, Actor actor, CancellationToken ct)
    {
        var ballot = await db.Ballots.AsNoTracking().FirstOrDefaultAsync(b => b.MeetingId == meetingId && b.ApplicationId == applicationId, ct);
        if (ballot is null)
        {
            return Result<Ballot>.Failure(ReviewProblems.NotFound());
        }
        var procedure = (await access.RulesAsync(ct)).Procedure;
        var pass = procedure.PassFraction.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var closed = await db.Ballots.Where(b => b.Id == ballot.Id && b.Status == BallotStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BallotStatus.Closed), ct);
        if (closed == 0)
        {
            return Result<Ballot>.Failure(Problem.Conflict(ReviewProblems.BallotNotOpenCode, new("This ballot is not open.", "该项投票未在进行中。")));
        }
        var counts = await db.Ballots.AsNoTracking().SingleAsync(b => b.Id == ballot.Id, ct);
        var outcome = PlenaryRules.Decide(new Tally(counts.Yes, counts.No, counts.Abstain), counts.PresentForItem, pass);
        await db.Ballots.Where(b => b.Id == ballot.Id).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Passed, outcome.Passed).SetProperty(b => b.OutcomeEn, outcome.Reason.En).SetProperty(b => b.OutcomeZh, outcome.Reason.Zh), ct);
        var application = await db.Applications.SingleAsync(a => a.Id == applicationId, ct);
        var reexaminationDueOn = time.Today().AddDays(procedure.ReexaminationDays.Value);
        // The ballot's statements above run in this transaction; the unit's commit joins it.
        var fired = unit.Fire(application, outcome.Passed ? ApplicationTrigger.RecordPassingVote : ApplicationTrigger.RecordFailingVote, actor, officer,
            reason: outcome.Reason.En, data: new { meeting = meetingId, tally = new { counts.Yes, counts.No, counts.Abstain }, presentForItem = counts.PresentForItem, reasonZh = outcome.Reason.Zh },
            // Policy.md §5.7: a result may be re-examined within reexaminationDays of its publication; a file rejected
            // at the vote learns its result now (a passed one when the result notice is published).
            change: a =>
            {
                if (!outcome.Passed)
                {
                    a.ReexaminationDueOn = reexaminationDueOn;
                }
            },
            facts: x => x with { Ballot = outcome.Passed ? BallotOutcome.Passed : BallotOutcome.Failed });
        if (fired.Succeeded && !outcome.Passed && await ReviewFile.ApplicantRecipientAsync(db, application, ct) is { } to)
        {
            unit.Email(to, new ResultNotPassed(application.Reference ?? "", reexaminationDueOn, application.Id));
        }
        if (fired.Succeeded)
        {
            fired = await unit.CommitAsync(application, ct);
        }
        if (!fired.Succeeded)
        {
            return Result<Ballot>.Failure(fired.Problems);
        }
        await tx.CommitAsync(ct);
        return Result<Ballot>.Success(await db.Ballots.AsNoTracking().SingleAsync(b => b.Id == ballot.Id, ct));
    }
}
