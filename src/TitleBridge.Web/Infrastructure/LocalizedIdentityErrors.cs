using Microsoft.AspNetCore.Identity;

namespace TitleBridge.Web.Infrastructure;

/// <summary>Identity's messages in the user's language.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string en, string zh) => new() { Code = code, Description = Localization.Pick(en, zh) };

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), $"The password must be at least {length} characters long.", $"密码长度至少为 {length} 个字符。");

    public override IdentityError PasswordRequiresDigit() =>
        Error(nameof(PasswordRequiresDigit), "The password must contain a digit (0–9).", "密码必须包含数字（0–9）。");

    public override IdentityError PasswordRequiresLower() =>
        Error(nameof(PasswordRequiresLower), "The password must contain a lowercase letter (a–z).", "密码必须包含小写字母（a–z）。");

    public override IdentityError PasswordRequiresUpper() =>
        Error(nameof(PasswordRequiresUpper), "The password must contain an uppercase letter (A–Z).", "密码必须包含大写字母（A–Z）。");

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), $"An account with the email {email} already exists.", $"邮箱 {email} 已注册账号。");

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), $"An account with the name {userName} already exists.", $"用户名 {userName} 已被使用。");

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), $"'{email}' is not a valid email address.", $"“{email}”不是有效的邮箱地址。");
}
