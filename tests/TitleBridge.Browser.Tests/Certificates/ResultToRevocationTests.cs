using System.Text.RegularExpressions;
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

namespace TitleBridge.Browser.Tests.Certificates;

/// <summary>
/// Issue #8's path in real Chromium, with axe and the language check on every page: an officer (English) publishes
/// the result of a file the committee passed; a member of the public (Chinese) objects on the public notice, first
/// with an empty form; the officer dismisses the objection through its confirmation step; after the publicity (the
/// app's clock moved on) the officer confirms and the certificate is issued; the holder (Chinese) downloads the PDF
/// and the signed credential; an anonymous verifier (English) checks the certificate by number and code; the holder
/// sees that check; the officer revokes it through its confirmation step; the check page then says revoked.
/// The files reach the vote through the Development sample data, which uses the meeting's real handlers.
/// </summary>
public sealed partial class ResultToRevocationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Verifier = "Shenzhen Example Robotics Co., Ltd.";
    private const string University = "Example University, admissions office";

    [Fact]
    public async Task OfficerPublishes_PublicObjects_OfficeDismisses_OfficerConfirms_HolderDownloads_VerifierChecks_OfficerRevokes()
    {
        const string name = "result-to-revocation";
        var accounts = await DemoData.SeedAsync(fixture.App.Services);
        var officer = accounts.Single(a => a.Email == "officer@titlebridge.localhost");
        var holder = accounts.Single(a => a.Email == "applicant-voted@titlebridge.localhost");
        var id = await IdOfAsync(holder.Email);
        var reference = await ReferenceOfAsync(id);

        // --- the officer, in English, publishes the committee's decided file ---
        await using (var session = await fixture.NewSessionAsync(name + "-officer-publish", "en-US"))
        {
            var page = session.Page;
            await SignInAsync(page, officer.Email, officer.Password);
            await page.GotoAsync("/officer/results");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Result publicity and confirmation");
            await Expect(page.Locator($"label[for='file-{id}']")).ToContainTextAsync(reference);
            await session.CheckPageAsync("decided");
            await page.Locator($"#file-{id}").CheckAsync();
            await Submit(page, "Publish");
            // A published notice cannot be withdrawn: the page asks first, listing the file.
            await Expect(page.Locator("h1")).ToHaveTextAsync("Publish the result of 1 file(s)?");
            await Expect(page.Locator("[data-confirm-step] li")).ToHaveTextAsync(new Regex($"^{Regex.Escape(reference)} "));
            await Expect(page.Locator("[data-confirm-step] a[href='/officer/results']")).ToHaveTextAsync("No, go back to result publicity and confirmation");
            await session.CheckPageAsync("confirm-publish");
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, publish the notice", Exact = true }).ClickAsync();
            await Expect(page.Locator("[role=status]")).ToContainTextAsync("The result notice is published: the publicity runs from");
            await session.CheckPageAsync("published");
        }
        Assert.Equal(ApplicationState.ResultPublicity, await Scenario.StateAsync(fixture.App, id));

        // --- a member of the public, in Chinese, objects on the public notice ---
        string objectorReference;
        await using (var session = await fixture.NewSessionAsync(name + "-public", "zh-CN"))
        {
            var page = session.Page;
            await page.GotoAsync("/results");
            await Expect(page.Locator("h1")).ToHaveTextAsync("职称评审结果公示");
            var row = page.Locator("tr", new() { HasText = "李*华" });
            await Expect(row).ToContainTextAsync("广州示例科技有限公司");
            // Only the minimum is public: no reference, identity number or score.
            await Expect(page.Locator("main")).Not.ToContainTextAsync(reference);
            await Expect(page.Locator("main")).Not.ToContainTextAsync("E20000002");
            await session.CheckPageAsync("notice");
            await row.Locator("a").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("对评审结果提出异议");
            await session.CheckPageAsync("objection-form");

            // An empty form: the error summary names each missing field and links to it.
            await page.Locator("main form button[type=submit]").ClickAsync();
            var summary = page.Locator(".error-summary");
            await Expect(summary.Locator("a")).ToHaveTextAsync(["请填写您的姓名。", "请填写便于联系您的电话或电子邮箱。", "请填写异议的事实和理由。"]);
            string[] targets = ["#objector-name", "#contact", "#grounds"];
            for (var i = 0; i < targets.Length; i++)
            {
                await Expect(summary.Locator("a").Nth(i)).ToHaveAttributeAsync("href", targets[i]);
                await Expect(page.Locator(targets[i])).ToBeVisibleAsync();
            }
            await session.CheckPageAsync("objection-errors");

            await page.Locator("#objector-name").FillAsync("王五");
            await page.Locator("#contact").FillAsync("wangwu@example.localhost");
            await page.Locator("#grounds").FillAsync("据我所知，申报人的工作年限可能不足。");
            await page.Locator("main form button[type=submit]").ClickAsync();
            await Expect(page.Locator("#received-title")).ToHaveTextAsync("异议已收到");
            objectorReference = await page.Locator("main strong.reference").InnerTextAsync();
            Assert.Matches("^[0-9A-F]{8}$", objectorReference);
            await session.CheckPageAsync("objection-received");
        }

        // --- the office dismisses the objection, through the confirmation step ---
        await using (var session = await fixture.NewSessionAsync(name + "-officer-objection", "en-US"))
        {
            var page = session.Page;
            await SignInAsync(page, officer.Email, officer.Password);
            await page.GotoAsync("/officer/objections");
            var row = page.Locator("tr", new() { HasText = reference });
            await Expect(row).ToContainTextAsync("Undecided");
            // The reference the objector was given is the one the office sees, to match a call or a letter.
            await Expect(row.Locator("td.reference")).ToHaveTextAsync(objectorReference);
            await session.CheckPageAsync("queue");
            await row.Locator("a").ClickAsync();
            await Expect(page.Locator("main dl")).ToContainTextAsync("wangwu@example.localhost");
            await session.CheckPageAsync("objection");
            await page.Locator("#decision-dismiss").CheckAsync();
            await page.Locator("#findings").FillAsync("The employer's records show 11 years of relevant work; the claim is unfounded.");
            await Submit(page, "Check");
            await Expect(page.Locator("#confirm-title")).ToHaveTextAsync("Are you sure the objection is dismissed?");
            Assert.Equal(ObjectionStatus.Open, await ObjectionStatusAsync(id));
            await session.CheckPageAsync("confirm-dismissal");
            await Submit(page, "Decide");
            await Expect(page.Locator("main dl .tag")).ToHaveTextAsync("Dismissed");
            await session.CheckPageAsync("dismissed");
        }
        Assert.Equal(ObjectionStatus.Dismissed, await ObjectionStatusAsync(id));

        // The publicity's working days pass.
        fixture.App.Clock.Advance(TimeSpan.FromDays(21));

        // --- the officer confirms; the certificate is issued ---
        string number;
        await using (var session = await fixture.NewSessionAsync(name + "-officer-confirm", "en-US"))
        {
            var page = session.Page;
            await SignInAsync(page, officer.Email, officer.Password);
            await page.GotoAsync("/officer/results");
            await session.CheckPageAsync("ready-to-confirm");
            // Two notices run (the sample data's and this one): confirm this file's row.
            await page.Locator("tr", new() { HasText = reference }).Locator("form[action*='handler=Confirm'] button").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync($"Confirm the result of {reference} and issue the certificate?");
            await session.CheckPageAsync("confirm-issue");
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, confirm and issue the certificate", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/officer/certificates/GZZC-"));
            await Expect(page.Locator("[role=status]")).ToContainTextAsync("The result is confirmed and certificate");
            number = CertificateNumber().Match(page.Url).Value;
            Assert.NotEmpty(number);
            await session.CheckPageAsync("issued");
        }
        Assert.Equal(ApplicationState.CertificateIssued, await Scenario.StateAsync(fixture.App, id));

        // --- the holder, in Chinese, finds the certificate and downloads both renderings ---
        string code;
        await using (var session = await fixture.NewSessionAsync(name + "-holder", "zh-CN"))
        {
            var page = session.Page;
            await SignInAsync(page, holder.Email, holder.Password);
            await page.GotoAsync("/applicant/certificates");
            await Expect(page.Locator("h1")).ToHaveTextAsync("我的证书");
            await Expect(page.Locator(".reference").First).ToHaveTextAsync(number);
            code = (await page.Locator(".reference").Nth(1).TextContentAsync())!.Trim();
            await Expect(page.Locator("main")).ToContainTextAsync("尚无人查验过该证书。");
            await session.CheckPageAsync("certificates");

            var pdf = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href$='/pdf']").ClickAsync());
            Assert.Equal($"{number}.pdf", pdf.SuggestedFilename);
            // The downloaded PDF is one page naming the holder in both scripts and the certificate's number.
            using (var document = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync((await pdf.PathAsync())!)))
            {
                var text = string.Concat(Assert.Single(document.GetPages()).Letters.Select(l => l.Value));
                Assert.Contains("李明华", text);
                Assert.Contains("LI MINGHUA", text);
                Assert.Contains(number, text);
            }
            var credential = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href$='/credential']").ClickAsync());
            Assert.Equal($"{number}.jwt", credential.SuggestedFilename);
            var jws = await File.ReadAllTextAsync((await credential.PathAsync())!);
            Assert.Matches(@"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", jws);
            // The downloaded credential verifies against the register: signed by the bureau's key, valid.
            using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
            var verified = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/certificates/verify-credential", new { credential = jws, organisation = University });
            var answer = System.Text.Json.JsonDocument.Parse(await verified.Content.ReadAsStringAsync()).RootElement;
            Assert.True(answer.GetProperty("valid").GetBoolean(), answer.ToString());
            Assert.Equal(number, answer.GetProperty("number").GetString());
        }

        // --- an anonymous verifier, in English, checks it by number and code ---
        await using (var session = await fixture.NewSessionAsync(name + "-verifier", "en-US"))
        {
            var page = session.Page;
            await page.GotoAsync("/verify");
            await session.CheckPageAsync("verify-start");
            await page.Locator("#number").FillAsync(number);
            await page.Locator("#code").FillAsync(code);
            await page.Locator("#organisation").FillAsync(Verifier);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await Expect(page.Locator("#verify-result")).ToHaveTextAsync("This certificate is valid");
            await Expect(page.Locator("main dl")).ToContainTextAsync("李*华");
            await session.CheckPageAsync("valid");
        }

        // --- the holder sees who checked ---
        await using (var session = await fixture.NewSessionAsync(name + "-holder-checked", "zh-CN"))
        {
            var page = session.Page;
            await SignInAsync(page, holder.Email, holder.Password);
            await page.GotoAsync("/applicant/certificates");
            // Two checks: the credential file the holder sent a university, and the verifier's look-up by number and code.
            var checks = page.Locator("tbody tr");
            await Expect(checks).ToHaveCountAsync(2);
            var seen = new List<string>();
            for (var i = 0; i < 2; i++)
            {
                seen.Add($"{(await checks.Nth(i).Locator("td").Nth(1).TextContentAsync())!.Trim()} | {(await checks.Nth(i).Locator("td").Nth(2).TextContentAsync())!.Trim()}");
            }
            Assert.Equal([$"{University} | 电子凭证", $"{Verifier} | 证书编号和验证码"], seen.Order(StringComparer.Ordinal));
            await session.CheckPageAsync("checked");
        }

        // --- the officer revokes, through the confirmation step ---
        await using (var session = await fixture.NewSessionAsync(name + "-officer-revoke", "en-US"))
        {
            var page = session.Page;
            await SignInAsync(page, officer.Email, officer.Password);
            await page.GotoAsync($"/officer/certificates/{number}");
            await session.CheckPageAsync("certificate");
            await page.Locator("#reason").FillAsync("The degree certificate submitted was found to be forged.");
            await page.Locator("#evidence").FillAsync("Letter from the awarding university of 3 March, filed as case 2026-17.");
            await Submit(page, "Check");
            await Expect(page.Locator("#confirm-title")).ToHaveTextAsync($"Are you sure you want to revoke certificate {number}?");
            await session.CheckPageAsync("confirm-revocation");
            await Submit(page, "Revoke");
            await Expect(page.Locator("main dl .tag")).ToHaveTextAsync("Revoked");
            await session.CheckPageAsync("revoked");
        }

        // --- the check page now says revoked ---
        await using (var session = await fixture.NewSessionAsync(name + "-verifier-again", "en-US"))
        {
            var page = session.Page;
            await page.GotoAsync($"/verify/{number}?code={code}");
            await Expect(page.Locator("#verify-result")).ToHaveTextAsync("This certificate has been revoked");
            await Expect(page.Locator("section[aria-labelledby=verify-result]")).ToHaveTextAsync($"This certificate has been revoked Revoked on {fixture.App.Clock.Today().ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}. The title it records is no longer held.");
            await session.CheckPageAsync("revoked");
        }

        // --- supervision: an officer who handled none of the files (Chinese) draws a sample and records a second look ---
        var supervisor = await fixture.App.CreateOfficerAsync("supervisor@titlebridge.localhost");
        ApplicationState[] decidedStates = [ApplicationState.Rejected, ApplicationState.ObjectionUpheld, ApplicationState.Confirmed, ApplicationState.CertificateIssued, ApplicationState.Revoked];
        var decided = await QueryAsync(db => db.Applications.CountAsync(a => decidedStates.Contains(a.State) && a.Reference != null));
        var sampled = Math.Max(1, (decided + 19) / 20);
        await using (var session = await fixture.NewSessionAsync(name + "-supervision", "zh-CN"))
        {
            var page = session.Page;
            await SignInAsync(page, supervisor, KestrelApp.OfficerPassword);
            await page.GotoAsync("/officer/supervision");
            await Expect(page.Locator("h1")).ToHaveTextAsync("监督抽查：已决申报复核");
            await session.CheckPageAsync("supervision");
            await page.Locator("#seed").FillAsync("12a");
            await page.Locator("form[action*='handler=Draw'] button[type=submit]").ClickAsync();
            await Expect(page.Locator(".error-summary a")).ToHaveTextAsync("随机种子须为整数（仅数字，与已记录的抽查一致），或留空以重新抽取。");
            await session.CheckPageAsync("supervision-bad-seed");
            await page.Locator("#seed").FillAsync("");
            await Submit(page, "Draw");
            await Expect(page.Locator("section.sample > [role=status]")).ToHaveTextAsync($"样本已抽取：从 {decided} 份已决申报中抽取 {sampled} 份。");
            await Expect(page.Locator(".sample-item")).ToHaveCountAsync(sampled);
            var item = page.Locator(".sample-item").First;
            await item.Locator("input[value=concerns]").CheckAsync();
            await item.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator(".error-summary a")).ToHaveTextAsync("请说明存在的问题（不超过 4000 个字符）。");
            await session.CheckPageAsync("supervision-no-notes");
            item = page.Locator(".sample-item").First;
            await item.Locator("input[value=confirmed]").CheckAsync();
            await Submit(page, "Record");
            await Expect(page.Locator(".sample-item [role=status]")).ToHaveTextAsync("复核结论已记录。");
            await session.CheckPageAsync("supervision-recorded");
        }
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<Guid> IdOfAsync(string email) => QueryAsync(db =>
        (from u in db.Users where u.Email == email join a in db.Applications on u.Id equals a.ApplicantId select a.Id).SingleAsync());

    private Task<string> ReferenceOfAsync(Guid id) => QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Reference!).SingleAsync());

    private Task<ObjectionStatus> ObjectionStatusAsync(Guid id) => QueryAsync(db => db.ResultObjections.Where(o => o.ApplicationId == id).Select(o => o.Status).SingleAsync());

    [GeneratedRegex(@"GZZC-\d{4}-\d{6}-[0-9X]")]
    private static partial Regex CertificateNumber();
}
