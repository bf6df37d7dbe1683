using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Eligibility;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Audit;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Features.PersonalData;

public sealed record DataRequestDto(Guid Id, string Kind, string Status, string Details, DateTimeOffset RequestedAt, DateTimeOffset? AnsweredAt, BilingualText? Answer, DateOnly? RetainedUntil)
{
    public static DataRequestDto From(DataRequest r) => new(r.Id, r.Kind.ToString(), r.Status.ToString(), r.Details, r.RequestedAt, r.AnsweredAt,
        r.AnswerEn is null ? null : new BilingualText(r.AnswerEn, r.AnswerZh ?? r.AnswerEn), r.RetainedUntil);
}

/// <summary>
/// Requests about one's personal information and their answers (PIPL Arts. 46, 47, 50). Deletion of an account with
/// nothing submitted happens at once, with its documents and sessions; a submitted file is kept and the answer gives
/// the retention reason and date. A correction request goes to the office, which answers it.
/// </summary>
public sealed class DataRequests(AppDbContext db, UserManager<AppUser> users, IFileStore files, RuleSetStore rules, TimeProvider time)
{
    /// <summary>Terminal states: the final decision on a file (the retention period runs from the day it was reached).</summary>
    public static readonly ApplicationState[] Final =
        [ApplicationState.Confirmed, ApplicationState.CertificateIssued, ApplicationState.Rejected, ApplicationState.Withdrawn,
         ApplicationState.DeclinedByEmployer, ApplicationState.ObjectionUpheld, ApplicationState.Revoked];

    public sealed record Outcome(DataRequest Request, bool AccountDeleted);

    public async Task<Result<Outcome>> RequestAsync(string userId, string? kind, string? details, CancellationToken ct = default)
    {
        var text = details?.Trim() ?? "";
        if (!Enum.TryParse<DataRequestKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k))
        {
            return Result<Outcome>.Failure(new Problem("data-request.kind", new("Choose what you are asking for: correction or deletion.", "请选择请求类型：更正或删除。"), "kind"));
        }
        if (text.Length > DataRequest.MaxDetailsLength || (k == DataRequestKind.Correction && text.Length == 0))
        {
            return Result<Outcome>.Failure(new Problem("data-request.details", new($"Say what should be corrected (at most {DataRequest.MaxDetailsLength} characters).", $"请说明需要更正的内容（不超过 {DataRequest.MaxDetailsLength} 个字符）。"), "details"));
        }
        var now = time.GetUtcNow();
        var request = new DataRequest { UserId = userId, Kind = k, Status = DataRequestStatus.Open, Details = text, RequestedAt = now };
        if (k == DataRequestKind.Correction)
        {
            db.DataRequests.Add(request);
            AuditWriter.Add(db, now, userId, new DataRequestMade(request.Id, k.ToString()));
            await db.SaveChangesAsync(ct);
            return Result<Outcome>.Success(new(request, false));
        }

        var applications = await db.Applications.AsNoTracking().Where(a => a.ApplicantId == userId).Select(a => new { a.Id, a.State, a.SubmittedAt }).ToListAsync(ct);
        if (applications.All(a => a.SubmittedAt is null))
        {
            await DeleteAccountAsync(userId, request, now, applications.Select(a => a.Id).ToList(), ct);
            return Result<Outcome>.Success(new(request, true));
        }

        // Art. 47 with §6: submitted files are kept retentionYears after the final decision; the answer says why and until when.
        var years = (await rules.InForceAsync(time.Today(), ct))?.PersonalData.RetentionYears.Value ?? 10;
        var decided = await RetentionSweep.DecidedOnAsync(db, applications.Select(a => a.Id).ToList(), ct);
        var latest = applications.All(a => Final.Contains(a.State) && decided.ContainsKey(a.Id)) ? decided.Values.Max() : (DateOnly?)null;
        request.Status = DataRequestStatus.Refused;
        request.AnsweredAt = now;
        request.RetainedUntil = latest?.AddYears(years);
        (request.AnswerEn, request.AnswerZh) = latest is { } day
            ? ($"Your account has submitted applications. The law on title evaluation requires the bureau to keep them for {years} years after the final decision (Personal Information Protection Law, Art. 47), so they will be anonymised on {day.AddYears(years):yyyy-MM-dd}: your name, identity numbers, contacts and documents, and what others wrote about you in them, will then be removed.",
               $"您的账户有已提交的申请。职称评审相关规定要求在最终决定后保存 {years} 年（个人信息保护法第四十七条），届时即 {day.AddYears(years):yyyy年M月d日} 将进行匿名化处理，删除您的姓名、证件号码、联系方式和材料，以及他人在申请中对您的记述。")
            : ($"Your account has an application still under evaluation. It must be kept until the final decision and then for {years} years (Personal Information Protection Law, Art. 47); it will be anonymised after that, and you can ask again after the decision to see the exact date.",
               $"您的账户有尚在评审中的申请。申请须保存至最终决定后 {years} 年（个人信息保护法第四十七条），期满后匿名化处理；作出决定后可再次提出请求以了解具体日期。");
        db.DataRequests.Add(request);
        AuditWriter.Add(db, now, Actors.System, new DataRequestAnswered(request.Id, k.ToString(), request.Status.ToString(), request.RetainedUntil));
        await db.SaveChangesAsync(ct);
        return Result<Outcome>.Success(new(request, false));
    }

    /// <summary>An administrator answers an open request (a correction made, or refused with its reason).</summary>
    public async Task<Result<DataRequest>> AnswerAsync(Guid id, bool fulfilled, string? answerEn, string? answerZh, string actor, CancellationToken ct = default)
    {
        if (await db.DataRequests.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } request)
        {
            return Result<DataRequest>.Failure(Problem.NotFound("data-request.not-found", new("There is no such request.", "没有该请求。")));
        }
        if (request.Status != DataRequestStatus.Open)
        {
            return Result<DataRequest>.Failure(Problem.Conflict("data-request.answered", new("This request has been answered already.", "该请求已答复。")));
        }
        if (string.IsNullOrWhiteSpace(answerEn) || string.IsNullOrWhiteSpace(answerZh) || answerEn.Length > 2000 || answerZh.Length > 2000)
        {
            return Result<DataRequest>.Failure(new Problem("data-request.answer", new("Write the answer in both languages (at most 2000 characters each).", "请以两种语言填写答复（各不超过 2000 个字符）。"), "answer"));
        }
        var now = time.GetUtcNow();
        (request.Status, request.AnsweredAt, request.AnswerEn, request.AnswerZh) = (fulfilled ? DataRequestStatus.Fulfilled : DataRequestStatus.Refused, now, answerEn.Trim(), answerZh.Trim());
        AuditWriter.Add(db, now, actor, new DataRequestAnswered(request.Id, request.Kind.ToString(), request.Status.ToString(), request.RetainedUntil));
        await db.SaveChangesAsync(ct);
        return Result<DataRequest>.Success(request);
    }

    /// <summary>
    /// Removes every row and file of the person: documents (rows and files), applications and their events, profile,
    /// consents, emails sent to them, and the account with its roles, logins, tokens and claims (which also ends every
    /// session: the security stamp is gone). The request itself stays, answered, pointing at nobody.
    /// </summary>
    private async Task DeleteAccountAsync(string userId, DataRequest request, DateTimeOffset now, List<Guid> applicationIds, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var documents = await db.ApplicationDocuments.Where(d => applicationIds.Contains(d.ApplicationId)).ToListAsync(ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.ApplicationDocuments.RemoveRange(documents);
            db.ApplicationEvents.RemoveRange(await db.ApplicationEvents.Where(e => applicationIds.Contains(e.ApplicationId)).ToListAsync(ct));
            db.Applications.RemoveRange(await db.Applications.Where(a => a.ApplicantId == userId).ToListAsync(ct));
            db.ApplicantProfiles.RemoveRange(await db.ApplicantProfiles.Where(p => p.UserId == userId).ToListAsync(ct));
            db.Consents.RemoveRange(await db.Consents.Where(c => c.UserId == userId).ToListAsync(ct));
            var address = user.Email ?? "";
            db.OutboxEmails.RemoveRange(await db.OutboxEmails.Where(m => m.To == address).ToListAsync(ct));
            foreach (var earlier in await db.DataRequests.Where(r => r.UserId == userId).ToListAsync(ct))
            {
                earlier.UserId = null;
            }
            request.UserId = null;
            request.Status = DataRequestStatus.Fulfilled;
            request.AnsweredAt = now;
            (request.AnswerEn, request.AnswerZh) = ("Nothing had been submitted, so the account, its drafts and documents were deleted at once.", "账户尚未提交任何申请，账户、草稿和材料已立即删除。");
            db.DataRequests.Add(request);
            AuditWriter.Add(db, now, userId, new AccountDeleted(request.Id, applicationIds.Count, documents.Count));
            await db.SaveChangesAsync(ct);
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                throw new InvalidOperationException("Deleting the account failed: " + string.Join("; ", deleted.Errors.Select(e => e.Code)));
            }
            await transaction.CommitAsync(ct);
        }
        // Files go after the commit: a failed commit must not lose a file whose row remains.
        foreach (var d in documents)
        {
            await files.DeleteAsync(d.StorageKey, ct);
        }
    }
}
