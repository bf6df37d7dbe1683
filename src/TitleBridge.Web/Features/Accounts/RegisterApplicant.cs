using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Email;

namespace TitleBridge.Web.Features.Accounts;

/// <summary>
/// An applicant registers themselves (issue #4 "Accounts"): the account is created unconfirmed in role
/// Applicant, and the confirmation email is committed in the same transaction, in the chosen language.
/// An address that already has an account gets the same answer (nothing tells a stranger it exists) and
/// its owner is emailed instead (issue #12).
/// </summary>
public sealed class RegisterApplicant(AppDbContext db, UserManager<AppUser> users, AccountAddresses addresses, Features.PersonalData.PrivacyNotices notices,
    Infrastructure.Problems.InputLimits limits, Infrastructure.Audit.AuditWriter audit)
{
    public const int MaxDisplayNameLength = 100;

    public sealed record Request(string? Email, string? Password, string? DisplayName, string? Culture, string? PrivacyNotice = null);

    /// <param name="confirmLink">Makes the absolute confirmation link from the user id and the URL-safe code.</param>
    public async Task<Result<string>> HandleAsync(Request request, Func<string, string, Uri> confirmLink, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var email = request.Email?.Trim() ?? "";
        if (!IsEmailAddress(email, limits))
        {
            problems.Add(new Problem("email", new("Enter an email address like name@example.com.", "请输入有效的邮箱地址，例如 name@example.com。"), "email"));
        }
        var name = request.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxDisplayNameLength)
        {
            problems.Add(new Problem("displayName", new($"Enter your name (at most {MaxDisplayNameLength} characters).", $"请填写您的姓名（不超过 {MaxDisplayNameLength} 个字符）。"), "displayName"));
        }
        if (request.Culture is not (Localization.Chinese or Localization.English))
        {
            problems.Add(new Problem("culture", new("Choose the language for emails: 中文 or English.", "请选择接收邮件的语言：中文或 English。"), "culture"));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            problems.Add(new Problem("password", new("Enter a password.", "请输入密码。"), "password"));
        }
        // PIPL Art. 14 (policy.md §6): consent to the notice in force, or nothing is written.
        if (await notices.CheckAsync(request.PrivacyNotice, ct) is { } consent)
        {
            problems.Add(consent);
        }
        if (problems.Count > 0)
        {
            return Result<string>.Failure(problems);
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            addresses.AnswerKnownAddress(existing, request.Password!);
            await db.SaveChangesAsync(ct);
            return Result<string>.Success(existing.Id);
        }
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = false, DisplayName = name, PreferredCulture = request.Culture! };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, request.Password!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Applicant);
        }
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result<string>.Failure(created.Errors.Select(e => new Problem(e.Code, new(e.Description, e.Description),
                e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")).ToList());
        }
        await addresses.QueueConfirmationAsync(user, confirmLink);
        notices.Record(user.Id, request.PrivacyNotice!, "registration");
        audit.Add(user.Id, new Infrastructure.Audit.AccountRegistered(user.Id, Roles.Applicant));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<string>.Success(user.Id);
    }

    /// <summary>
    /// An address people can write to, within RFC 5321's lengths (local part 64, domain 255, whole 254
    /// octets; decision record 0010) and in the plain form MimeKit reads back unchanged.
    /// </summary>
    public static bool IsEmailAddress(string email, Infrastructure.Problems.InputLimits limits)
    {
        var at = email.LastIndexOf('@');
        return at > 0 && at < email.Length - 1
            && System.Text.Encoding.UTF8.GetByteCount(email) <= limits.Email
            && System.Text.Encoding.UTF8.GetByteCount(email[..at]) <= limits.EmailLocalPart
            && System.Text.Encoding.UTF8.GetByteCount(email[(at + 1)..]) <= limits.EmailDomain
            && MimeKit.MailboxAddress.TryParse(email, out var parsed) && parsed.Address == email;
    }

    /// <summary>Sends the confirmation email again; says nothing about whether the address exists.</summary>
    public async Task ResendAsync(string? email, Func<string, string, Uri> confirmLink, CancellationToken ct = default)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || user.EmailConfirmed)
        {
            return;
        }
        await addresses.QueueConfirmationAsync(user, confirmLink);
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> ConfirmAsync(string? userId, string? code)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(code))
        {
            return false;
        }
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return false;
        }
        return (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
