using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Results;

/// <summary>Who read a file in its expert review: the conflict input of a re-examination's new review group.</summary>
public interface IFileReviewers
{
    Task<IReadOnlyList<string>> ExpertIdsAsync(Guid applicationId, CancellationToken ct = default);
}

/// <summary>
/// Re-examination (复查, policy.md §5.7): the applicant asks once, with grounds, within ReexaminationDays of the
/// result's publication (the workflow's guards reexamination-in-time and reexamination-once refuse otherwise, with
/// the reason). The request records the experts who read the file before; <see cref="IsConflict"/> is what the
/// new review group's assignment must respect. Assigning the group is the expert review's step (issue #7).
/// </summary>
public sealed class Reexamination(AppDbContext db, UnitOfWork unit, IFileReviewers reviewers, TimeProvider time)
{
    public async Task<Result<Application>> RequestAsync(Guid id, string applicantId, string? grounds, CancellationToken ct = default)
    {
        var a = await db.Applications.FirstOrDefaultAsync(x => x.Id == id && x.ApplicantId == applicantId, ct);
        if (a is null)
        {
            return Result<Application>.Failure(ActionOutcome.NotFound());
        }
        var text = grounds?.Trim() ?? "";
        if (text.Length is 0 or > 4000)
        {
            return Result<Application>.Failure(new Problem(text.Length == 0 ? "required" : "too-long", text.Length == 0
                ? new("Give your grounds for re-examination: what in the result you think is wrong, and why.", "请填写申请复查的理由：您认为评审结果哪里有误及其原因。")
                : new("Shorten the grounds to at most 4000 characters.", "复查理由不能超过 4000 个字符。"), "grounds"));
        }
        var earlier = await reviewers.ExpertIdsAsync(a.Id, ct);
        var fired = unit.Fire(a, ApplicationTrigger.RequestReexamination, Actor.Applicant, applicantId, reason: text,
            data: new { earlierReviewers = earlier.Count });
        if (!fired.Succeeded)
        {
            return fired;
        }
        // Set after the guard has read them (the once-only guard reads ReexaminationRequestedAt).
        a.ReexaminationRequestedAt = time.GetUtcNow();
        a.ReexaminationGrounds = text;
        a.EarlierReviewers = JsonSerializer.Serialize(earlier);
        if (await ReviewFile.ApplicantRecipientAsync(db, a, ct) is { } to)
        {
            unit.Email(to, new ReexaminationRequestedEmail(a.Reference ?? "", a.Id));
        }
        return await unit.CommitAsync(a, ct);
    }

    /// <summary>Earlier involvement in the same file is a conflict (policy.md §5.4): true for an expert who read it before.</summary>
    public static bool IsConflict(Application application, string expertId) => EarlierReviewersOf(application).Contains(expertId, StringComparer.Ordinal);

    /// <summary>The experts who read the file before its re-examination was requested (none if it never was).</summary>
    public static IReadOnlyList<string> EarlierReviewersOf(Application application) =>
        application.EarlierReviewers is { Length: > 0 } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
}
