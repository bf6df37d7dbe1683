using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Employers;

/// <summary>
/// An officer approves or rejects a registered organisation (issue #4 "Accounts": its first account
/// an officer approves). Only a pending organisation can be decided; a reason is required to reject.
/// The email to the organisation's accounts is committed with the decision.
/// </summary>
public sealed class DecideEmployer(AppDbContext db, IEmailOutbox outbox, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public const string NotFoundCode = "employer.not-found";
    public const string NotPendingCode = "employer.not-pending";
    public const string ChangedCode = "employer.changed";

    public async Task<Result<Employer>> HandleAsync(Guid employerId, bool approve, string? reason, string officer, Guid? expectedStamp, CancellationToken ct = default)
    {
        var employer = await db.Employers.FirstOrDefaultAsync(e => e.Id == employerId, ct);
        if (employer is null)
        {
            return Result<Employer>.Failure(Problem.NotFound(NotFoundCode, new("There is no such employer.", "没有该用人单位。")));
        }
        if (expectedStamp is { } stamp && stamp != employer.ConcurrencyStamp)
        {
            return Result<Employer>.Failure(Changed());
        }
        if (employer.Status != EmployerStatus.PendingApproval)
        {
            return Result<Employer>.Failure(Problem.Conflict(NotPendingCode, new(
                $"This organisation has already been decided ({employer.Status}).", $"该单位已审核（{(employer.Status == EmployerStatus.Approved ? "已通过" : "未通过")}）。")));
        }
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return Result<Employer>.Failure(new Problem("required", new("Give the reason for rejecting the organisation.", "请填写不予通过的理由。"), "reason"));
        }
        employer.Status = approve ? EmployerStatus.Approved : EmployerStatus.Rejected;
        employer.DecidedBy = officer;
        employer.DecidedAt = time.GetUtcNow();
        employer.DecisionReason = approve ? null : reason!.Trim();
        employer.ConcurrencyStamp = Guid.NewGuid();
        var accounts = await db.Users.Where(u => u.EmployerId == employer.Id && u.Email != null).ToListAsync(ct);
        foreach (var account in accounts)
        {
            outbox.Enqueue(new EmailRecipient(account.Email!, account.DisplayName, account.PreferredCulture),
                approve ? new EmployerAccountApproved() : new EmployerAccountRejected(employer.DecisionReason!));
        }
        audit.Add(approve ? new Infrastructure.Audit.EmployerApproved(employer.Id, employer.CreditCode) : new Infrastructure.Audit.EmployerRejected(employer.Id, employer.CreditCode), employer.DecisionReason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Employer>.Failure(Changed());
        }
        return Result<Employer>.Success(employer);
    }

    private static Problem Changed() => Problem.Conflict(ChangedCode, new(
        "Someone else decided this organisation at the same time. Reload the page to see what happened.",
        "其他人同时审核了该单位。请刷新页面查看最新情况。"));
}
