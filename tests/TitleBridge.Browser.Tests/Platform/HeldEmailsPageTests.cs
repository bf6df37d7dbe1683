using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Email;
using static Microsoft.Playwright.Assertions;

namespace TitleBridge.Browser.Tests.Platform;

/// <summary>
/// Issue #10 in the browser: two emails were handed to the mail server and it never answered, so they are held. The
/// administrator finds them from the menu, reads why and what to look up, and decides by keyboard: one was delivered
/// (confirmed on its own page, which names the email), one goes again. In both languages, at desktop width and at 320 px, with axe and the language-leak check on each page.
/// </summary>
public sealed class HeldEmailsPageTests(HeldEmailsPageTests.Fixture fixture) : IClassFixture<HeldEmailsPageTests.Fixture>
{
    /// <summary>A claim of 12 s, so the SMTP client waits 3 s for an answer (a quarter) and the test's server keeps it waiting 5.</summary>
    public sealed class Fixture : BrowserFixture
    {
        protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?> { ["Email:LockSeconds"] = "12" };
    }

    public sealed record Texts(string SignIn, string Nav, string Title, string Count, string WhyLabel, string Why, string Delivered, string SendAgain,
        string ConfirmTitle, string ConfirmButton, string DeliveredNotice, string SentAgainNotice, string None);

    private static readonly Dictionary<string, Texts> TextsFor = new()
    {
        ["en-US"] = new("Sign in", "Held emails", "Emails held for a decision", "Emails waiting for a decision: 2.",
            "Why it is held", "Handed to the mail server, no answer: it may have been delivered", "Record as delivered", "Send it again",
            "Record this email as delivered?", "Yes, record it as delivered", "The email is recorded as delivered. It will not be sent again.", "The email will be sent again within a minute.", "No emails are waiting for a decision."),
        ["zh-CN"] = new("登录", "待处理邮件", "待处理邮件", "共有 2 封邮件待处理。",
            "待处理原因", "已交给邮件服务器但未收到回复，可能已经投递", "记为已送达", "重新发送",
            "确定将该邮件记为已送达吗？", "是，记为已送达", "该邮件已记为已送达，不会再次发送。", "该邮件将在一分钟内重新发送。", "目前没有待处理的邮件。"),
    };

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task AnAdministrator_DecidesOnHeldEmails_ByKeyboard(string locale)
    {
        var text = TextsFor[locale];
        var app = fixture.App;
        var run = Guid.NewGuid().ToString("N")[..8];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            outbox.Enqueue(new EmailRecipient($"zhang-{run}@example.com", "张伟", "zh-Hans"), new ApplicationAccepted("GZ-2026-000042", Guid.NewGuid()));
            outbox.Enqueue(new EmailRecipient($"smith-{run}@example.com", "Jo Smith", "en"), new ApplicationAccepted("GZ-2026-000043", Guid.NewGuid()));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        app.Smtp.OnReceiving = _ => Task.Delay(TimeSpan.FromSeconds(5));
        await app.DeliverEmailsAsync();
        app.Smtp.OnReceiving = null;

        await using var session = await fixture.NewSessionAsync(nameof(AnAdministrator_DecidesOnHeldEmails_ByKeyboard), locale);
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(KestrelApp.AdminEmail);
        await page.Locator("#Password").FillAsync(KestrelApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = text.SignIn, Exact = true }).ClickAsync();
        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = text.Nav, Exact = true }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync(text.Title);
        await Expect(page.Locator("[data-held-count]")).ToHaveTextAsync(text.Count);
        var zh = page.Locator("ol.held-emails > li").Filter(new() { HasText = $"zhang-{run}@example.com" });
        var en = page.Locator("ol.held-emails > li").Filter(new() { HasText = $"smith-{run}@example.com" });
        await Expect(zh.Locator("h2")).ToHaveTextAsync("申报 GZ-2026-000042 已受理");
        await Expect(en.Locator("h2")).ToHaveTextAsync("Application GZ-2026-000043 accepted for review");
        await Expect(zh.Locator("dl > div dt").First).ToHaveTextAsync(text.WhyLabel);
        await Expect(zh.Locator("dl > div dd").First).ToHaveTextAsync(text.Why);
        await Expect(en.Locator("dl > div dd").First).ToHaveTextAsync(text.Why);
        await session.CheckPageAsync("held");

        // By keyboard: the link to the confirmation step is reached with Tab like any other and followed with Enter; the
        // step names the email (its subject in the email's own language), and its button is pressed with Enter.
        var delivered = zh.GetByRole(AriaRole.Link, new() { Name = text.Delivered, Exact = true });
        await delivered.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync(text.ConfirmTitle);
        await Expect(page.Locator("[data-confirm-step] dd[lang=zh-Hans]")).ToHaveTextAsync("申报 GZ-2026-000042 已受理");
        await Expect(page.Locator("[data-confirm-step] dl")).ToContainTextAsync($"zhang-{run}@example.com");
        await session.CheckPageAsync("confirm-delivered");
        await page.GetByRole(AriaRole.Button, new() { Name = text.ConfirmButton, Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync(text.DeliveredNotice);
        await session.CheckPageAsync("delivered");
        await en.GetByRole(AriaRole.Button, new() { Name = text.SendAgain, Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync(text.SentAgainNotice);
        await Expect(page.Locator("[data-held-count]")).ToHaveTextAsync(text.None);
        await session.CheckPageAsync("none-left");

        await using var check = app.Services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<AppDbContext>().OutboxEmails.AsNoTracking()
            .Where(e => e.To.EndsWith($"-{run}@example.com")).ToListAsync();
        Assert.NotNull(rows.Single(e => e.To.StartsWith("zhang")).SentAt);
        var again = rows.Single(e => e.To.StartsWith("smith"));
        Assert.Equal((null, null, (DateTimeOffset?)null), (again.SentAt, again.UncertainAt, again.GaveUpAt));
        // Sent again, it goes (the server answers in time now). This server had kept the first copy too, after the client
        // stopped waiting: which is why the page asks the administrator to look in the server's log before sending again.
        await app.DeliverEmailsAsync();
        await app.Smtp.WaitForAsync($"smith-{run}@example.com", _ => app.Smtp.Received.Count(r => r.Recipients.Contains($"smith-{run}@example.com")) == 2);
        Assert.NotNull((await check.ServiceProvider.GetRequiredService<AppDbContext>().OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == again.Id)).SentAt);
    }
}
