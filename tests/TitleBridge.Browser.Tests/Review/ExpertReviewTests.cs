using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TitleBridge.Browser.Tests.Infrastructure;
using TitleBridge.Browser.Tests.TestData;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static TitleBridge.Browser.Tests.Infrastructure.PageActions;

namespace TitleBridge.Browser.Tests.Review;

/// <summary>
/// Issue #7's whole review stage in real Chromium, with axe and the language check on every page: an
/// officer in English draws a committee of seven, has the review groups solved and confirms them; an
/// expert in Chinese declares a conflict with one file and submits an opinion on the other; the officer
/// schedules the meeting, records five members present and opens the ballot on the first file; three
/// members vote on their own pages (two in Chinese, one in English); the officer closes the ballot and
/// sees the file pass the vote.
/// </summary>
public sealed class ExpertReviewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private sealed record Member(string Key, string NameEn, string NameZh, string Specialty, string Culture)
    {
        public string Email => $"{Key}@experts.browser.localhost";
        public Guid Id { get; set; }
    }

    // Only the first three hold the files' specialty (computer networks): each file's review group of three
    // is exactly them. The other four are civil engineers of another specialty group.
    private static readonly Member Lin = new("lin", "Lin Wei", "林伟", "computer-networks", "zh-Hans");
    private static readonly Member Grace = new("grace", "Grace Ho", "何嘉怡", "computer-networks", "en");
    private static readonly Member Zhou = new("zhou", "Zhou Min", "周敏", "computer-networks", "zh-Hans");
    private static readonly Member Tan = new("tan", "Tan Jun", "谭军", "civil-structural", "zh-Hans");
    private static readonly Member Alan = new("alan", "Alan Wong", "黄志伦", "civil-structural", "en");
    private static readonly Member Li = new("li", "Li Na", "李娜", "civil-structural", "zh-Hans");
    private static readonly Member Chen = new("chen", "Chen Hao", "陈浩", "civil-structural", "zh-Hans");
    private static readonly Member[] Pool = [Lin, Grace, Zhou, Tan, Alan, Li, Chen];

    [Fact]
    public async Task OfficerInEnglish_ExpertsInBothLanguages_FromCommitteeToThePassingVote()
    {
        const string name = nameof(ExpertReviewTests);
        var (fileA, fileB) = await TwoAcceptedFilesAsync();
        string refA = fileA.Reference!, refB = fileB.Reference!;
        foreach (var m in Pool)
        {
            m.Id = await fixture.App.CreateExpertAsync(m.Email, m.NameEn, m.NameZh, $"{m.NameEn} Engineering Institute", m.Specialty, m.Culture);
        }
        var officerEmail = await fixture.App.CreateOfficerAsync("officer-review@browser.localhost");
        var today = fixture.App.Clock.Today().ToString("yyyy-MM-dd");

        // --- the officer, in English: the pool, a committee of seven, the review groups solved and confirmed ---
        await using var officer = await fixture.NewSessionAsync(name + "-officer", "en-US");
        var op = officer.Page;
        await SignInAsync(op, officerEmail, KestrelApp.OfficerPassword);
        await op.GotoAsync("/officer/experts");
        await Expect(op.Locator("main table caption")).ToHaveTextAsync("Expert pool (7)");
        await officer.CheckPageAsync("pool");

        await op.GotoAsync("/officer/committees");
        await op.Locator("#Band").SelectOptionAsync("intermediate-junior");
        await op.Locator("#Organisation").SelectOptionAsync("by-series");
        await op.Locator("#NameZh").FillAsync("工程系列中级评审委员会");
        await op.Locator("#NameEn").FillAsync("Engineering intermediate committee");
        await op.Locator("#Size").FillAsync("7");
        await op.Locator("#ChairId").SelectOptionAsync(Tan.Id.ToString());
        await op.Locator($"#vc-{Li.Id}").CheckAsync();
        await op.Locator("#Seed").FillAsync("20261102");
        await officer.CheckPageAsync("committee-form");
        await ClickAndWaitAsync(op, op.Locator("main form[method=post] button[type=submit]"));
        await Expect(op).ToHaveURLAsync(new Regex(@"/officer/committees/[0-9a-f-]{36}$"));
        await Expect(op.Locator("main h2").Filter(new() { HasTextString = "Members" })).ToHaveTextAsync("Members (7)");
        await Expect(op.Locator("main li").Filter(new() { HasTextString = "Tan Jun" })).ToHaveTextAsync("Tan Jun — Chair");
        await Expect(op.Locator("main")).ToContainTextAsync("2 file(s) wait for review groups: accepted files, and re-examinations, which only experts who did not read them before may read.");
        await officer.CheckPageAsync("committee");

        await Submit(op, "Propose");
        var row = op.Locator("main table tbody tr").Filter(new() { HasTextString = refA });
        await Expect(row.Locator("td").Nth(2)).ToContainTextAsync("Lin Wei");
        await Expect(row.Locator("td").Nth(2)).ToContainTextAsync("Grace Ho");
        await Expect(row.Locator("td").Nth(2)).ToContainTextAsync("Zhou Min");
        await officer.CheckPageAsync("assignment-proposed");
        await Submit(op, "Confirm");
        await Expect(op.Locator("main")).ToContainTextAsync(new Regex(@"Confirmed\. Opinions are due by \d{4}-\d{2}-\d{2}\."));
        await officer.CheckPageAsync("assignment-confirmed");
        Assert.Equal(ApplicationState.InReview, await Scenario.StateAsync(fixture.App, fileA.Id));
        Assert.Equal(ApplicationState.InReview, await Scenario.StateAsync(fixture.App, fileB.Id));

        // --- Lin Wei, in Chinese: a conflict with file A declared before reading; an opinion on file B ---
        await using (var lin = await fixture.NewSessionAsync(name + "-expert", "zh-CN"))
        {
            var page = lin.Page;
            await SignInAsync(page, Lin.Email, KestrelApp.ExpertPassword);
            await page.GotoAsync("/expert");
            await Expect(page.Locator("main section.card h2")).ToHaveTextAsync([refA, refB]);
            await lin.CheckPageAsync("my-files");
            var cardA = page.Locator("section.card").Filter(new() { Has = page.Locator("h2", new() { HasTextString = refA }) });
            await cardA.Locator("summary").ClickAsync();
            await cardA.Locator($"#rel-{fileA.Id}-CoAuthor").CheckAsync();
            await cardA.Locator($"#note-{fileA.Id}").FillAsync("2024 年与申请人合著论文");
            await lin.CheckPageAsync("declare-conflict");
            await ClickAndWaitAsync(page, cardA.Locator("button[type=submit]"));
            await Expect(page.Locator("[role=status]")).ToHaveTextAsync("已记录您的回避申报。您将不再看到该申请，也不参加对其投票。");
            await Expect(cardA.Locator("dl div").Last).ToHaveTextAsync("您的意见回避");
            await lin.CheckPageAsync("conflict-declared");
            // The file is now hidden from Lin Wei, like a file that does not exist.
            Assert.Equal(404, (await page.GotoAsync($"/expert/files/{fileA.Id}"))!.Status);
            await Expect(page.Locator("main h1")).ToHaveTextAsync("页面不存在");
            await lin.CheckPageAsync("conflicted-file-not-found");

            await page.GotoAsync($"/expert/files/{fileB.Id}");
            await Expect(page.Locator("main h1")).ToHaveTextAsync(refB);
            foreach (var (criterion, score) in new[] { ("competence", 4), ("achievements", 3), ("report", 4) })
            {
                await page.Locator($"#s-{criterion}-{score}").CheckAsync();
            }
            await page.Locator("#Text").FillAsync("网络规划与建设经验扎实，专业技术报告具体，建议通过。");
            await page.Locator("#Language").SelectOptionAsync("zh-Hans");
            await page.Locator("#rec-yes").CheckAsync();
            await lin.CheckPageAsync("opinion-form");
            await ClickAndWaitAsync(page, page.Locator("button[formaction*='handler=Submit']"));
            await Expect(page.Locator("[role=status]")).ToHaveTextAsync("您的评审意见已提交。");
            await lin.CheckPageAsync("opinion-submitted");
        }

        // The two other members of file A's group submit through the same handler the opinion page uses.
        await SubmitOpinionAsync(Grace, fileA.Id, "Sound campus network design; the report is specific.", "en");
        await SubmitOpinionAsync(Zhou, fileA.Id, "项目经历真实，技术报告翔实。", "zh-Hans");

        // --- the officer schedules the meeting, records five of seven present, opens the ballot on file A ---
        await op.GotoAsync("/officer/meetings");
        await op.Locator("#Date").FillAsync(today);
        await officer.CheckPageAsync("meetings");
        await ClickAndWaitAsync(op, op.Locator("main form[method=post] button[type=submit]"));
        await Expect(op).ToHaveURLAsync(new Regex(@"/officer/meetings/[0-9a-f-]{36}$"));
        var meetingUrl = new Uri(op.Url).AbsolutePath;
        await Expect(op.Locator("main section.card h3")).ToHaveTextAsync([$"{refA} — Computer networks"]);
        foreach (var m in new[] { Lin, Grace, Zhou, Tan, Alan })
        {
            await op.Locator($"#p-{m.Id}").CheckAsync();
        }
        await Submit(op, "Attendance");
        await Expect(op.Locator("main p").Filter(new() { HasTextString = "; quorum" })).ToHaveTextAsync("5 of 7 members present; quorum 5. Quorum met.");
        await officer.CheckPageAsync("meeting");
        await Submit(op, "Open");
        // Lin Wei is present but recused from file A: four members are present for it.
        await Expect(op.Locator("main section.card p").Filter(new() { HasTextString = "present for this file" }))
            .ToHaveTextAsync("4 members present for this file (1 recused have left the room).");
        await officer.CheckPageAsync("ballot-open");

        // --- three members vote yes, each on their own device and in their own language ---
        foreach (var (voter, locale) in new[] { (Grace, "en-US"), (Zhou, "zh-CN"), (Tan, "zh-CN") })
        {
            await using var session = await fixture.NewSessionAsync($"{name}-vote-{voter.Key}", locale);
            var page = session.Page;
            await SignInAsync(page, voter.Email, KestrelApp.ExpertPassword);
            await page.GotoAsync("/expert");
            var voteLink = page.Locator("main a[href*='/ballots/']");
            await Expect(voteLink).ToHaveTextAsync(locale == "en-US" ? $"Vote on {refA}" : $"对 {refA} 投票");
            await session.CheckPageAsync("my-files");
            await voteLink.ClickAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync(locale == "en-US" ? $"Vote on {refA}" : $"对 {refA} 投票");
            await page.Locator("#c-yes").CheckAsync();
            await session.CheckPageAsync("ballot");
            await ClickAndWaitAsync(page, page.Locator("main form[method=post] button[type=submit]"));
            await Expect(page.Locator("[role=status]")).ToHaveTextAsync(locale == "en-US" ? "Your vote is counted. It cannot be changed." : "您的选票已计入，不能更改。");
            await Expect(page.Locator("main input[type=radio]")).ToHaveCountAsync(0);
            await session.CheckPageAsync("voted");
        }

        // --- the officer closes the ballot: 3 yes of 4 present passes (3 × 3 ≥ 2 × 4), the file has passed the vote ---
        await op.GotoAsync(meetingUrl);
        await Submit(op, "Close");
        var outcome = op.Locator("main section.card p").Filter(new() { HasTextString = "members present for this file" });
        await Expect(outcome).ToHaveTextAsync("Passed — 3 of the 4 members present for this file voted yes; at least 3 were needed (2/3 of those present). 0 voted no, 0 abstained, 1 did not vote.");
        await officer.CheckPageAsync("ballot-closed");

        await op.GotoAsync($"{meetingUrl}/minutes");
        await Expect(op.Locator("main table tbody tr")).ToHaveCountAsync(1);
        await Expect(op.Locator("main table tbody tr td")).ToHaveTextAsync([refA, "Lin Wei", "3 yes, 0 no, 0 abstained, of 4 present", "Passed"]);
        await officer.CheckPageAsync("minutes");

        await op.GotoAsync($"/officer/intake/{fileA.Id}");
        await Expect(op.Locator("main p").Filter(new() { HasTextString = "Status:" })).ToHaveTextAsync("Status: Passed the vote");
        await officer.CheckPageAsync("file-voted");
        Assert.Equal(ApplicationState.Voted, await Scenario.StateAsync(fixture.App, fileA.Id));
        Assert.Equal(ApplicationState.InReview, await Scenario.StateAsync(fixture.App, fileB.Id));
    }

    /// <summary>Two files of two applicants, taken through the real handlers from submission to the bureau's acceptance.</summary>
    private async Task<(Application A, Application B)> TwoAcceptedFilesAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var cycle = await DemoData.EnsureOpenCycleAsync(db, time.Today(), "browser-test");
        var employer = await DemoData.CreateEmployerAsync(db, time, "91440101MA5R" + Random.Shared.Next(10000, 99999));
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var files = new List<Application>();
        foreach (var who in new[] { "a", "b" })
        {
            var (_, email, _) = await DemoData.CreateUserAsync(users, $"applicant-review-{who}@browser.localhost", $"Applicant {who}", Roles.Applicant, null);
            var applicantId = (await users.FindByEmailAsync(email))!.Id;
            files.Add(await DemoStages.FileAtStageAsync(services, "accepted", applicantId, employer.Id, "employer@browser.localhost", "officer@browser.localhost", cycle.Year));
        }
        files = [.. files.OrderBy(f => f.Reference ?? "", StringComparer.Ordinal)];
        Assert.All(files, f => Assert.Equal(ApplicationState.Accepted, f.State));
        return (files[0], files[1]);
    }

    private async Task SubmitOpinionAsync(Member member, Guid applicationId, string text, string language)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var expert = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Experts.AsNoTracking().SingleAsync(e => e.Id == member.Id);
        var scores = new Dictionary<string, int> { ["competence"] = 4, ["achievements"] = 4, ["report"] = 3 };
        var saved = await scope.ServiceProvider.GetRequiredService<ExpertFiles>().SaveOpinionAsync(expert, applicationId, new(scores, text, language, true), submit: true, default);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Problems.Select(p => p.Message.En)));
    }
}
