using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.Calendar;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Intake;

/// <summary>
/// Intake (受理, policy.md §5.3) by the bureau's office: a formal check that accepts the file, refuses
/// it, or sends ONE correction notice listing every missing item with a deadline of
/// CorrectionWorkingDays working days (rule-set parameter, default 10). A second notice is refused by
/// the workflow's guard. Two officers acting at once: the one holding a stale ConcurrencyStamp loses.
/// </summary>
public sealed class IntakeReview(AppDbContext db, UnitOfWork unit, WorkingCalendar calendar, RuleSetStore rules, TimeProvider time)
{
    public sealed record CorrectionNotice(IReadOnlyList<string>? Items, IReadOnlyList<string>? MissingDocuments);

    /// <summary>
    /// The workflow role of a signed-in staff member: officers decide intake; an administrator (who may open
    /// the officers' pages) is Actor.Admin, which fires no trigger (ApplicationWorkflow: whoever manages
    /// accounts does not also decide cases), so the workflow refuses with 409.
    /// </summary>
    public static Actor ActorFor(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.Officer) ? Actor.Officer : Actor.Admin;

    /// <summary>Files waiting for intake, then those waiting for the applicant's correction (soonest due first).</summary>
    public async Task<List<Application>> QueueAsync(CancellationToken ct = default)
    {
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.State == ApplicationState.Intake || a.State == ApplicationState.CorrectionRequested)
            .ToListAsync(ct);
        return [.. rows.OrderBy(a => a.State == ApplicationState.Intake ? 0 : 1).ThenBy(a => a.CorrectionDueOn).ThenBy(a => a.UpdatedAt)];
    }

    public Task<ReviewFile?> FileAsync(Guid id, CancellationToken ct = default) =>
        ReviewFile.LoadAsync(db, id, unmaskIdentity: true, ct);

    /// <summary>The due date a notice sent today would carry, or the calendar's problem.</summary>
    public async Task<Result<DateOnly>> CorrectionDueOnAsync(CancellationToken ct = default)
    {
        var today = time.Today();
        var ruleSet = await rules.InForceAsync(today, ct);
        return (await calendar.CurrentAsync(ct)).AddWorkingDays(today, ruleSet?.Procedure.CorrectionWorkingDays.Value ?? 10);
    }

    public async Task<Result<Application>> AcceptAsync(Guid id, Actor actor, string officer, Guid? stamp, CancellationToken ct = default)
    {
        if (await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } a)
        {
            return NotFound();
        }
        return await FireWithEmailAsync(a, ApplicationTrigger.Accept, actor, officer, stamp, null, null, x => new ApplicationAccepted(x.Reference ?? "", x.Id), ct);
    }

    public async Task<Result<Application>> RejectAsync(Guid id, Actor actor, string? reason, string officer, Guid? stamp, CancellationToken ct = default)
    {
        if (await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } a)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<Application>.Failure(new Problem("required", new("Give the reason for not accepting the application.", "请填写不予受理的理由。"), "reason"));
        }
        var text = reason.Trim();
        return await FireWithEmailAsync(a, ApplicationTrigger.RejectAtIntake, actor, officer, stamp, text, null, x => new ApplicationRejectedAtIntake(x.Reference ?? "", text, x.Id), ct);
    }

    public async Task<Result<Application>> RequestCorrectionAsync(Guid id, Actor actor, CorrectionNotice notice, string officer, Guid? stamp, CancellationToken ct = default)
    {
        if (await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } a)
        {
            return NotFound();
        }
        var items = new List<CorrectionItem>();
        var unknown = (notice.MissingDocuments ?? []).Where(k => !ReviewFile.DocumentKindNames.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            return Result<Application>.Failure(new Problem("correction.document-kind", new(
                $"Unknown document kind: {string.Join(", ", unknown)}.", $"未知的材料类别：{string.Join("、", unknown)}。"), "missingDocuments"));
        }
        foreach (var kind in (notice.MissingDocuments ?? []).Distinct())
        {
            items.Add(CorrectionItems.ForDocument(kind));
        }
        // Free text is the officer's own words, shown as written in either language.
        foreach (var text in (notice.Items ?? []).SelectMany(i => (i ?? "").Split('\n')).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct())
        {
            items.Add(new CorrectionItem(null, text, text));
        }
        if (items.Count == 0)
        {
            return Result<Application>.Failure(new Problem("correction.no-items", new(
                "List at least one missing item: tick a missing document or write the item. The notice is sent once, so list everything.",
                "请至少列出一项需补正的内容：勾选缺少的材料或填写补正事项。补正通知只发一次，请一次性列全。"), "items"));
        }
        var due = await CorrectionDueOnAsync(ct);
        if (!due.Succeeded)
        {
            return Result<Application>.Failure(due.Problems);
        }
        var json = CorrectionItems.Write(items);
        return await FireWithEmailAsync(a, ApplicationTrigger.RequestCorrection, actor, officer, stamp, null,
            x => { x.CorrectionItems = json; x.CorrectionDueOn = due.Value; },
            x => new CorrectionRequested(x.Reference ?? "", [], due.Value, x.Id), ct, items);
    }

    private async Task<Result<Application>> FireWithEmailAsync(
        Application a, ApplicationTrigger trigger, Actor actor, string officer, Guid? stamp, string? reason, Action<Application>? change,
        Func<Application, EmailTemplate> email, CancellationToken ct, IReadOnlyList<CorrectionItem>? items = null)
    {
        var fired = unit.Fire(a, trigger, actor, officer, stamp, reason,
            data: items is null ? null : new { items, dueOn = a.CorrectionDueOn }, change: change);
        if (!fired.Succeeded)
        {
            return fired;
        }
        if (trigger == ApplicationTrigger.RequestCorrection)
        {
            // Set after the guard has read it (the change runs before the guards), in the same unit.
            a.CorrectionRequested = true;
        }
        if (await ReviewFile.ApplicantRecipientAsync(db, a, ct) is { } to)
        {
            var template = email(a);
            if (template is CorrectionRequested c && items is not null)
            {
                // The items in the applicant's language.
                var chinese = to.Culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
                template = c with { Items = items.Select(i => chinese ? i.Zh : i.En).ToList() };
            }
            unit.Email(to, template);
        }
        return await unit.CommitAsync(a, ct);
    }

    private static Result<Application> NotFound() => Result<Application>.Failure(ActionOutcome.NotFound());
}
