using TitleBridge.Web.Infrastructure.Audit;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Calendar;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.EmployerReview;

/// <summary>
/// The employer's review and pre-evaluation publicity (评前公示, policy.md §5.2): open the review,
/// confirm employment and field, publicise for at least PrePublicityWorkingDays working days (dates from
/// the working-day calendar), record objections and their handling, then recommend (only after the last
/// publicity day, the workflow's guard) or decline with a reason. Every step is one
/// <see cref="UnitOfWork"/> (a transition, or a timeline record); an employer reaches only the
/// applications that name it.
/// </summary>
public sealed class ReviewByEmployer(AppDbContext db, UnitOfWork unit, WorkingCalendar calendar, RuleSetStore rules, TimeProvider time)
{
    public sealed record ObjectionInput(DateOnly? ReceivedOn, string? Summary, string? Handling);

    /// <summary>The applications naming the employer: everything after the applicant submitted (drafts are private).</summary>
    public Task<List<Application>> QueueAsync(Guid employerId, CancellationToken ct = default) =>
        db.Applications.AsNoTracking()
            .Where(a => a.EmployerId == employerId && a.State != ApplicationState.Draft)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Reference)
            .ToListAsync(ct);

    public async Task<ReviewFile?> FileAsync(Guid employerId, Guid id, CancellationToken ct = default) =>
        await db.Applications.AsNoTracking().AnyAsync(a => a.Id == id && a.EmployerId == employerId && a.State != ApplicationState.Draft, ct)
            ? await ReviewFile.LoadAsync(db, id, unmaskIdentity: false, ct)
            : null;

    /// <summary>The last day of a publicity starting on <paramref name="from"/>, or the calendar's problem.</summary>
    public async Task<Result<DateOnly>> PublicityLastDayAsync(DateOnly from, CancellationToken ct = default)
    {
        var ruleSet = await rules.InForceAsync(time.Today(), ct);
        var days = ruleSet?.Procedure.PrePublicityWorkingDays.Value ?? 5;
        // policy.md §5.2: at least 5 working days whatever a rule set says.
        return (await calendar.CurrentAsync(ct)).PublicityEnd(from, Math.Max(days, 5));
    }

    public async Task<Result<Application>> OpenReviewAsync(Guid employerId, Guid id, string actor, Guid? stamp, CancellationToken ct = default) =>
        await LoadAsync(employerId, id, ct) is { } a
            ? await CommitAsync(unit.Fire(a, ApplicationTrigger.OpenEmployerReview, Actor.Employer, actor, stamp), ct)
            : NotFound();

    public async Task<Result<Application>> ConfirmEmploymentAsync(Guid employerId, Guid id, string actor, Guid? stamp, CancellationToken ct = default)
    {
        if (await LoadAsync(employerId, id, ct) is not { } a)
        {
            return NotFound();
        }
        if (stamp is { } s && s != a.ConcurrencyStamp)
        {
            return Changed();
        }
        if (a.State != ApplicationState.EmployerReview)
        {
            return Result<Application>.Failure(ActionOutcome.WrongState(a, "Confirming employment and field", "确认聘用关系和专业领域"));
        }
        a.EmploymentConfirmed = true;
        Touch(a);
        unit.Record(a, Actor.Employer, actor, "EmploymentConfirmed", new { specialty = a.Specialty }, new EmploymentConfirmed(a.Id, a.Specialty));
        return await unit.CommitAsync(a, ct);
    }

    public async Task<Result<Application>> StartPublicityAsync(Guid employerId, Guid id, DateOnly? from, string actor, Guid? stamp, CancellationToken ct = default)
    {
        if (await LoadAsync(employerId, id, ct) is not { } a)
        {
            return NotFound();
        }
        if (from is not { } start)
        {
            return Fail("required", "Enter the first day of the publicity.", "请填写公示开始日期。", "from");
        }
        if (start < time.Today())
        {
            return Fail("publicity.past", "The publicity cannot start before today.", "公示开始日期不能早于今天。", "from");
        }
        var last = await PublicityLastDayAsync(start, ct);
        if (!last.Succeeded)
        {
            return Result<Application>.Failure(last.Problems.Select(p => p with { Field = "from" }).ToList());
        }
        return await CommitAsync(unit.Fire(a, ApplicationTrigger.StartPrePublicity, Actor.Employer, actor, stamp,
            data: new { from = start, lastDay = last.Value },
            change: x => { x.PrePublicityFrom = start; x.PrePublicityLastDay = last.Value; }), ct);
    }

    public async Task<Result<Application>> RecordObjectionAsync(Guid employerId, Guid id, ObjectionInput input, string actor, Guid? stamp, CancellationToken ct = default)
    {
        if (await LoadAsync(employerId, id, ct) is not { } a)
        {
            return NotFound();
        }
        if (stamp is { } s && s != a.ConcurrencyStamp)
        {
            return Changed();
        }
        if (a.State != ApplicationState.PrePublicity)
        {
            return Result<Application>.Failure(ActionOutcome.WrongState(a, "Recording an objection", "登记异议"));
        }
        var problems = new List<Problem>();
        if (input.ReceivedOn is not { } on)
        {
            problems.Add(new("required", new("Enter the date the objection was received.", "请填写收到异议的日期。"), "receivedOn"));
        }
        else if (on < a.PrePublicityFrom || on > time.Today())
        {
            problems.Add(new("objection.date", new("The objection must have been received during the publicity, and not after today.", "异议收到日期应在公示期内且不晚于今天。"), "receivedOn"));
        }
        if (string.IsNullOrWhiteSpace(input.Summary))
        {
            problems.Add(new("required", new("Summarise the objection.", "请填写异议内容摘要。"), "summary"));
        }
        if (string.IsNullOrWhiteSpace(input.Handling))
        {
            problems.Add(new("required", new("Say how the objection was handled.", "请填写异议的处理情况。"), "handling"));
        }
        if (problems.Count > 0)
        {
            return Result<Application>.Failure(problems);
        }
        var objection = new PublicityObjection(input.ReceivedOn!.Value, input.Summary!.Trim(), input.Handling!.Trim(), time.GetUtcNow(), actor);
        a.PublicityObjections = JsonSerializer.Serialize(ReviewFile.ReadObjections(a.PublicityObjections).Append(objection).ToList(), ReviewFile.Json);
        Touch(a);
        unit.Record(a, Actor.Employer, actor, "PublicityObjectionRecorded", objection, new PublicityObjectionRecorded(a.Id, objection.ReceivedOn));
        return await unit.CommitAsync(a, ct);
    }

    public async Task<Result<Application>> RecommendAsync(Guid employerId, Guid id, string actor, Guid? stamp, CancellationToken ct = default) =>
        await LoadAsync(employerId, id, ct) is { } a
            ? await CommitAsync(unit.Fire(a, ApplicationTrigger.Recommend, Actor.Employer, actor, stamp,
                data: new { objections = ReviewFile.ReadObjections(a.PublicityObjections).Count }), ct)
            : NotFound();

    public async Task<Result<Application>> DeclineAsync(Guid employerId, Guid id, string? reason, string actor, Guid? stamp, CancellationToken ct = default)
    {
        if (await LoadAsync(employerId, id, ct) is not { } a)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Fail("required", "Give the reason for declining to recommend the application.", "请填写不予推荐的理由。", "reason");
        }
        var text = reason.Trim();
        var fired = unit.Fire(a, ApplicationTrigger.Decline, Actor.Employer, actor, stamp, reason: text,
            change: x => x.EmployerDeclineReason = text);
        if (!fired.Succeeded)
        {
            return fired;
        }
        if (await ReviewFile.ApplicantRecipientAsync(db, a, ct) is { } to)
        {
            unit.Email(to, new ApplicationDeclinedByEmployer(a.Reference ?? "", text, a.Id));
        }
        return await unit.CommitAsync(a, ct);
    }

    private Task<Application?> LoadAsync(Guid employerId, Guid id, CancellationToken ct) =>
        db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.EmployerId == employerId && a.State != ApplicationState.Draft, ct);

    private void Touch(Application a)
    {
        a.UpdatedAt = time.GetUtcNow();
        a.ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>Commits a staged transition, or answers with its refusal (the unit has discarded it).</summary>
    private async Task<Result<Application>> CommitAsync(Result<Application> fired, CancellationToken ct) =>
        fired.Succeeded ? await unit.CommitAsync(fired.Value, ct) : fired;

    private static Result<Application> NotFound() => Result<Application>.Failure(ActionOutcome.NotFound());

    private static Result<Application> Fail(string code, string en, string zh, string field) =>
        Result<Application>.Failure(new Problem(code, new(en, zh), field));

    private static Result<Application> Changed() => Result<Application>.Failure(ApplicationTransitions.Changed());
}
