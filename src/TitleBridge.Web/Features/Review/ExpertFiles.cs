using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Review;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.EmployerReview;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;

namespace TitleBridge.Web.Features.Review;

/// <summary>
/// What an expert does with assigned files (policy.md §5.4): the list with due dates; a conflict
/// declared before reading; the file read-only (a conflicted expert gets "not found", as for a file that
/// does not exist); document downloads logged; one structured opinion, saved as a draft and submitted
/// once before the due date; the others' opinions only after one's own is submitted.
/// </summary>
public sealed class ExpertFiles(AppDbContext db, ReviewAccess access, IFileStore files, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public const int MaxOpinionLength = 10_000;

    public sealed record AssignedFile(Application Application, DateOnly DueOn, bool Conflicted, ReviewOpinion? Opinion);

    public sealed record OpinionInput(IReadOnlyDictionary<string, int>? Scores, string? Text, string? Language, bool? Recommend);

    public sealed record OpinionView(ReviewOpinion? Mine, DateOnly DueOn, IReadOnlyList<ReviewOpinion>? Others);

    public async Task<List<AssignedFile>> MineAsync(Expert expert, CancellationToken ct)
    {
        var rows = await db.ReviewAssignments.AsNoTracking().Where(r => r.ExpertId == expert.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.ApplicationId).ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var opinions = await db.ReviewOpinions.AsNoTracking().Where(o => o.ExpertId == expert.Id && ids.Contains(o.ApplicationId)).ToDictionaryAsync(o => o.ApplicationId, ct);
        var list = new List<AssignedFile>();
        foreach (var r in rows.OrderBy(r => r.DueOn).ThenBy(r => applications[r.ApplicationId].Reference, StringComparer.Ordinal))
        {
            var a = applications[r.ApplicationId];
            list.Add(new AssignedFile(a, r.DueOn, await access.IsConflictedAsync(expert, a, ct), opinions.GetValueOrDefault(a.Id)));
        }
        return list;
    }

    /// <summary>The assignment of a file to this expert, or null when none or the expert is conflicted: both read as "not found".</summary>
    public async Task<(Application Application, ReviewAssignment Assignment)?> ReadableAsync(Expert expert, Guid applicationId, CancellationToken ct)
    {
        var assignment = await db.ReviewAssignments.AsNoTracking().FirstOrDefaultAsync(r => r.ExpertId == expert.Id && r.ApplicationId == applicationId, ct);
        var application = assignment is null ? null : await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null || await access.IsConflictedAsync(expert, application, ct))
        {
            return null;
        }
        return (application, assignment!);
    }

    public async Task<Result<ReviewFile>> FileAsync(Expert expert, Guid applicationId, CancellationToken ct)
    {
        if (await ReadableAsync(expert, applicationId, ct) is null || await ReviewFile.LoadAsync(db, applicationId, unmaskIdentity: false, ct) is not { } file)
        {
            return Result<ReviewFile>.Failure(ReviewProblems.NotFound());
        }
        return Result<ReviewFile>.Success(file);
    }

    public async Task<(ApplicationDocument Document, Stream Content)?> DownloadAsync(Expert expert, Guid applicationId, Guid documentId, CancellationToken ct)
    {
        if (await ReadableAsync(expert, applicationId, ct) is null
            || await db.ApplicationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId, ct) is not { } document)
        {
            return null;
        }
        db.ReviewDocumentDownloads.Add(new ReviewDocumentDownload { ApplicationId = applicationId, DocumentId = documentId, ExpertId = expert.Id, At = time.GetUtcNow() });
        audit.Add(new Infrastructure.Audit.DocumentDownloaded(applicationId, documentId, Roles.Expert));
        await db.SaveChangesAsync(ct);
        return (document, await files.OpenReadAsync(document.StorageKey, ct));
    }

    /// <summary>An expert declares a conflict with an assigned file, before reading it; from then on the file is "not found" for them.</summary>
    public async Task<Result<ConflictRecord>> DeclareAsync(Expert expert, Guid applicationId, string? relationship, string? note, CancellationToken ct)
    {
        if (!await db.ReviewAssignments.AnyAsync(r => r.ExpertId == expert.Id && r.ApplicationId == applicationId, ct))
        {
            return Result<ConflictRecord>.Failure(ReviewProblems.NotFound());
        }
        var problems = new List<Problem>();
        if (!Enum.TryParse<DeclaredRelationship>(relationship, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            problems.Add(new Problem("required", new("Choose the relationship: relative, supervisor or student, co-author, or other.", "请选择关系：亲属、导师或学生、合著者或其他。"), "relationship"));
        }
        var text = note?.Trim() ?? "";
        if (text.Length > 1000 || (kind == DeclaredRelationship.Other && text.Length == 0))
        {
            problems.Add(new Problem("invalid", new("Describe the relationship in a few words (1000 characters at most; needed for “other”).", "请简要说明关系（最多 1000 个字符；选择“其他”时必填）。"), "note"));
        }
        if (problems.Count > 0)
        {
            return Result<ConflictRecord>.Failure(problems);
        }
        var now = time.GetUtcNow();
        var record = new ConflictRecord { ExpertId = expert.Id, ApplicationId = applicationId, Kind = nameof(ConflictKind.Declared), Relationship = kind.ToString(), Note = text.Length > 0 ? text : kind.ToString(), RecordedBy = expert.Email, RecordedAt = now };
        db.Conflicts.Add(record);
        audit.Add(new Infrastructure.Audit.ConflictDeclared(applicationId, expert.Id, kind.ToString()), text);
        await db.SaveChangesAsync(ct);
        return Result<ConflictRecord>.Success(record);
    }

    public async Task<Result<OpinionView>> OpinionAsync(Expert expert, Guid applicationId, CancellationToken ct)
    {
        if (await ReadableAsync(expert, applicationId, ct) is not { } readable)
        {
            return Result<OpinionView>.Failure(ReviewProblems.NotFound());
        }
        var mine = await db.ReviewOpinions.AsNoTracking().FirstOrDefaultAsync(o => o.ApplicationId == applicationId && o.ExpertId == expert.Id, ct);
        IReadOnlyList<ReviewOpinion>? others = null;
        if (mine?.SubmittedAt is not null)
        {
            others = await db.ReviewOpinions.AsNoTracking().Where(o => o.ApplicationId == applicationId && o.ExpertId != expert.Id && o.SubmittedAt != null).ToListAsync(ct);
        }
        return Result<OpinionView>.Success(new OpinionView(mine, readable.Assignment.DueOn, others));
    }

    /// <summary>Saves the draft (<paramref name="submit"/> false) or submits it, once, before the group's due date, with every score in range.</summary>
    public async Task<Result<ReviewOpinion>> SaveOpinionAsync(Expert expert, Guid applicationId, OpinionInput input, bool submit, CancellationToken ct)
    {
        if (await ReadableAsync(expert, applicationId, ct) is not { } readable)
        {
            return Result<ReviewOpinion>.Failure(ReviewProblems.NotFound());
        }
        if (readable.Application.State != ApplicationState.InReview)
        {
            return Result<ReviewOpinion>.Failure(ReviewProblems.State("The file is no longer in review.", "该申请已不在评审阶段。"));
        }
        var opinion = await db.ReviewOpinions.FirstOrDefaultAsync(o => o.ApplicationId == applicationId && o.ExpertId == expert.Id, ct);
        if (opinion?.SubmittedAt is not null)
        {
            return Result<ReviewOpinion>.Failure(ReviewProblems.State("Your opinion is already submitted; it cannot be changed.", "您的评审意见已提交，不能修改。"));
        }
        if (time.Today() > readable.Assignment.DueOn)
        {
            return Result<ReviewOpinion>.Failure(ReviewProblems.State($"The opinions were due by {readable.Assignment.DueOn:yyyy-MM-dd}.", $"评审意见的截止日期为 {readable.Assignment.DueOn:yyyy-MM-dd}，已过期。"));
        }
        var scheme = (await access.RulesAsync(ct)).Review.Scoring.Value;
        var problems = new List<Problem>();
        var scores = new Dictionary<string, int>();
        foreach (var c in scheme.Criteria)
        {
            if (input.Scores?.TryGetValue(c.Key, out var s) == true && s >= scheme.Min && s <= scheme.Max)
            {
                scores[c.Key] = s;
            }
            else if (submit || input.Scores?.ContainsKey(c.Key) == true)
            {
                problems.Add(new Problem("invalid", new($"Score “{c.Name.En}” from {scheme.Min} to {scheme.Max}.", $"请为“{c.Name.Zh}”打分（{scheme.Min} 至 {scheme.Max} 分）。"), $"scores.{c.Key}"));
            }
        }
        if (input.Scores?.Keys.Any(k => scheme.Criteria.All(c => c.Key != k)) == true)
        {
            problems.Add(new Problem("invalid", new("Score only the criteria listed.", "只能对所列评分项打分。"), "scores"));
        }
        var text = input.Text?.Trim() ?? "";
        if (text.Length > MaxOpinionLength || (submit && text.Length == 0))
        {
            problems.Add(new Problem("invalid", new($"Write your opinion (up to {MaxOpinionLength} characters).", $"请填写评审意见（最多 {MaxOpinionLength} 个字符）。"), "text"));
        }
        if (input.Language is not (null or Localization.Chinese or Localization.English))
        {
            problems.Add(new Problem("invalid", new("Choose the language of the opinion: Chinese or English.", "请选择评审意见的语言：中文或英文。"), "language"));
        }
        if (submit && input.Recommend is null)
        {
            problems.Add(new Problem("required", new("Say whether you recommend the application.", "请选择是否推荐该申请。"), "recommend"));
        }
        if (problems.Count > 0)
        {
            return Result<ReviewOpinion>.Failure(problems);
        }
        var now = time.GetUtcNow();
        if (opinion is null)
        {
            opinion = new ReviewOpinion { ApplicationId = applicationId, ExpertId = expert.Id };
            db.ReviewOpinions.Add(opinion);
        }
        opinion.Scores = JsonSerializer.Serialize(scores);
        opinion.Text = text;
        opinion.Language = input.Language ?? expert.PreferredCulture;
        opinion.Recommend = input.Recommend;
        opinion.UpdatedAt = now;
        if (!submit)
        {
            audit.Add(new Infrastructure.Audit.ReviewOpinionSaved(applicationId, expert.Id));
        }
        if (submit)
        {
            opinion.SubmittedAt = now;
            audit.Add(new Infrastructure.Audit.ReviewOpinionSubmitted(applicationId, expert.Id));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<ReviewOpinion>.Failure(ReviewProblems.State("Your opinion was saved from another window at the same time. Reload and try again.", "您的评审意见已在另一窗口同时保存，请刷新后重试。"));
        }
        return Result<ReviewOpinion>.Success(opinion);
    }

    public static IReadOnlyDictionary<string, int> ScoresOf(ReviewOpinion o) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(o.Scores) ?? [];
}
