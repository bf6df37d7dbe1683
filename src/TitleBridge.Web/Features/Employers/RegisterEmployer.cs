using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Common;
using TitleBridge.Domain.Employers;
using TitleBridge.Web.Data;

namespace TitleBridge.Web.Features.Employers;

/// <summary>
/// An employer (用人单位) registers itself and its first account (issue #4 "Accounts"): names in both
/// languages, the unified social credit code checked with its check characters, the Guangzhou district
/// and contacts. The organisation waits for an officer's approval; until then its account can do nothing.
/// The account proves its address by a confirmation link before it can sign in. An account address that
/// already exists gets the same answer as a new one and its owner an email (issue #12, "No enumeration").
/// Nothing is stored when anything is wrong.
/// </summary>
public sealed class RegisterEmployer(AppDbContext db, UserManager<AppUser> users, GuangzhouDistricts districts, TimeProvider time, PersonalData.PrivacyNotices notices,
    Accounts.AccountAddresses addresses, Infrastructure.Audit.AuditWriter audit)
{
    public const string DuplicateCode = "employer.duplicate";

    public sealed record Request(
        string? NameZh, string? NameEn, string? CreditCode, string? District,
        string? ContactName, string? ContactEmail, string? ContactPhone,
        string? AccountEmail, string? Password, string? Culture = null, string? PrivacyNotice = null);

    /// <summary>
    /// Registers the organisation and its account, or (for a known account address) emails the owner. The
    /// value is the new organisation or null; callers answer both alike.
    /// </summary>
    /// <param name="confirmLink">Makes the absolute confirmation link from the user id and the URL-safe code.</param>
    public async Task<Result<Employer?>> HandleAsync(Request r, Func<string, string, Uri> confirmLink, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        Required(r.NameZh, "nameZh", "the organisation's name in Chinese", "单位中文名称");
        Required(r.NameEn, "nameEn", "the organisation's name in English", "单位英文名称");
        Required(r.ContactName, "contactName", "the contact person's name", "联系人姓名");
        var code = UnifiedSocialCreditCode.Parse(r.CreditCode);
        if (!code.Succeeded)
        {
            problems.AddRange(code.Problems.Select(p => p with { Field = "creditCode" }));
        }
        if (districts.Find((r.District ?? "").Trim()) is null)
        {
            problems.Add(new Problem("employer.district", new("Choose the Guangzhou district where the organisation is registered.", "请选择单位注册所在的广州市辖区。"), "district"));
        }
        Email(r.ContactEmail, "contactEmail", "the contact's email address", "联系人邮箱");
        Email(r.AccountEmail, "accountEmail", "the email address of the account", "账户邮箱");
        if ((r.ContactPhone ?? "").Trim() is { Length: > 0 } phone && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')'))
        {
            problems.Add(new Problem("employer.phone", new("Write the phone number with digits, spaces, +, - and brackets only.", "电话号码只能包含数字、空格、+、- 和括号。"), "contactPhone"));
        }
        var user = new AppUser
        {
            UserName = (r.AccountEmail ?? "").Trim(),
            Email = (r.AccountEmail ?? "").Trim(),
            DisplayName = (r.ContactName ?? "").Trim(),
            PreferredCulture = r.Culture is { } c && c.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-Hans",
        };
        if (string.IsNullOrEmpty(r.Password))
        {
            problems.Add(new Problem("required", new("Choose a password for the account.", "请为账户设置密码。"), "password"));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, user, r.Password);
                problems.AddRange(checkedPassword.Errors.Select(e => new Problem("password." + e.Code, new(e.Description, e.Description), "password")));
            }
        }
        if (code.Succeeded && await db.Employers.AnyAsync(e => e.CreditCode == code.Value.Value, ct))
        {
            problems.Add(Duplicate());
        }
        // PIPL Art. 14 (policy.md §6): consent to the notice in force, or nothing is written.
        if (await notices.CheckAsync(r.PrivacyNotice, ct) is { } consent)
        {
            problems.Add(consent);
        }
        if (problems.Count > 0)
        {
            return Result<Employer?>.Failure(problems);
        }
        if (await users.FindByEmailAsync(user.Email) is { } existing)
        {
            addresses.AnswerKnownAddress(existing, r.Password!);
            await db.SaveChangesAsync(ct);
            return Result<Employer?>.Success(null);
        }

        var employer = new Employer
        {
            NameZh = r.NameZh!.Trim(),
            NameEn = r.NameEn!.Trim(),
            CreditCode = code.Value.Value,
            District = r.District!.Trim(),
            ContactName = r.ContactName!.Trim(),
            ContactEmail = r.ContactEmail!.Trim(),
            ContactPhone = (r.ContactPhone ?? "").Trim(),
            Status = EmployerStatus.PendingApproval,
            RegisteredAt = time.GetUtcNow(),
        };
        user.EmployerId = employer.Id;
        // Organisation and account together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Employers.Add(employer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on the credit code: someone registered the same organisation a moment ago.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result<Employer?>.Failure(Duplicate());
        }
        var created = await users.CreateAsync(user, r.Password!);
        var role = created.Succeeded ? await users.AddToRoleAsync(user, Roles.Employer) : created;
        if (!role.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result<Employer?>.Failure(role.Errors.Select(e => new Problem("account." + e.Code, new(e.Description, e.Description), "accountEmail")).ToList());
        }
        notices.Record(user.Id, r.PrivacyNotice!, "registration");
        audit.Add(user.Id, new Infrastructure.Audit.AccountRegistered(user.Id, Roles.Employer));
        await addresses.QueueConfirmationAsync(user, confirmLink);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<Employer?>.Success(employer);

        void Required(string? value, string field, string en, string zh)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new Problem("required", new($"Enter {en}.", $"请填写{zh}。"), field));
            }
        }

        void Email(string? value, string field, string en, string zh)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new Problem("required", new($"Enter {en}.", $"请填写{zh}。"), field));
            }
            else if (!new EmailAddressAttribute().IsValid(value.Trim()) || !MimeKit.MailboxAddress.TryParse(value.Trim(), out _))
            {
                problems.Add(new Problem("email", new($"Enter {en} in the form name@example.com.", $"{zh}格式应为 name@example.com。"), field));
            }
        }
    }

    private static Problem Duplicate() => Problem.Conflict(DuplicateCode, new(
        "An organisation with this unified social credit code is already registered. Ask its existing account holder, or the bureau, for access.",
        "该统一社会信用代码的单位已注册。请联系该单位已有账户的持有人或人力资源和社会保障部门。"), "creditCode");
}
