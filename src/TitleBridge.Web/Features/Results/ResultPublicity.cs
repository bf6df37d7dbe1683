using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Calendar;
using TitleBridge.Web.Features.Certificates;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Features.Results;

/// <summary>
/// Result publicity (评后公示, policy.md §5.5) and confirmation (审核确认, §5.6): an officer publishes a committee's
/// passed files for ResultPublicityWorkingDays working days (rule-set parameter, from the working-day calendar);
/// anyone may object; the office upholds (→ ObjectionUpheld) or dismisses each objection with findings; after
/// the period, an officer confirms a file with no upheld and no undecided objection (→ Confirmed), which issues
/// its certificate (→ CertificateIssued) in the same unit of work.
/// </summary>
public sealed class ResultPublicity(
    AppDbContext db, UnitOfWork unit, WorkingCalendar calendar, RuleSetStore rules,
    CertificateRegister register, IOptions<CertificateOptions> options, ReferenceData reference, IFileStore files, UploadCheck uploads,
    TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public const string MixedCommitteesCode = "results.mixed-committees";
    public const string StartInPastCode = "results.start-in-past";
    public const string NoFilesCode = "results.no-files";
    public const string ObjectionsOpenCode = "results.objections-open";
    public const string NoticeClosedCode = "results.notice-closed";
    public const string ObjectionDecidedCode = "results.objection-decided";
    public const int MaxFilesPerNotice = 500;

    public sealed record PublishRequest(IReadOnlyList<Guid>? ApplicationIds, DateOnly? StartsOn);

    public sealed record ObjectionInput(string? Name, string? Contact, string? Grounds);

    /// <summary>Publishes one notice for files the committee passed (all Voted, all of one committee).</summary>
    public async Task<Result<ResultNotice>> PublishAsync(PublishRequest request, Actor actor, string officer, CancellationToken ct = default)
    {
        var ids = (request.ApplicationIds ?? []).Distinct().ToList();
        if (ids.Count == 0 || ids.Count > MaxFilesPerNotice)
        {
            return Fail(NoFilesCode, $"Choose between 1 and {MaxFilesPerNotice} files the committee passed.", $"请选择 1 至 {MaxFilesPerNotice} 份评审通过的申报。", "applicationIds");
        }
        var today = time.Today();
        var start = request.StartsOn ?? today;
        if (start < today)
        {
            return Fail(StartInPastCode, "The publicity cannot start before today.", "公示开始日期不能早于今天。", "startsOn");
        }
        var applications = await db.Applications.Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        if (applications.Count != ids.Count)
        {
            return Result<ResultNotice>.Failure(ActionOutcome.NotFound());
        }
        var committees = new List<BilingualText>();
        foreach (var a in applications)
        {
            committees.Add(await CommitteeOfAsync(a, ct));
        }
        committees = committees.Distinct().ToList();
        if (committees.Count > 1)
        {
            return Refuse<ResultNotice>(MixedCommitteesCode, "One notice is for the files of one committee; these files were decided by different committees.",
                "一份公示只能包含同一评审委员会的评审结果，所选申报分属不同的评审委员会。", "applicationIds");
        }
        var ruleSet = await rules.InForceAsync(today, ct);
        var days = ruleSet?.Procedure.ResultPublicityWorkingDays.Value ?? 5;
        var reexaminationDays = ruleSet?.Procedure.ReexaminationDays.Value ?? 30;
        var last = (await calendar.CurrentAsync(ct)).PublicityEnd(start, days);
        if (!last.Succeeded)
        {
            return Result<ResultNotice>.Failure(last.Problems.Select(p => p with { Field = "startsOn" }).ToList());
        }
        var notice = new ResultNotice
        {
            CycleYear = applications[0].CycleYear,
            StartsOn = start,
            LastDay = last.Value,
            CommitteeEn = committees[0].En,
            CommitteeZh = committees[0].Zh,
            PublishedAt = time.GetUtcNow(),
            PublishedBy = officer,
        };
        db.ResultNotices.Add(notice);
        foreach (var a in applications.OrderBy(a => a.Reference, StringComparer.Ordinal))
        {
            var fired = unit.Fire(a, ApplicationTrigger.StartResultPublicity, actor, officer,
                data: new { notice = notice.Id, startsOn = start, lastDay = last.Value },
                change: x =>
                {
                    x.ResultNoticeId = notice.Id;
                    x.ResultPublishedOn = start;
                    x.ResultPublicityLastDay = last.Value;
                    x.ReexaminationDueOn = start.AddDays(reexaminationDays);
                });
            if (!fired.Succeeded)
            {
                return Result<ResultNotice>.Failure(fired.Problems.Select(p => p with { Message = new($"{a.Reference}: {p.Message.En}", $"{a.Reference}：{p.Message.Zh}") }).ToList());
            }
            if (await ReviewFile.ApplicantRecipientAsync(db, a, ct) is { } to)
            {
                unit.Email(to, new ResultPublished(a.Reference ?? "", start, last.Value, a.Id));
            }
        }
        return await unit.CommitAsync(notice, ct);
    }

    /// <summary>The committee that decided the file (its review group's), or the level's configured one for a file without a stored group.</summary>
    private async Task<BilingualText> CommitteeOfAsync(Application a, CancellationToken ct) =>
        await CertificateRegister.CommitteeOfAsync(db, a.Id, ct)
        ?? options.Value.CommitteeFor(TitleLevels.TryParseCode(a.TargetLevel, out var level) ? level : TitleLevel.Engineer);

    /// <summary>Notices whose period includes today, or has not yet begun: what the public notice page lists.</summary>
    public Task<List<ResultNotice>> RunningAsync(CancellationToken ct = default)
    {
        var today = time.Today();
        return db.ResultNotices.AsNoTracking().Where(n => n.LastDay >= today).OrderBy(n => n.StartsOn).ToListAsync(ct);
    }

    /// <summary>A notice's entries, each only as much as the public may see (§5.5): masked name, employer, specialty, level.</summary>
    public async Task<List<PublicEntry>> EntriesAsync(ResultNotice notice, CancellationToken ct = default)
    {
        var rows = await (
            from a in db.Applications.AsNoTracking()
            where a.ResultNoticeId == notice.Id
            join p in db.ApplicantProfiles.AsNoTracking() on a.ApplicantId equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            join e in db.Employers.AsNoTracking() on a.EmployerId equals e.Id into employers
            from e in employers.DefaultIfEmpty()
            select new { a.Id, a.Reference, a.TargetLevel, a.Specialty, Name = p == null ? null : p.ChineseName ?? p.DocumentName, EmployerEn = e == null ? null : e.NameEn, EmployerZh = e == null ? null : e.NameZh })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Reference, StringComparer.Ordinal).Select(r => new PublicEntry(
            r.Id,
            Domain.Certificates.NameMasking.Mask(r.Name),
            new BilingualText(r.EmployerEn ?? "", r.EmployerZh ?? ""),
            reference.SpecialtyName(r.Specialty ?? ""),
            TitleLevels.TryParseCode(r.TargetLevel, out var l) ? l.Name() : new(r.TargetLevel ?? "", r.TargetLevel ?? "")))];
    }

    public sealed record PublicEntry(Guid ApplicationId, string NameMasked, BilingualText Employer, BilingualText Specialty, BilingualText Level);

    /// <summary>An objection by anyone during the period: name, contact and grounds required, an attachment optional.</summary>
    public async Task<Result<ResultObjection>> ObjectAsync(Guid applicationId, ObjectionInput input, IFormFile? attachment, CancellationToken ct = default)
    {
        var a = await db.Applications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == applicationId && x.ResultNoticeId != null, ct);
        var notice = a is null ? null : await db.ResultNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == a.ResultNoticeId, ct);
        if (a is null || notice is null)
        {
            return Result<ResultObjection>.Failure(ActionOutcome.NotFound());
        }
        var today = time.Today();
        if (a.State != ApplicationState.ResultPublicity || today < notice.StartsOn || today > notice.LastDay)
        {
            return Refuse<ResultObjection>(NoticeClosedCode,
                $"Objections to this result could be made from {notice.StartsOn:yyyy-MM-dd} to {notice.LastDay:yyyy-MM-dd}; the publicity is not running now.",
                $"该评审结果的异议受理期为 {notice.StartsOn:yyyy-MM-dd} 至 {notice.LastDay:yyyy-MM-dd}，现不在公示期内。");
        }
        var problems = new List<Problem>();
        var name = Required(input.Name, 100, "name", "your name", "您的姓名", problems);
        var contact = Required(input.Contact, 200, "contact", "a telephone number or email address where the office can reach you", "便于联系您的电话或电子邮箱", problems);
        var grounds = Required(input.Grounds, 4000, "grounds", "the grounds of your objection", "异议的事实和理由", problems);
        if (attachment is not null)
        {
            var checkedFile = await uploads.CheckAsync(attachment, ct);
            if (!checkedFile.Succeeded)
            {
                problems.AddRange(checkedFile.Problems.Select(p => p with { Field = "attachment" }));
            }
        }
        if (problems.Count > 0)
        {
            return Result<ResultObjection>.Failure(problems);
        }
        var objection = new ResultObjection
        {
            NoticeId = notice.Id,
            ApplicationId = a.Id,
            ObjectorName = name!,
            Contact = contact!,
            Grounds = grounds!,
            ReceivedAt = time.GetUtcNow(),
            Status = ObjectionStatus.Open,
        };
        if (attachment is not null)
        {
            await using var stream = attachment.OpenReadStream();
            var stored = await files.SaveAsync(stream, ct);
            objection.AttachmentKey = stored.Key;
            objection.AttachmentSha256 = stored.Sha256;
            objection.AttachmentName = Path.GetFileName(attachment.FileName) is { Length: > 200 } n ? n[..200] : Path.GetFileName(attachment.FileName);
            objection.AttachmentContentType = attachment.ContentType;
        }
        db.ResultObjections.Add(objection);
        audit.Add(new Infrastructure.Audit.ResultObjectionReceived(a.Id, objection.Id));
        await db.SaveChangesAsync(ct);
        return Result<ResultObjection>.Success(objection);
    }

    /// <summary>The office's queue: undecided objections first, oldest first.</summary>
    public async Task<List<(ResultObjection Objection, string? Reference)>> QueueAsync(CancellationToken ct = default)
    {
        var rows = await (from o in db.ResultObjections.AsNoTracking()
                          join a in db.Applications.AsNoTracking() on o.ApplicationId equals a.Id
                          select new { o, a.Reference }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.o.Status == ObjectionStatus.Open ? 0 : 1).ThenBy(r => r.o.ReceivedAt).Select(r => (r.o, r.Reference))];
    }

    /// <summary>Upholds (the result is overturned, §5.5) or dismisses an objection, with the office's findings.</summary>
    public async Task<Result<ResultObjection>> DecideAsync(Guid objectionId, bool uphold, string? findings, Actor actor, string officer, CancellationToken ct = default)
    {
        var objection = await db.ResultObjections.FirstOrDefaultAsync(o => o.Id == objectionId, ct);
        if (objection is null)
        {
            return Result<ResultObjection>.Failure(ActionOutcome.NotFound());
        }
        var problems = new List<Problem>();
        var text = Required(findings, 4000, "findings", "the findings of the investigation", "核查结论", problems);
        if (problems.Count > 0)
        {
            return Result<ResultObjection>.Failure(problems);
        }
        if (objection.Status != ObjectionStatus.Open)
        {
            return Refuse<ResultObjection>(ObjectionDecidedCode, "This objection has already been decided.", "该异议已处理完毕。");
        }
        if (actor != Actor.Officer)
        {
            return Result<ResultObjection>.Failure(Problem.Conflict(ApplicationWorkflow.RoleNotAllowedCode, new(
                "Objections are decided by officers only.", "异议只能由经办人员处理。")));
        }
        var a = await db.Applications.FirstAsync(x => x.Id == objection.ApplicationId, ct);
        objection.Status = uphold ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        objection.Findings = text;
        objection.DecidedBy = officer;
        objection.DecidedAt = time.GetUtcNow();
        objection.ConcurrencyStamp = Guid.NewGuid();
        var to = await ReviewFile.ApplicantRecipientAsync(db, a, ct);
        if (uphold)
        {
            var fired = unit.Fire(a, ApplicationTrigger.UpholdObjection, actor, officer, reason: text,
                data: new { objection = objection.Id });
            if (!fired.Succeeded)
            {
                return Result<ResultObjection>.Failure(fired.Problems);
            }
            if (to is not null)
            {
                unit.Email(to, new ObjectionUpheldEmail(a.Reference ?? "", text!, a.ReexaminationDueOn ?? time.Today(), a.Id));
            }
        }
        else
        {
            unit.Record(a, actor, officer, "DismissObjection", new { objection = objection.Id, findings = text }, new Infrastructure.Audit.ResultObjectionDismissed(a.Id, objection.Id), text);
            if (to is not null)
            {
                unit.Email(to, new ObjectionDismissedEmail(a.Reference ?? "", a.Id));
            }
        }
        // A conflict here is another officer deciding the same objection (its stamp) or changing the file.
        return (await unit.CommitAsync(objection, ct)) is { Succeeded: true } committed ? committed
            : Refuse<ResultObjection>(ApplicationTransitions.ChangedCode, "Someone else decided this objection at the same time. Reload the page.", "其他人同时处理了该异议，请刷新页面。");
    }

    /// <summary>Confirms a file after its publicity (no upheld, no undecided objection) and issues its certificate.</summary>
    public async Task<Result<Certificate>> ConfirmAsync(Guid applicationId, Actor actor, string officer, Guid? stamp = null, CancellationToken ct = default)
    {
        if (await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, ct) is not { } a)
        {
            return Result<Certificate>.Failure(ActionOutcome.NotFound());
        }
        var open = await db.ResultObjections.CountAsync(o => o.ApplicationId == a.Id && o.Status == ObjectionStatus.Open, ct);
        if (open > 0 && a.State == ApplicationState.ResultPublicity)
        {
            return Refuse<Certificate>(ObjectionsOpenCode,
                $"{open} objection(s) to this result are not decided yet. Decide every objection before confirming.",
                $"该评审结果尚有 {open} 项异议未处理，请处理完所有异议后再审核确认。");
        }
        var confirmed = unit.Fire(a, ApplicationTrigger.Confirm, actor, officer, stamp);
        if (!confirmed.Succeeded)
        {
            return Result<Certificate>.Failure(confirmed.Problems);
        }
        // The certificate's number is counted by statements of its own (gapless, CertificateRegister): they share
        // this transaction with the unit's commit, so a refused or conflicting confirmation uses no number.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var issued = await register.IssueAsync(a, actor, officer, ct);
        if (issued.Succeeded)
        {
            issued = await unit.CommitAsync(issued.Value, ct);
        }
        if (!issued.Succeeded)
        {
            unit.Discard();
            await transaction.RollbackAsync(ct);
            return issued;
        }
        await transaction.CommitAsync(ct);
        return issued;
    }

    private static string? Required(string? value, int max, string field, string en, string zh, List<Problem> problems)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            problems.Add(new Problem("required", new($"Enter {en}.", $"请填写{zh}。"), field));
            return null;
        }
        if (text.Length > max)
        {
            problems.Add(new Problem("too-long", new($"Shorten {en} to at most {max} characters (now {text.Length}).", $"{zh}不能超过 {max} 个字符（现为 {text.Length} 个）。"), field));
            return null;
        }
        return text;
    }

    private static Result<ResultNotice> Fail(string code, string en, string zh, string? field = null) => Fail<ResultNotice>(code, en, zh, field);

    private static Result<T> Fail<T>(string code, string en, string zh, string? field = null) =>
        Result<T>.Failure(new Problem(code, new(en, zh), field));

    /// <summary>A step refused in the file's present state (the API answers 409).</summary>
    private static Result<T> Refuse<T>(string code, string en, string zh, string? field = null) => Result<T>.Failure(Problem.Conflict(code, new(en, zh), field));
}
