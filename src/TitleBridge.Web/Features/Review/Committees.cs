using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Review;

/// <summary>
/// Committees (评审委员会, policy.md §5.4) per cycle and level band: the officer names the chair and
/// vice-chairs; the other members are drawn at random from the available pool with specialty coverage
/// first, and the seed and the draw's whole input are stored so the draw replays exactly. A member may be
/// replaced with a recorded reason. Size rules are checked whenever a meeting would be held.
/// </summary>
public sealed class Committees(AppDbContext db, ReviewAccess access, ReferenceData reference, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public const int MaxSize = 101;

    public sealed record CreateInput(
        int? CycleYear, string? Band, string? Organisation, string? SpecialtyGroup, string? NameZh, string? NameEn,
        int? Size, Guid? ChairId, IReadOnlyList<Guid>? ViceChairIds, long? Seed);

    public sealed record MemberView(Expert Expert, string Role);

    public sealed record CommitteeView(Committee Committee, IReadOnlyList<MemberView> Members, IReadOnlyList<Problem> MeetingProblems, IReadOnlyList<string> UncoveredSpecialties);

    private sealed record DrawRecord(IReadOnlyList<string> Pool, IReadOnlyList<string> Fixed, int Size, IReadOnlyList<string> Specialties, IReadOnlyList<string> Uncovered);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<List<Committee>> ListAsync(CancellationToken ct) =>
        await db.Committees.AsNoTracking().OrderByDescending(c => c.CycleYear).ThenBy(c => c.NameEn).ToListAsync(ct);

    public async Task<CommitteeView?> ViewAsync(Guid id, CancellationToken ct)
    {
        if (await db.Committees.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } committee)
        {
            return null;
        }
        var members = await ActiveMembersAsync(id, ct);
        var rules = await access.RulesAsync(ct);
        LevelBands.TryParse(committee.Band, out var band);
        var problems = CommitteeRules.MeetingProblems(
            members.Select(m => new CommitteeMemberTerm(m.Expert.Id.ToString(), m.Expert.TermFrom, m.Expert.TermTo)).ToList(),
            band, OrganisationOf(committee), rules, time.Today());
        var draw = JsonSerializer.Deserialize<DrawRecord>(committee.DrawInput, Json);
        return new CommitteeView(committee, members, problems, draw?.Uncovered ?? []);
    }

    public static CommitteeOrganisation OrganisationOf(Committee c) => c.Organisation == "by-specialty" ? CommitteeOrganisation.BySpecialty : CommitteeOrganisation.BySeries;

    public async Task<List<MemberView>> ActiveMembersAsync(Guid committeeId, CancellationToken ct)
    {
        var rows = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommitteeId == committeeId && m.Active).OrderBy(m => m.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.ExpertId).ToList();
        var experts = await db.Experts.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return rows.Select(r => new MemberView(experts[r.ExpertId], r.Role)).ToList();
    }

    /// <summary>The accepted or in-review files this committee decides: its cycle, its band and, by specialty, its group.</summary>
    /// <summary>
    /// The files a committee's review groups are assigned to: accepted files, and re-examinations (复查), which are
    /// read by a new review group of experts who did not read them before (policy.md §5.7; <see cref="ReviewAccess.FactsOfAsync"/>).
    /// </summary>
    public static readonly IReadOnlyCollection<ApplicationState> AwaitingReviewGroups = [ApplicationState.Accepted, ApplicationState.ReexaminationRequested];

    public async Task<List<Application>> FilesAsync(Committee committee, IReadOnlyCollection<ApplicationState> states, CancellationToken ct)
    {
        var candidates = await db.Applications.AsNoTracking()
            .Where(a => a.CycleYear == committee.CycleYear && states.Contains(a.State)).ToListAsync(ct);
        return candidates.Where(a =>
                TitleLevels.TryParseCode(a.TargetLevel, out var level) && LevelBands.Of(level).Code() == committee.Band
                && (committee.SpecialtyGroup is null || (a.Specialty is not null && reference.Specialties.GetValueOrDefault(a.Specialty) == committee.SpecialtyGroup)))
            .OrderBy(a => a.Reference, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<Committee>> CreateAsync(CreateInput input, string officer, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (input.CycleYear is not { } year || !await db.Cycles.AnyAsync(c => c.Year == year, ct))
        {
            problems.Add(new Problem("invalid", new("Choose the evaluation cycle.", "请选择评审年度。"), "cycleYear"));
        }
        if (!LevelBands.TryParse(input.Band, out var band))
        {
            problems.Add(new Problem("invalid", new("Choose the level band: senior, or intermediate and junior.", "请选择级别：高级，或中级、初级。"), "band"));
        }
        var organisation = input.Organisation switch { "by-series" => CommitteeOrganisation.BySeries, "by-specialty" => CommitteeOrganisation.BySpecialty, _ => (CommitteeOrganisation?)null };
        if (organisation is null)
        {
            problems.Add(new Problem("invalid", new("Choose how the committee is organised: by series or by specialty.", "请选择组建方式：按系列或按专业。"), "organisation"));
        }
        else if (organisation == CommitteeOrganisation.BySpecialty && reference.SpecialtyGroups.All(g => g.Key != input.SpecialtyGroup))
        {
            problems.Add(new Problem("invalid", new("Choose the specialty group the committee decides.", "请选择委员会负责的专业组。"), "specialtyGroup"));
        }
        var nameZh = input.NameZh?.Trim() ?? "";
        var nameEn = input.NameEn?.Trim() ?? "";
        if (nameZh.Length is 0 or > 100)
        {
            problems.Add(new Problem("required", new("Enter the committee's name in Chinese (100 characters at most).", "请填写委员会的中文名称（最多 100 个字符）。"), "nameZh"));
        }
        if (nameEn.Length is 0 or > 200)
        {
            problems.Add(new Problem("required", new("Enter the committee's name in English (200 characters at most).", "请填写委员会的英文名称（最多 200 个字符）。"), "nameEn"));
        }
        if (input.Size is not (>= 1 and <= MaxSize))
        {
            problems.Add(new Problem("invalid", new($"Enter the number of members, 1 to {MaxSize}.", $"请填写委员人数（1 至 {MaxSize}）。"), "size"));
        }
        if (input.ChairId is null)
        {
            problems.Add(new Problem("required", new("Choose the chair.", "请选择主任委员。"), "chair"));
        }
        var vice = (input.ViceChairIds ?? []).Distinct().Where(v => v != input.ChairId).ToList();
        if (vice.Count > 5)
        {
            problems.Add(new Problem("invalid", new("Name at most 5 vice-chairs.", "副主任委员最多 5 名。"), "viceChairs"));
        }
        if (problems.Count > 0)
        {
            return Result<Committee>.Failure(problems);
        }

        var today = time.Today();
        var group = organisation == CommitteeOrganisation.BySpecialty ? input.SpecialtyGroup : null;
        var pool = (await db.Experts.AsNoTracking().ToListAsync(ct))
            .Where(e => e.IsAvailableOn(today) && (group is null || e.Specialties.Any(s => reference.Specialties.GetValueOrDefault(s) == group)))
            .Select(e => new DrawCandidate(e.Id.ToString(), e.Specialties)).ToList();
        var probe = new Committee { CycleYear = input.CycleYear!.Value, Band = band.Code(), Organisation = input.Organisation!, SpecialtyGroup = group, NameZh = nameZh, NameEn = nameEn, CreatedBy = officer };
        var specialties = (await FilesAsync(probe, AwaitingReviewGroups, ct)).Select(a => a.Specialty!).Distinct().Order(StringComparer.Ordinal).ToList();
        var seed = input.Seed ?? BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
        var fixedMembers = new[] { input.ChairId!.Value }.Concat(vice).Select(g => g.ToString()).ToList();
        var drawn = CommitteeDraw.Draw(pool, fixedMembers, input.Size!.Value, specialties, (ulong)seed);
        if (!drawn.Succeeded)
        {
            return Result<Committee>.Failure(drawn.Problems);
        }

        probe.DrawSeed = seed;
        probe.DrawInput = JsonSerializer.Serialize(new DrawRecord(pool.Select(p => p.ExpertId).Order(StringComparer.Ordinal).ToList(), fixedMembers, input.Size.Value, specialties, drawn.Value.UncoveredSpecialties), Json);
        probe.CreatedAt = time.GetUtcNow();
        db.Committees.Add(probe);
        foreach (var id in drawn.Value.Members)
        {
            var expertId = Guid.Parse(id);
            db.CommitteeMembers.Add(new CommitteeMember
            {
                CommitteeId = probe.Id, ExpertId = expertId,
                Role = expertId == input.ChairId ? CommitteeRoles.Chair : vice.Contains(expertId) ? CommitteeRoles.ViceChair : CommitteeRoles.Member,
            });
        }
        audit.Add(new Infrastructure.Audit.CommitteeDrawn(probe.Id, seed, input.Size!.Value, drawn.Value.Members, drawn.Value.UncoveredSpecialties));
        await db.SaveChangesAsync(ct);
        return Result<Committee>.Success(probe);
    }

    /// <summary>Replaces a member by an available expert of the pool who is not already a member; the reason is recorded.</summary>
    public async Task<Result<Committee>> ReplaceMemberAsync(Guid committeeId, Guid outExpertId, Guid? inExpertId, string? reason, string officer, CancellationToken ct)
    {
        if (await db.Committees.FirstOrDefaultAsync(c => c.Id == committeeId, ct) is not { } committee)
        {
            return Result<Committee>.Failure(ReviewProblems.NotFound());
        }
        var seat = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.CommitteeId == committeeId && m.ExpertId == outExpertId && m.Active, ct);
        if (seat is null)
        {
            return Result<Committee>.Failure(new Problem("invalid", new("The expert to replace is not a member of this committee.", "要更换的专家不是本委员会委员。"), "expertId"));
        }
        var text = reason?.Trim() ?? "";
        var problems = new List<Problem>();
        if (text.Length is 0 or > 1000)
        {
            problems.Add(new Problem("required", new("Give the reason for the replacement (1000 characters at most).", "请填写更换理由（最多 1000 个字符）。"), "reason"));
        }
        var incoming = inExpertId is { } iid ? await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.Id == iid, ct) : null;
        if (incoming is null || !incoming.IsAvailableOn(time.Today()))
        {
            problems.Add(new Problem("invalid", new("Choose an available expert of the pool as the new member.", "请选择专家库中可用的专家作为新委员。"), "newExpertId"));
        }
        else if (await db.CommitteeMembers.AnyAsync(m => m.CommitteeId == committeeId && m.ExpertId == incoming.Id && m.Active, ct))
        {
            problems.Add(new Problem("invalid", new("The new expert is already a member.", "新专家已是本委员会委员。"), "newExpertId"));
        }
        if (committee.AssignmentConfirmed && await db.ReviewAssignments.AnyAsync(r => r.CommitteeId == committeeId && r.ExpertId == outExpertId, ct))
        {
            problems.Add(ReviewProblems.State("This member already reads files of the confirmed assignment.", "该委员已承担已确认分组的评审任务。"));
        }
        if (problems.Count > 0)
        {
            return Result<Committee>.Failure(problems);
        }
        seat.Active = false;
        seat.ReplacedReason = text;
        seat.ReplacedBy = incoming!.Id;
        db.CommitteeMembers.Add(new CommitteeMember { CommitteeId = committeeId, ExpertId = incoming.Id, Role = seat.Role });
        audit.Add(new Infrastructure.Audit.CommitteeMemberReplaced(committeeId, outExpertId, incoming.Id), text);
        await db.SaveChangesAsync(ct);
        return Result<Committee>.Success(committee);
    }
}
