using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using Microsoft.Extensions.Options;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Applications;

/// <summary>
/// The applicant's own triggers after submission: withdraw (until the bureau accepts the file, decision
/// 0005) and resubmit once after the one correction notice, before its deadline (policy.md §5.3). Both are
/// one <see cref="UnitOfWork"/>: the email is committed with the change.
/// </summary>
public sealed class ApplicantActions(AppDbContext db, UnitOfWork unit, IOptions<EmailOptions> email)
{
    public const int MaxReasonLength = 1000;

    public async Task<Result<Application>> WithdrawAsync(Guid applicationId, string applicantId, string? reason, Guid? expectedStamp, CancellationToken ct = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.ApplicantId == applicantId, ct);
        if (application is null)
        {
            return Result<Application>.Failure(ApplicationProblems.NotFound);
        }
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is { Length: > MaxReasonLength })
        {
            return Result<Application>.Failure(new Problem("withdraw.reason", new(
                $"The reason can have at most {MaxReasonLength} characters.", $"撤回原因不超过 {MaxReasonLength} 个字符。"), "reason"));
        }
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == applicantId, ct);
        var fired = unit.Fire(application, ApplicationTrigger.Withdraw, Actor.Applicant, applicantId, expectedStamp, trimmed,
            change: a => a.WithdrawalReason = trimmed);
        if (!fired.Succeeded)
        {
            return fired;
        }
        if (application.Reference is { } reference)
        {
            // An applicant's own words go in both languages (EmailTemplates: ApplicationWithdrawn).
            var said = trimmed is null ? new BilingualText("you withdrew it.", "您本人撤回。") : new BilingualText(trimmed, trimmed);
            unit.Email(Recipient(user), new ApplicationWithdrawn(reference, said, application.Id));
        }
        return await unit.CommitAsync(application, ct);
    }

    /// <summary>
    /// Resubmission after the correction notice goes through check your answers again: every section
    /// complete and the declaration of authenticity made anew (policy.md §5.1, §5.3). The applicant and
    /// the intake office (Email:OfficeAddress) are emailed with the change.
    /// </summary>
    public async Task<Result<Application>> ResubmitAsync(Guid applicationId, string applicantId, bool declarationMade, Guid? expectedStamp, CancellationToken ct = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.ApplicantId == applicantId, ct);
        if (application is null)
        {
            return Result<Application>.Failure(ApplicationProblems.NotFound);
        }
        if (application.State == ApplicationState.CorrectionRequested)
        {
            var content = ApplicationContent.Read(application.Content);
            var parts = await db.ApplicationDocuments.Where(d => d.ApplicationId == application.Id).Select(d => d.Part).Distinct().ToListAsync(ct);
            var problems = ApplicationCompleteness.Problems(application, content, parts).ToList();
            if (!declarationMade)
            {
                problems.Add(new Problem("declaration.required", new(
                    "Confirm the declaration that the information and documents are true and complete.",
                    "请勾选声明，确认所填信息和所附材料真实、完整。"), "declaration"));
            }
            if (problems.Count > 0)
            {
                return Result<Application>.Failure(problems);
            }
        }
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == applicantId, ct);
        var fired = unit.Fire(application, ApplicationTrigger.Resubmit, Actor.Applicant, applicantId, expectedStamp,
            change: a => a.DeclarationMadeAt = unit.Now);
        if (!fired.Succeeded)
        {
            return fired;
        }
        if (application.Reference is { } reference)
        {
            unit.Email(Recipient(user), new CorrectionResubmitted(reference, application.Id));
            if (email.Value.OfficeAddress is { Length: > 0 } office)
            {
                unit.Email(new EmailRecipient(office, email.Value.OfficeName, email.Value.OfficeCulture),
                    new CorrectionResubmittedToOffice(reference, Recipient(user).Name, application.Id));
            }
        }
        return await unit.CommitAsync(application, ct);
    }

    public static EmailRecipient Recipient(AppUser user) =>
        new(user.Email!, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName, user.PreferredCulture);
}
