using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Employers;

/// <summary>The employer and officer pages of issue #4 in real Chromium, each checked with axe.</summary>
public sealed partial class EmployerOfficerPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "Register", "Approve", "Sign in")]
    [InlineData("zh-CN", "注册", "审核通过", "登录")]
    public async Task AnEmployerRegisters_AnOfficerApproves_BothSeeTheFile_EveryPageIsAccessible(string locale, string register, string approve, string signIn)
    {
        var code = locale == "en-US" ? "91440106MA59C1K26Q" : "914401041000000750";
        var email = $"hr-{locale}@browser.localhost";

        await using (var employer = await fixture.NewSessionAsync(nameof(AnEmployerRegisters_AnOfficerApproves_BothSeeTheFile_EveryPageIsAccessible) + "-employer", locale))
        {
            var page = employer.Page;
            await page.GotoAsync("/account/register-employer");
            await employer.CheckPageAsync("register-employer");
            await page.Locator("#NameZh").FillAsync("广州浏览器测试有限公司" + locale);
            await page.Locator("#NameEn").FillAsync("Browser Test Co " + locale);
            await page.Locator("#CreditCode").FillAsync(code[..17] + "Z");
            await page.Locator("#District").SelectOptionAsync("440106");
            await page.Locator("#ContactName").FillAsync("Li Hua");
            await page.Locator("#ContactEmail").FillAsync(email);
            await page.Locator("#AccountEmail").FillAsync(email);
            await page.Locator("#Password").FillAsync("Employer-Password-1");
            await page.Locator("#privacyNotice").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = register, Exact = true }).ClickAsync();
            await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
            await employer.CheckPageAsync("register-employer-problems");

            await page.Locator("#CreditCode").FillAsync(code);
            await page.Locator("#Password").FillAsync("Employer-Password-1");
            await page.Locator("#privacyNotice").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = register, Exact = true }).ClickAsync();
            await Expect(page.Locator("[data-employer-registered]")).ToHaveTextAsync(locale == "en-US"
                ? $"Thank you. We have sent an email to {email}. Open the link in it to confirm the address, then sign in. The account can act for the organisation once the bureau has approved it."
                : $"谢谢。我们已向 {email} 发送邮件。请打开邮件中的链接确认邮箱，然后登录。单位经人力资源和社会保障部门审核通过后，账户即可代表单位办理业务。");
            await employer.CheckPageAsync("register-employer-done");

            // The account confirms its address from the email, then signs in and waits for the bureau.
            string body;
            await using (var scope = fixture.App.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                body = await db.OutboxEmails.Where(m => m.To == email && m.TemplateKey == "ConfirmEmail").Select(m => m.TextBody).SingleAsync();
            }
            await page.GotoAsync(new Uri(ConfirmLink().Match(body).Value).PathAndQuery);
            await page.GotoAsync("/account/login");
            await page.Locator("#Email").FillAsync(email);
            await page.Locator("#Password").FillAsync("Employer-Password-1");
            await page.GetByRole(AriaRole.Button, new() { Name = signIn, Exact = true }).ClickAsync();
            await page.GotoAsync("/employer");
            await Expect(page.Locator("[data-employer-waiting]")).ToBeVisibleAsync();
            await employer.CheckPageAsync("employer-waiting");
        }

        var applicationId = await SeedApplicationAtIntakeAsync(email, locale);
        var officerEmail = await fixture.App.CreateOfficerAsync($"officer-{locale}@browser.localhost");

        await using (var officer = await fixture.NewSessionAsync(nameof(AnEmployerRegisters_AnOfficerApproves_BothSeeTheFile_EveryPageIsAccessible) + "-officer", locale))
        {
            var page = officer.Page;
            await page.GotoAsync("/account/login");
            await page.Locator("#Email").FillAsync(officerEmail);
            await page.Locator("#Password").FillAsync(KestrelApp.OfficerPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = signIn, Exact = true }).ClickAsync();

            await page.GotoAsync("/officer/employers");
            await officer.CheckPageAsync("officer-employers");
            await page.GetByRole(AriaRole.Button, new() { Name = $"{approve} Browser Test Co {locale}", Exact = true }).ClickAsync();
            await Expect(page.Locator(".notice-success")).ToBeVisibleAsync();

            await page.GotoAsync("/officer/intake");
            await officer.CheckPageAsync("officer-intake");
            await page.GotoAsync($"/officer/intake/{applicationId}");
            await Expect(page.Locator("#Items")).ToBeVisibleAsync();
            await officer.CheckPageAsync("officer-intake-file");
            await page.GotoAsync("/officer/calendar");
            await officer.CheckPageAsync("officer-calendar");
        }

        await using (var employer = await fixture.NewSessionAsync(nameof(AnEmployerRegisters_AnOfficerApproves_BothSeeTheFile_EveryPageIsAccessible) + "-approved", locale))
        {
            var page = employer.Page;
            await page.GotoAsync("/account/login");
            await page.Locator("#Email").FillAsync(email);
            await page.Locator("#Password").FillAsync("Employer-Password-1");
            await page.GetByRole(AriaRole.Button, new() { Name = signIn, Exact = true }).ClickAsync();
            await page.GotoAsync("/employer");
            await Expect(page.Locator("table.entries tbody tr")).ToHaveCountAsync(1);
            await employer.CheckPageAsync("employer-queue");
            await page.GotoAsync($"/employer/applications/{applicationId}");
            await employer.CheckPageAsync("employer-file");
        }
    }


    /// <summary>An application already recommended, naming the employer just registered (the applicant's journey is another test's).</summary>
    private async Task<Guid> SeedApplicationAtIntakeAsync(string employerEmail, string locale)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var employerId = await db.Users.Where(u => u.Email == employerEmail).Select(u => u.EmployerId).SingleAsync();
        var applicant = await db.Users.Where(u => u.Email == KestrelApp.AdminEmail).Select(u => u.Id).SingleAsync();
        var application = new Application
        {
            ApplicantId = applicant,
            CycleYear = 2026,
            Reference = locale == "en-US" ? "GZ-2026-900001" : "GZ-2026-900002",
            EmployerId = employerId,
            State = ApplicationState.Intake,
            TargetLevel = "E",
            Specialty = "computer-networks",
            SupportedByRules = false,
            EmploymentConfirmed = true,
            PrePublicityFrom = new DateOnly(2026, 9, 29),
            PrePublicityLastDay = new DateOnly(2026, 10, 10),
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://[^\s""<>]+/account/confirm-email\?userId=[^\s""<>]+")]
    private static partial System.Text.RegularExpressions.Regex ConfirmLink();
}
