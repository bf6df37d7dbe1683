using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Catalogue;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Review;

/// <summary>
/// The expert pool (评审专家库, policy.md §5.4): officers add experts (a senior title, employer, specialties,
/// a term of at most maxExpertTermYears); each gets an Expert account and an invitation in their language
/// to set a password. Experts correct their own profile. A term that has ended makes an expert
/// unavailable; nobody is ever deleted.
/// </summary>
public sealed class ExpertPool(AppDbContext db, UserManager<AppUser> users, ReviewAccess access, ReferenceData reference, IEmailOutbox outbox, TimeProvider time, Infrastructure.Audit.AuditWriter audit)
{
    public sealed record ExpertInput(
        string? NameZh, string? NameEn, string? Email, string? TitleHeld, string? EmployerName, string? EmployerCreditCode,
        IReadOnlyList<string>? Specialties, DateOnly? TermFrom, DateOnly? TermTo, string? Culture);

    public sealed record ProfileInput(string? NameZh, string? NameEn, string? EmployerName, string? EmployerCreditCode, IReadOnlyList<string>? Specialties, string? Culture);

    public const int MaxSpecialties = 5;

    public async Task<List<Expert>> ListAsync(string? specialty, bool? available, CancellationToken ct)
    {
        var today = time.Today();
        var all = await db.Experts.AsNoTracking().OrderBy(e => e.NameEn).ToListAsync(ct);
        return all.Where(e => (specialty is null || e.Specialties.Contains(specialty)) && (available is null || e.IsAvailableOn(today) == available)).ToList();
    }

    public async Task<Result<Expert>> AddAsync(ExpertInput input, string officer, Func<string, string, Uri> setPasswordLink, CancellationToken ct)
    {
        var rules = await access.RulesAsync(ct);
        var problems = new List<Problem>();
        var common = Check(input.NameZh, input.NameEn, input.EmployerName, input.EmployerCreditCode, input.Specialties, problems);
        var email = input.Email?.Trim() ?? "";
        if (email.Length is 0 or > 254 || !MimeKit.MailboxAddress.TryParse(email, out var parsed) || parsed.Address != email || !email.Contains('@'))
        {
            problems.Add(new Problem("invalid", new("Enter the expert's email address, like name@example.com.", "请填写专家的邮箱地址，例如 name@example.com。"), "email"));
        }
        else if (await db.Experts.AnyAsync(e => e.Email == email, ct) || await users.FindByEmailAsync(email) is not null)
        {
            problems.Add(new Problem("duplicate", new("An account with this email address already exists.", "该邮箱地址已有账户。"), "email"));
        }
        if (input.TitleHeld is not ("SE" or "PSE"))
        {
            problems.Add(new Problem("invalid", new("Choose the senior title the expert holds: Senior Engineer or Professorate Senior Engineer.", "请选择专家具有的高级职称：高级工程师或正高级工程师。"), "titleHeld"));
        }
        if (input.TermFrom is not { } from || input.TermTo is not { } to || to < from)
        {
            problems.Add(new Problem("invalid", new("Enter the appointment term: a first and a last day, the last not before the first.", "请填写聘任期的起止日期，截止日期不得早于起始日期。"), "termTo"));
        }
        else if (to > from.AddYears(rules.Review.MaxExpertTermYears.Value).AddDays(-1))
        {
            problems.Add(new Problem("invalid", new(
                $"An appointment term is at most {rules.Review.MaxExpertTermYears.Value} years (last day {from.AddYears(rules.Review.MaxExpertTermYears.Value).AddDays(-1):yyyy-MM-dd}).",
                $"聘任期最长 {rules.Review.MaxExpertTermYears.Value} 年（最晚至 {from.AddYears(rules.Review.MaxExpertTermYears.Value).AddDays(-1):yyyy-MM-dd}）。"), "termTo"));
        }
        if (problems.Count > 0)
        {
            return Result<Expert>.Failure(problems);
        }

        var culture = input.Culture == Localization.English ? Localization.English : Localization.Chinese;
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = common.NameZh, PreferredCulture = culture };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return Result<Expert>.Failure(created.Errors.Select(e => new Problem("invalid", new(e.Description, e.Description), "email")).ToList());
        }
        await users.AddToRoleAsync(user, Roles.Expert);
        var expert = new Expert
        {
            UserId = user.Id, NameZh = common.NameZh, NameEn = common.NameEn, Email = email, TitleHeld = input.TitleHeld!,
            EmployerName = common.EmployerName, EmployerCreditCode = common.CreditCode, Specialties = common.Specialties,
            TermFrom = input.TermFrom!.Value, TermTo = input.TermTo!.Value, PreferredCulture = culture,
            CreatedAt = now, CreatedBy = officer, UpdatedAt = now,
        };
        db.Experts.Add(expert);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        outbox.Enqueue(new EmailRecipient(email, culture == Localization.English ? expert.NameEn : expert.NameZh, culture),
            new ExpertInvitation(setPasswordLink(user.Id, token), expert.TermFrom, expert.TermTo));
        audit.Add(new Infrastructure.Audit.ExpertAdded(expert.Id, expert.TitleHeld, expert.Specialties, expert.TermFrom, expert.TermTo));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<Expert>.Success(expert);
    }

    /// <summary>An expert corrects their own names, employer, specialties and language; the term and title are the bureau's.</summary>
    public async Task<Result<Expert>> UpdateOwnAsync(Guid expertId, ProfileInput input, string actor, CancellationToken ct)
    {
        var expert = await db.Experts.FirstOrDefaultAsync(e => e.Id == expertId, ct);
        if (expert is null)
        {
            return Result<Expert>.Failure(ReviewProblems.NotFound());
        }
        var problems = new List<Problem>();
        var common = Check(input.NameZh, input.NameEn, input.EmployerName, input.EmployerCreditCode, input.Specialties, problems);
        if (problems.Count > 0)
        {
            return Result<Expert>.Failure(problems);
        }
        var before = (expert.NameZh, expert.NameEn, expert.EmployerName, expert.EmployerCreditCode, Specialties: expert.Specialties.ToList());
        (expert.NameZh, expert.NameEn, expert.EmployerName, expert.EmployerCreditCode, expert.Specialties) =
            (common.NameZh, common.NameEn, common.EmployerName, common.CreditCode, common.Specialties);
        if (input.Culture is Localization.English or Localization.Chinese)
        {
            expert.PreferredCulture = input.Culture;
        }
        expert.UpdatedAt = time.GetUtcNow();
        audit.Add(new Infrastructure.Audit.ExpertProfileCorrected(expert.Id, Changed(before, (expert.NameZh, expert.NameEn, expert.EmployerName, expert.EmployerCreditCode, expert.Specialties))));
        await db.SaveChangesAsync(ct);
        return Result<Expert>.Success(expert);
    }

    private sealed record Common(string NameZh, string NameEn, string EmployerName, string? CreditCode, List<string> Specialties);

    private Common Check(string? nameZh, string? nameEn, string? employerName, string? creditCode, IReadOnlyList<string>? specialties, List<Problem> problems)
    {
        string Text(string? value, string field, int max, string en, string zh)
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0 || text.Length > max)
            {
                problems.Add(new Problem(text.Length == 0 ? "required" : "too-long", new(text.Length == 0 ? en : $"{en} ({max} characters at most)", text.Length == 0 ? zh : $"{zh}（最多 {max} 个字符）"), field));
            }
            return text;
        }
        var zhName = Text(nameZh, "nameZh", 100, "Enter the expert's name in Chinese.", "请填写专家的中文姓名。");
        var enName = Text(nameEn, "nameEn", 200, "Enter the expert's name in English (Latin letters).", "请填写专家的英文姓名。");
        var employer = Text(employerName, "employerName", 200, "Enter the expert's employer.", "请填写专家的工作单位。");
        string? code = null;
        if (!string.IsNullOrWhiteSpace(creditCode))
        {
            var parsed = UnifiedSocialCreditCode.Parse(creditCode);
            if (parsed.Succeeded)
            {
                code = parsed.Value.ToString();
            }
            else
            {
                problems.Add(new Problem("invalid", new("The unified social credit code is not valid: 18 characters with a correct check character.", "统一社会信用代码无效：应为 18 位且校验码正确。"), "employerCreditCode"));
            }
        }
        var keys = (specialties ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (keys.Count == 0 || keys.Count > MaxSpecialties || keys.Any(k => !reference.Specialties.ContainsKey(k)))
        {
            problems.Add(new Problem("invalid", new($"Choose one to {MaxSpecialties} specialties of the catalogue.", $"请从目录中选择 1 至 {MaxSpecialties} 个专业。"), "specialties"));
        }
        return new Common(zhName, enName, employer, code, keys);
    }

    /// <summary>The names of the fields that changed: the log keeps which, not the values (they are personal data).</summary>
    private static List<string> Changed((string? NameZh, string? NameEn, string? EmployerName, string? CreditCode, List<string> Specialties) before,
        (string? NameZh, string? NameEn, string? EmployerName, string? CreditCode, List<string> Specialties) after)
    {
        var changed = new List<string>();
        if (before.NameZh != after.NameZh) { changed.Add("nameZh"); }
        if (before.NameEn != after.NameEn) { changed.Add("nameEn"); }
        if (before.EmployerName != after.EmployerName) { changed.Add("employerName"); }
        if (before.CreditCode != after.CreditCode) { changed.Add("employerCreditCode"); }
        if (!before.Specialties.SequenceEqual(after.Specialties)) { changed.Add("specialties"); }
        return changed;
    }
}
