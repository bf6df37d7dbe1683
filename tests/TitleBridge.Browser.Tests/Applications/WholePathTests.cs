using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Browser.Tests.TestData;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TitleBridge.Browser.Tests.Infrastructure.PageActions;

namespace TitleBridge.Browser.Tests.Applications;

// Each language has its own class, so its own app and clock: the days the walk moves the clock do not add up.
public sealed class WholePathInChineseTests(BrowserFixture fixture) : WholePathTests(fixture, "zh-CN"), IClassFixture<BrowserFixture>;

public sealed class WholePathInEnglishTests(BrowserFixture fixture) : WholePathTests(fixture, "en-US"), IClassFixture<BrowserFixture>;

/// <summary>
/// Issue #4's whole path in real Chromium, with axe on every page: an applicant in Chinese (and again in
/// English) registers, confirms the email from the outbox, starts, saves, comes back, uploads and submits; the employer in
/// English runs the pre-evaluation publicity and recommends; an officer in English sends one correction
/// notice; the applicant corrects and resubmits, and both resubmission emails (applicant and intake office)
/// are read from the SMTP server the outbox delivers to; the officer accepts. The app's clock is moved
/// across the working days the publicity needs.
/// </summary>
public abstract partial class WholePathTests(BrowserFixture fixture, string locale)
{
    private const string Password = "Whole-Path-Password-1";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% whole path\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>What the applicant writes and reads in their language.</summary>
    public sealed record Applicant(
        string Locale, string Name, string CultureField, string Confirmed, string Completed, string Report, string CorrectionItem,
        string ItemShown, string ResubmitHeading, string IntakeTag, string ResubmittedSubject, string ApplicationLinkLabel,
        string ToCorrect, string IdentityDocument);

    private static readonly Dictionary<string, Applicant> Applicants = new()
    {
        ["zh-CN"] = new("zh-CN", "陈大文", "#Culture-zh", "已确认", "已完成",
            string.Concat(Enumerable.Repeat("负责园区网络与数据中心网络的规划、设计、实施与运维，主持多个重点项目。", 8)),
            "The scan of the travel permit is unreadable; upload a clearer one (通行证扫描件不清晰).", "通行证扫描件不清晰",
            "提交补正材料", "受理审查中", "申报 {0}：补正材料已提交", "查看您的申报", "待补正", "身份证件"),
        ["en-US"] = new("en-US", "Chan Tai Man", "#Culture-en", "is confirmed", "Completed",
            string.Concat(Enumerable.Repeat("Planned, designed, built and ran campus and data-centre networks, and led several key projects. ", 6)),
            "The scan of the travel permit is unreadable; upload a clearer one.", "upload a clearer one",
            "Resubmit with corrections", "Intake check", "Application {0}: corrections received", "See your application", "To correct", "Identity document"),
    };

    [Fact]
    public async Task Applicant_EmployerAndOfficerInEnglish_FromRegistrationToAcceptance()
    {
        var speaks = Applicants[locale];
        var (employerEmail, creditCode) = await SeedAsync();
        var applicantEmail = $"whole-{Guid.NewGuid():N}@test.localhost";
        var name = $"WholePath-{locale}";

        // --- the applicant, in Chinese: register, confirm, start, fill two sections, leave ---
        string root;
        await using (var applicant = await fixture.NewSessionAsync(name + "-applicant", locale))
        {
            var page = applicant.Page;
            await page.GotoAsync("/account/register");
            await page.Locator("#DisplayName").FillAsync(speaks.Name);
            await page.Locator("#Email").FillAsync(applicantEmail);
            await page.Locator("#Password").FillAsync(Password);
            await page.Locator(speaks.CultureField).CheckAsync();
            await page.Locator("#privacyNotice").CheckAsync();
            await page.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(page.Locator("[role=status]")).ToContainTextAsync(applicantEmail);
            await applicant.CheckPageAsync("registered");

            await page.GotoAsync(await Scenario.ConfirmLinkAsync(fixture.App, applicantEmail));
            await Expect(page.Locator("[role=status]")).ToContainTextAsync(speaks.Confirmed);
            await applicant.CheckPageAsync("confirmed");
            await SignInAsync(page, applicantEmail, Password);

            await page.GotoAsync("/applicant/profile");
            await page.Locator("#DocumentName").FillAsync("CHAN TAI MAN");
            await page.Locator("#DocumentType-HongKongMacaoTravelPermit").CheckAsync();
            await page.Locator("#DocumentNumber").FillAsync("H12345678");
            await page.Locator("#Phone").FillAsync("+852 2345 6789");
            await page.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(page.Locator("[role=status]")).ToBeVisibleAsync();

            await page.GotoAsync("/applications");
            await page.Locator("form[action*='handler=Start'] button[type=submit]").ClickAsync();
            await Expect(page).ToHaveURLAsync(TaskList());
            root = TaskList().Match(page.Url).Value;
            await applicant.CheckPageAsync("task-list-empty");

            await page.GotoAsync($"{root}/sections/target");
            await page.Locator("#level-E").CheckAsync();
            await page.Locator("#specialty").SelectOptionAsync("computer-networks");
            await Submit(page, "Target");
            await page.GotoAsync($"{root}/sections/report");
            await page.Locator("#report").FillAsync(speaks.Report);
            await Submit(page, "Report");
        }

        // --- come back later (a new browser session), find the saved work, finish and submit ---
        string reference;
        await using (var applicant = await fixture.NewSessionAsync(name + "-applicant-back", locale))
        {
            var page = applicant.Page;
            await SignInAsync(page, applicantEmail, Password);
            await page.GotoAsync(root);
            await Expect(page.Locator("main")).ToContainTextAsync(speaks.Completed);
            await applicant.CheckPageAsync("task-list-saved");

            await page.GotoAsync($"{root}/sections/qualifications?Q=saa-c03");
            await page.Locator("#code-GZ2025-IT-003").CheckAsync();
            await page.Locator("#obtainedOn").FillAsync("2020-03-01");
            string[][] periods = [["2020-03-01", "2023-02-28"], ["2023-03-01", "2026-02-28"], ["2026-03-01", "2029-02-28"]];
            for (var i = 0; i < periods.Length; i++)
            {
                await page.Locator($"#validFrom-{i}").FillAsync(periods[i][0]);
                await page.Locator($"#validTo-{i}").FillAsync(periods[i][1]);
            }
            await page.Locator("#certificateNumber").FillAsync("AWS-SAA-0001");
            await applicant.CheckPageAsync("qualification");
            await Submit(page, "AddQualification");

            await page.GotoAsync($"{root}/sections/degree");
            await page.Locator("#level-bachelor").CheckAsync();
            await page.Locator("#awardedOn").FillAsync("2015-07-01");
            await page.Locator("#institution").FillAsync("The University of Hong Kong");
            await page.Locator("#country").FillAsync("HK");
            await page.Locator("#overseas").CheckAsync();
            await Submit(page, "Degree");

            await page.GotoAsync($"{root}/sections/work");
            await page.Locator("#from").FillAsync("2016-01-01");
            await page.Locator("#employer").FillAsync("Guangzhou Example Technology");
            await page.Locator("#position").FillAsync("Network engineer");
            await page.Locator("#specialty").SelectOptionAsync("computer-networks");
            await page.Locator("#country").FillAsync("CN");
            await page.Locator("#inGuangzhou").CheckAsync();
            await Submit(page, "AddWork");

            await page.GotoAsync($"{root}/sections/achievements");
            await page.Locator("#kind-project").CheckAsync();
            await page.Locator("#title").FillAsync("Campus network for 20,000 users");
            await page.Locator("#year").FillAsync("2023");
            await page.Locator("#achievementDetails").FillAsync("Designed and led the delivery.");
            await Submit(page, "AddAchievement");

            await page.GotoAsync($"{root}/sections/employer?Q={creditCode}");
            await page.Locator("input[name=employerId]").First.CheckAsync();
            await Submit(page, "Employer");

            foreach (var part in new[] { "identity", "qualification", "degree", "degree-certification" })
            {
                await UploadAsync(page, root, part);
            }
            await applicant.CheckPageAsync("documents");

            await page.GotoAsync($"{root}/check-answers");
            await page.Locator("#declaration").CheckAsync();
            await applicant.CheckPageAsync("check-answers");
            await page.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(page.Locator(".reference")).ToHaveTextAsync(new Regex(@"^GZ-\d{4}-\d{6}$"));
            reference = (await page.Locator(".reference").TextContentAsync())!.Trim();
            await applicant.CheckPageAsync("submitted");
        }

        // --- the employer, in English: review, confirm, pre-evaluation publicity ---
        var id = root.Split('/').Last();
        await using (var employer = await fixture.NewSessionAsync(name + "-employer", "en-US"))
        {
            var page = employer.Page;
            await SignInAsync(page, employerEmail, Password);
            await page.GotoAsync("/employer");
            await Expect(page.Locator("main")).ToContainTextAsync(reference);
            await employer.CheckPageAsync("queue");
            await page.GotoAsync($"/employer/applications/{id}");
            await employer.CheckPageAsync("file");
            await Submit(page, "OpenReview");
            await Submit(page, "Confirm");
            await page.Locator("#From-preview").FillAsync(fixture.App.Clock.Today().ToString("yyyy-MM-dd"));
            await page.Locator("form[method=get] button[type=submit]").Last.ClickAsync();
            await employer.CheckPageAsync("publicity-dates");
            await Submit(page, "StartPublicity");
            await Expect(page.Locator("main")).ToContainTextAsync(fixture.App.Clock.Today().ToString("yyyy-MM-dd"));
            await employer.CheckPageAsync("publicity");
        }

        // Five working days of publicity pass.
        fixture.App.Clock.Advance(TimeSpan.FromDays(14));

        await using (var employer = await fixture.NewSessionAsync(name + "-employer-later", "en-US"))
        {
            var page = employer.Page;
            await SignInAsync(page, employerEmail, Password);
            await page.GotoAsync($"/employer/applications/{id}");
            var waiting = await Scenario.StateAsync(fixture.App, Guid.Parse(id));
            await Submit(page, "Recommend");
            await Expect(page.Locator("[data-confirm-step]")).ToHaveTextAsync(
                $"Recommend application {reference} to the bureau? The application goes to the bureau for intake, with your organisation's recommendation. You will no longer be able to decline it. This cannot be undone. Yes, recommend the application No, go back to the application");
            Assert.Equal(waiting, await Scenario.StateAsync(fixture.App, Guid.Parse(id)));
            await employer.CheckPageAsync("confirm-recommend");
            await Submit(page, "Recommend");
            await employer.CheckPageAsync("recommended");
        }
        Assert.Equal(ApplicationState.Intake, await Scenario.StateAsync(fixture.App, Guid.Parse(id)));

        // --- the officer, in English: one correction notice listing what is missing ---
        var officerEmail = await fixture.App.CreateOfficerAsync($"officer-whole-path-{locale}@browser.localhost");
        await using (var officer = await fixture.NewSessionAsync(name + "-officer", "en-US"))
        {
            var page = officer.Page;
            await SignInAsync(page, officerEmail, KestrelApp.OfficerPassword);
            await page.GotoAsync("/officer/intake");
            await Expect(page.Locator("main")).ToContainTextAsync(reference);
            await officer.CheckPageAsync("intake-queue");
            await page.GotoAsync($"/officer/intake/{id}");
            await page.Locator("#Items").FillAsync(speaks.CorrectionItem);
            await page.Locator("#MissingDocuments-identity").CheckAsync();
            await officer.CheckPageAsync("intake-file");
            await Submit(page, "Correction");
            await Expect(page.Locator("[data-confirm-step]")).ToHaveTextAsync(
                $"Send the correction notice for application {reference}? A correction notice can be sent only once. The applicant will be asked to correct: Identity document {speaks.CorrectionItem} This cannot be undone. Yes, send the correction notice No, go back to the application");
            Assert.Equal(ApplicationState.Intake, await Scenario.StateAsync(fixture.App, Guid.Parse(id)));
            await officer.CheckPageAsync("confirm-correction");
            await Submit(page, "Correction");
            await officer.CheckPageAsync("correction-sent");
        }
        Assert.Equal(ApplicationState.CorrectionRequested, await Scenario.StateAsync(fixture.App, Guid.Parse(id)));

        // --- the applicant, in Chinese: sees the notice, uploads what was missing, resubmits ---
        await using (var applicant = await fixture.NewSessionAsync(name + "-applicant-correction", locale))
        {
            var page = applicant.Page;
            await SignInAsync(page, applicantEmail, Password);
            await page.GotoAsync(root);
            await Expect(page.Locator("main")).ToContainTextAsync(speaks.ItemShown);
            await applicant.CheckPageAsync("correction-notice");
            // The task list marks the documents section "to correct", naming the document, in the reader's language.
            var documents = page.Locator(".task-list > li", new() { Has = page.Locator($"a[href='/applications/{id}/sections/documents']") });
            await Expect(documents.Locator(".tag")).ToHaveTextAsync(speaks.ToCorrect);
            await Expect(documents.Locator("ul li")).ToHaveTextAsync([speaks.IdentityDocument]);
            await Expect(page.Locator(".task-list .tag", new() { HasText = speaks.ToCorrect })).ToHaveCountAsync(1);
            // Replace the identity document: remove the unreadable one, upload another.
            await page.GotoAsync($"{root}/sections/documents");
            var identityRows = page.Locator("tr", new() { HasText = "identity.pdf" });
            var before = await identityRows.CountAsync();
            await page.Locator("tr", new() { HasText = "identity.pdf" }).First.Locator("form[action*='handler=DeleteDocument'] button").ClickAsync();
            await Expect(identityRows).ToHaveCountAsync(before - 1);
            await UploadAsync(page, root, "identity");
            await page.GotoAsync(root);
            // Resubmission goes through check your answers and the declaration again.
            await page.Locator($"a[href='/applications/{id}/check-answers']").ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(speaks.ResubmitHeading);
            await page.Locator("#declaration").CheckAsync();
            await applicant.CheckPageAsync("check-answers-again");
            await page.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(page.Locator(".tag").First).ToHaveTextAsync(speaks.IntakeTag);
            await applicant.CheckPageAsync("resubmitted");

            // Both resubmission emails arrive at the SMTP server: the applicant's in their language with
            // a link to the application, which leads there; the office's with a link to its intake page.
            await fixture.App.DeliverEmailsAsync();
            var subject = string.Format(System.Globalization.CultureInfo.InvariantCulture, speaks.ResubmittedSubject, reference);
            var mail = await fixture.App.Smtp.WaitForAsync(applicantEmail, m => m.Message.Subject == subject);
            var link = $"/applications/{id}";
            var text = mail.Message.TextBody!.ReplaceLineEndings("\n");
            Assert.Matches($@"\n{Regex.Escape(speaks.ApplicationLinkLabel)}\nhttps?://[^/\s]+{Regex.Escape(link)}\n", text);
            Assert.Equal(locale == "zh-CN" ? "zh-Hans" : "en", mail.Message.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
            var office = await fixture.App.Smtp.WaitForAsync(KestrelApp.OfficeEmail, m => m.Message.Subject == $"申报 {reference} 已补正并重新提交");
            Assert.Matches($@"\n在受理页面打开该申报\nhttps?://[^/\s]+{Regex.Escape($"/officer/intake/{id}")}\n", office.Message.TextBody!.ReplaceLineEndings("\n"));
            Assert.Contains($"{speaks.Name} 已按补正通知完成补正，并重新提交申报 {reference}。", office.Message.TextBody, StringComparison.Ordinal);
            await page.GotoAsync(link);
            await Expect(page.Locator(".tag").First).ToHaveTextAsync(speaks.IntakeTag);
        }
        Assert.Equal(ApplicationState.Intake, await Scenario.StateAsync(fixture.App, Guid.Parse(id)));

        // --- the officer accepts the file for expert review ---
        await using (var officer = await fixture.NewSessionAsync(name + "-officer-accept", "en-US"))
        {
            var page = officer.Page;
            await SignInAsync(page, officerEmail, KestrelApp.OfficerPassword);
            await page.GotoAsync($"/officer/intake/{id}");
            await Submit(page, "Accept");
            await Expect(page.Locator("[data-confirm-step]")).ToHaveTextAsync(
                $"Accept application {reference}? The application is accepted for review. It can no longer be sent back for correction or rejected at intake. This cannot be undone. Yes, accept the application No, go back to the application");
            Assert.Equal(ApplicationState.Intake, await Scenario.StateAsync(fixture.App, Guid.Parse(id)));
            await officer.CheckPageAsync("confirm-accept");
            await Submit(page, "Accept");
            await officer.CheckPageAsync("accepted");
        }
        Assert.Equal(ApplicationState.Accepted, await Scenario.StateAsync(fixture.App, Guid.Parse(id)));

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var steps = await db.ApplicationEvents.Where(e => e.ApplicationId == Guid.Parse(id) && e.ToState != null).OrderBy(e => e.Id).Select(e => e.What).ToListAsync();
        Assert.Equal(["Submit", "OpenEmployerReview", "StartPrePublicity", "Recommend", "RequestCorrection", "Resubmit", "Accept"], steps);
    }

    private static async Task UploadAsync(IPage page, string root, string part)
    {
        await page.GotoAsync($"{root}/sections/documents");
        await page.Locator("#part").SelectOptionAsync(part);
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = $"{part}.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Submit(page, "Upload");
    }

    /// <summary>An open cycle, an approved employer and its account; the first administrator is the officer.</summary>
    private async Task<(string EmployerEmail, string CreditCode)> SeedAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await DemoData.EnsureOpenCycleAsync(db, time.Today(), "browser-test");
        var employer = await DemoData.CreateEmployerAsync(db, time, "91440101MA5W" + Random.Shared.Next(10000, 99999));
        var email = $"employer-{Guid.NewGuid():N}@test.localhost";
        await DemoData.CreateUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), email, "Employer HR", Roles.Employer, employer.Id, Password);
        return (email, employer.CreditCode);
    }

    [GeneratedRegex(@"^.*?/applications/[0-9a-f-]{36}")]
    private static partial Regex TaskList();
}
