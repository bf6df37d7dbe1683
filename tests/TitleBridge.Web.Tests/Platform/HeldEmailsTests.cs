using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Tests.Shared;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure.Email;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>
/// Issue #10, fault 3: an email the mail server may have is never sent a second time on its own. A real SMTP server
/// takes one email completely and then does not answer within the client's timeout (a quarter of Email:LockSeconds):
/// that email is held as uncertain. Another email meets a server that is gone: refused every time, it is given up.
/// The administrator decides on both at /admin/emails, in either language, and each decision is audited; recording an
/// email as delivered (it is then never sent) asks first, on a page naming the email and its Message-ID.
/// </summary>
public sealed class HeldEmailsTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnEmailHandedOverWithoutAnAnswer_IsHeldNotSentAgain_AndTheAdministratorDecides(Provider provider)
    {
        var smtp = TestSmtpServer.Start();
        var settings = new Dictionary<string, string?>(smtp.Settings) { ["Email:LockSeconds"] = "4", ["Email:MaxAttempts"] = "1" };
        // The app's clock stands still, so a slow machine does not use up the claim before the hand-over; the SMTP
        // client's own timeout (a quarter of the claim, 1 s) runs in real time against the server's 3 s silence.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 1, 30, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(provider, clock: clock, settings: settings);
        var sender = app.Services.GetRequiredService<OutboxSender>();
        var uncertain = await EnqueueAsync(app, new EmailRecipient("zhang@example.com", "张伟", "zh-Hans"), new ApplicationAccepted("GZ-2026-000042", Guid.NewGuid()));
        smtp.OnReceiving = _ => Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await sender.ProcessOnceAsync());
        await smtp.DisposeAsync();
        // The server did take it: it was saved once the answer's delay was over (after the client had stopped waiting).
        Assert.Single(smtp.Received);
        // Written a minute later, so it is listed second (oldest first).
        clock.Advance(TimeSpan.FromMinutes(1));
        var refused = await EnqueueAsync(app, new EmailRecipient("smith@example.com", "Jo Smith", "en"), new ApplicationAccepted("GZ-2026-000043", Guid.NewGuid()));
        Assert.Equal(1, await sender.ProcessOnceAsync());

        var held = await RowAsync(app, uncertain);
        Assert.NotNull(held.UncertainAt);
        Assert.Null(held.SentAt);
        Assert.Equal(0, held.Attempts);
        Assert.NotNull((await RowAsync(app, refused)).GaveUpAt);
        Assert.Equal(0, await sender.ProcessOnceAsync());

        var admin = app.Client("en");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);
        var page = await (await admin.GetAsync("/admin/emails")).PageAsync();
        Assert.Equal("Emails held for a decision", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Emails waiting for a decision: 2.", page.QuerySelector("[data-held-count]")!.TextContent.Trim());
        var items = page.QuerySelectorAll("ol.held-emails > li").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(
        [
            "申报 GZ-2026-000042 已受理",
            "Why it is held: Handed to the mail server, no answer: it may have been delivered",
            "To: zhang@example.com",
            $"Message ID: {uncertain:N}@titlebridge.localhost",
        ], Summary(items[0]).Take(4));
        Assert.Equal("zh-Hans", items[0].QuerySelector("h2 span")!.GetAttribute("lang"));
        Assert.Equal(["Send it again", "Record as delivered"], Buttons(items[0]));
        Assert.Equal($"/admin/emails/{uncertain}/delivered", items[0].QuerySelector("a.button")!.GetAttribute("href"));
        Assert.Equal(
        [
            "Application GZ-2026-000043 accepted for review",
            "Why it is held: Sending failed every time (attempts: 1)",
            "To: smith@example.com",
            $"Message ID: {refused:N}@titlebridge.localhost",
        ], Summary(items[1]).Take(4));
        Assert.Equal(["Send it again"], Buttons(items[1]));

        // The same page in Chinese.
        var zhAdmin = app.Client("zh-Hans");
        Assert.Equal(HttpStatusCode.Redirect, (await zhAdmin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);
        var zhPage = await (await zhAdmin.GetAsync("/admin/emails")).PageAsync();
        Assert.Equal("待处理邮件", zhPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("共有 2 封邮件待处理。", zhPage.QuerySelector("[data-held-count]")!.TextContent.Trim());
        var zhItems = zhPage.QuerySelectorAll("ol.held-emails > li").ToList();
        Assert.Equal("待处理原因: 已交给邮件服务器但未收到回复，可能已经投递", Summary(zhItems[0])[1]);
        Assert.Equal("待处理原因: 每次发送均失败（共 1 次）", Summary(zhItems[1])[1]);
        Assert.Equal(["重新发送", "记为已送达"], Buttons(zhItems[0]));

        // "Record as delivered" asks first: which email, what will happen, and what to have seen in the server's log.
        var confirm = $"/admin/emails/{uncertain}/delivered";
        var step = await admin.GetAsync(confirm);
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        var confirmPage = await step.PageAsync();
        Assert.Equal("Record this email as delivered? – TitleBridge", confirmPage.Title);
        Assert.Equal(
        [
            "Record this email as delivered?",
            "Subject: 申报 GZ-2026-000042 已受理",
            "To: zhang@example.com",
            $"Message ID: {uncertain:N}@titlebridge.localhost",
            "TitleBridge will record it as delivered and never send it again.",
            "Do this only if the mail server's log shows that the server accepted this message ID.",
            "If the log has no record of it, or you cannot tell, go back and send it again instead.",
            "This cannot be undone.",
            "Yes, record it as delivered",
            "No, go back to the held emails",
        ], ConfirmStep(confirmPage));
        Assert.Single(confirmPage.QuerySelectorAll("h1"));
        Assert.Equal("zh-Hans", confirmPage.QuerySelector("[data-confirm-step] dl > div:first-child dd")!.GetAttribute("lang"));
        Assert.Equal(confirm, confirmPage.QuerySelector("[data-confirm-step] form")!.GetAttribute("action"));
        Assert.Equal("post", confirmPage.QuerySelector("[data-confirm-step] form")!.GetAttribute("method"));
        Assert.Equal("/admin/emails", confirmPage.QuerySelector("[data-confirm-step] p > a")!.GetAttribute("href"));
        var zhConfirmPage = await (await zhAdmin.GetAsync(confirm)).PageAsync();
        Assert.Equal(
        [
            "确定将该邮件记为已送达吗？",
            "主题: 申报 GZ-2026-000042 已受理",
            "收件人: zhang@example.com",
            $"邮件编号（Message-ID）: {uncertain:N}@titlebridge.localhost",
            "系统将把该邮件记为已送达，此后不会再次发送。",
            "仅当邮件服务器日志显示服务器已接收该邮件编号的邮件时，才可这样处理。",
            "如日志中没有该邮件的记录，或无法确认，请返回并重新发送。",
            "此操作不能撤销。",
            "是，记为已送达",
            "不，返回待处理邮件",
        ], ConfirmStep(zhConfirmPage));
        // Looking at the question changes nothing: the email is still held.
        var stillHeld = await RowAsync(app, uncertain);
        Assert.Equal((held.UncertainAt, (DateTimeOffset?)null), (stillHeld.UncertainAt, stillHeld.SentAt));

        // It does not apply to an email every attempt of which was refused, nor to an id that is no email: the question
        // is not asked, the list says no such email is held, and nothing changes.
        const string Gone = "That email is no longer held: it was delivered, or someone decided on it already. Nothing was changed.";
        foreach (var notUncertain in new[] { refused, Guid.NewGuid() })
        {
            Assert.Equal(Gone, await NoticeAsync(admin, await admin.GetAsync($"/admin/emails/{notUncertain}/delivered")));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/emails/not-an-id/delivered")).StatusCode);
        Assert.Equal(Gone, await NoticeAsync(admin, await PostAsync(admin, $"/admin/emails/{refused}/delivered")));
        Assert.Null((await RowAsync(app, refused)).SentAt);

        Assert.Equal("The email is recorded as delivered. It will not be sent again.", await NoticeAsync(admin, await PostAsync(admin, confirm)));
        // Confirmed again (a second tab, or another administrator): it is no longer held, and nothing changes.
        Assert.Equal(Gone, await NoticeAsync(admin, await PostAsync(admin, confirm)));
        Assert.Equal(Gone, await NoticeAsync(admin, await admin.GetAsync(confirm)));
        var sentAgain = await admin.PostFormAsync("/admin/emails?handler=SendAgain", ("id", refused.ToString()));
        Assert.Equal("The email will be sent again within a minute.", await NoticeAsync(admin, sentAgain));
        // A second decision on the same email changes nothing.
        var twice = await admin.PostFormAsync("/admin/emails?handler=SendAgain", ("id", uncertain.ToString()));
        Assert.Equal(Gone, await NoticeAsync(admin, twice));

        var decided = await RowAsync(app, uncertain);
        Assert.Equal((true, (DateTimeOffset?)null), (decided.SentAt is not null, decided.UncertainAt));
        var again = await RowAsync(app, refused);
        Assert.Equal((null, null, 0), (again.GaveUpAt, again.SentAt, again.Attempts));
        var adminId = await app.QueryAsync(db => db.Users.Where(u => u.Email == TestApp.AdminEmail).Select(u => u.Id).SingleAsync());
        var events = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Subject.StartsWith("email:")).OrderBy(e => e.Id)
            .Select(e => new { e.Type, e.Subject, e.Actor, e.Data }).ToListAsync());
        Assert.Equal(
        [
            new { Type = "HeldEmailMarkedDelivered", Subject = $"email:{uncertain}", Actor = adminId, Data = $$"""{"emailId":"{{uncertain}}"}""" },
            new { Type = "HeldEmailSentAgain", Subject = $"email:{refused}", Actor = adminId, Data = $$"""{"emailId":"{{refused}}","held":"gave-up"}""" },
        ], events);
        var empty = await (await admin.GetAsync("/admin/emails")).PageAsync();
        Assert.Equal("No emails are waiting for a decision.", empty.QuerySelector("[data-held-count]")!.TextContent.Trim());
        Assert.Empty(empty.QuerySelectorAll("ol.held-emails > li"));
    }

    private static string[] Summary(IElement item) =>
    [
        item.QuerySelector("h2")!.TextContent.Trim(),
        .. item.QuerySelectorAll("dl > div").Select(d => $"{d.QuerySelector("dt")!.TextContent.Trim()}: {d.QuerySelector("dd")!.TextContent.Trim()}"),
    ];

    /// <summary>The decisions offered: buttons, and the link styled as one that leads to a confirmation step.</summary>
    private static string[] Buttons(IElement item) => [.. item.QuerySelectorAll("button, a.button").Select(b => b.TextContent.Trim())];

    /// <summary>The confirmation step's visible text: its heading, the email's summary, what will happen, the warning, the button and the way back.</summary>
    private static string[] ConfirmStep(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var step = page.QuerySelector("[data-confirm-step]")!;
        return
        [
            step.QuerySelector("h1")!.TextContent.Trim(),
            .. step.QuerySelectorAll("dl > div").Select(d => $"{d.QuerySelector("dt")!.TextContent.Trim()}: {d.QuerySelector("dd")!.TextContent.Trim()}"),
            .. step.Children.Where(c => c.LocalName == "p" && c.QuerySelector("a") is null).Select(p => p.TextContent.Trim()),
            step.QuerySelector(".notice")!.TextContent.Trim(),
            .. step.QuerySelectorAll("button").Select(b => b.TextContent.Trim()),
            .. step.QuerySelectorAll("p > a").Select(a => a.TextContent.Trim()),
        ];
    }

    /// <summary>The confirmation's form posted, with the antiforgery token of the administrator's list page.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url)
    {
        var token = Http.AntiforgeryToken(await client.GetStringAsync("/admin/emails"));
        return await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Confirmed", "true")]));
    }

    private static async Task<string> NoticeAsync(HttpClient client, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var page = await (await client.GetAsync(redirect.Headers.Location)).PageAsync();
        return page.QuerySelector("[role=status]")!.TextContent.Trim();
    }

    private static async Task<Guid> EnqueueAsync(TestApp app, EmailRecipient to, EmailTemplate template)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var email = scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(to, template);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return email.Id;
    }

    private static Task<OutboxEmail> RowAsync(TestApp app, Guid id) =>
        app.QueryAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id));
}
