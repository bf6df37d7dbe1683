using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Features.Applicants;

/// <summary>
/// The applicant's profile, reused across years (issue #4): names as in the document, the identity
/// document checked by <see cref="IdentityDocuments.Check"/>, a phone number. Nothing is saved when
/// anything is wrong. While one of the person's files is under evaluation
/// (<see cref="Domain.Applications.ApplicationWorkflow.IsUnderEvaluation"/>) the profile is not changed here:
/// the person asks the office for a correction instead (PIPL Art. 46, issue #9).
/// </summary>
public sealed class SaveProfile(AppDbContext db, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public sealed record Request(string? DocumentName, string? ChineseName, IdentityDocumentType? DocumentType, string? DocumentNumber, string? DocumentCountry, string? Phone);

    public const string UnderEvaluationCode = "profile.under-evaluation";

    /// <summary>The reference (or null) of a file of the person's that is under evaluation now.</summary>
    public async Task<string?> UnderEvaluationAsync(string userId, CancellationToken ct = default)
    {
        var files = await db.Applications.AsNoTracking().Where(a => a.ApplicantId == userId).Select(a => new { a.State, a.Reference }).ToListAsync(ct);
        return files.FirstOrDefault(f => Domain.Applications.ApplicationWorkflow.IsUnderEvaluation(f.State)) is { } file ? file.Reference ?? "" : null;
    }

    public static Problem UnderEvaluation(string reference) => Problem.Conflict(UnderEvaluationCode, new(
        $"Your application {reference} is being evaluated, and the bureau reads your profile as it was when you sent it, so it cannot be changed here now. To correct it, ask the bureau under \"Correct your information\" on the page \"My data\".",
        $"您的申请 {reference} 正在评审中，评审以提交时的个人信息为准，因此现在不能在此修改。如需更正，请在“我的信息”页面的“更正您的信息”中向人力资源和社会保障部门提出请求。"), "documentName");

    public async Task<Result<ApplicantProfile>> HandleAsync(Request request, string userId, CancellationToken ct = default)
    {
        if (await UnderEvaluationAsync(userId, ct) is { } underEvaluation)
        {
            return Result<ApplicantProfile>.Failure(UnderEvaluation(underEvaluation));
        }
        var problems = new List<Problem>();
        var name = request.DocumentName?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            problems.Add(new Problem("profile.documentName", new("Enter your name exactly as in your identity document (at most 100 characters).",
                "请按身份证件上的写法填写姓名（不超过 100 个字符）。"), "documentName"));
        }
        var chinese = string.IsNullOrWhiteSpace(request.ChineseName) ? null : request.ChineseName.Trim();
        if (chinese is { Length: > 50 })
        {
            problems.Add(new Problem("profile.chineseName", new("A Chinese name has at most 50 characters.", "中文姓名不超过 50 个字符。"), "chineseName"));
        }
        var phone = request.Phone?.Trim() ?? "";
        if (phone.Length is 0 or > 30 || phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')))
        {
            problems.Add(new Problem("profile.phone", new("Enter a phone number of digits, with + - ( ) or spaces if you like, e.g. +852 2345 6789.",
                "请填写电话号码（数字，可含 + - ( ) 或空格），例如 +852 2345 6789。"), "phone"));
        }
        string? number = null;
        if (request.DocumentType is not { } type || !Enum.IsDefined(type))
        {
            problems.Add(new Problem("profile.documentType", new("Choose the type of your identity document.", "请选择身份证件类型。"), "documentType"));
        }
        else
        {
            var checkedNumber = IdentityDocuments.Check(type, request.DocumentNumber, request.DocumentCountry, time.Today());
            if (checkedNumber.Succeeded)
            {
                number = checkedNumber.Value;
            }
            else
            {
                problems.AddRange(checkedNumber.Problems.Select(p => p with { Field = p.Field == "country" || p.Code.StartsWith("identity.passport.issuing", StringComparison.Ordinal) ? "documentCountry" : "documentNumber" }));
            }
        }
        if (problems.Count > 0)
        {
            return Result<ApplicantProfile>.Failure(problems);
        }
        var profile = await db.ApplicantProfiles.FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null)
        {
            profile = new ApplicantProfile { UserId = userId, DocumentName = name, DocumentNumber = number! };
            db.ApplicantProfiles.Add(profile);
        }
        profile.DocumentName = name;
        profile.ChineseName = chinese;
        profile.DocumentType = request.DocumentType!.Value;
        profile.DocumentNumber = number!;
        profile.DocumentCountry = request.DocumentType == IdentityDocumentType.Passport ? request.DocumentCountry?.Trim().ToUpperInvariant() : null;
        profile.Phone = phone;
        profile.UpdatedAt = time.GetUtcNow();
        audit.Add(new Infrastructure.Audit.ProfileSaved(userId, profile.DocumentType.ToString(), Infrastructure.Audit.AuditWriter.Mask(profile.DocumentNumber), profile.DocumentCountry));
        await db.SaveChangesAsync(ct);
        return Result<ApplicantProfile>.Success(profile);
    }
}
