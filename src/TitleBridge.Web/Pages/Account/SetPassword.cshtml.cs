using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;

namespace TitleBridge.Web.Pages.Account;

/// <summary>An invited expert sets their first password from the invitation's link (Identity's reset token).</summary>
public sealed class SetPasswordModel(UserManager<AppUser> users, AppDbContext db, Infrastructure.Audit.AuditWriter audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Done { get; private set; }
    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (user is null || Code is null)
        {
            Errors.Add(new("Password", Localization.Pick("This link is not valid. Ask the bureau for a new invitation.", "该链接无效，请联系人力资源和社会保障部门重新发送邀请。")));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Code, Password ?? "");
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => new KeyValuePair<string, string>("Password", e.Description)));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        audit.Add(user.Id, new Infrastructure.Audit.PasswordSet(user.Id));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Done = true;
        return Page();
    }
}
