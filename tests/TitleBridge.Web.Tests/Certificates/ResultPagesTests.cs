using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Certificates;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>The pages of results and certificates (issue #8) as people see them, on both databases: the steps the browser test does not walk.</summary>
public sealed class ResultPagesTests
{
    private static Task<IHtmlDocument> PageAsync(HttpResponseMessage response) => response.PageAsync();

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields) => client.PostFormAsync(url, fields);

    private static string[] ErrorLinks(IHtmlDocument page) => Http.ErrorLinks(page);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ReexaminationPage_AsksForGrounds_RequestsOnce_AndSaysWhyWhenLate(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (once, onceApplicant) = await CertificateTestData.VotedAsync(app, clock);
        var (late, lateApplicant) = await CertificateTestData.VotedAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);
        await CertificateTestData.PublishAsync(app, clock, new DateOnly(2026, 9, 29), officer, once, late);
        foreach (var id in new[] { once, late })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Client().PostAsync($"/api/results/entries/{id}/objections",
                CertificateTestData.ObjectionForm(("name", "Li Si"), ("contact", "13800000000"), ("grounds", "Not their work.")))).StatusCode);
        }
        foreach (var o in (await officer.GetJsonAsync("/api/results/objections")).EnumerateArray())
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/results/objections/{o.GetProperty("id").GetString()}/decision",
                new { decision = "uphold", findings = "Confirmed by the referee." })).StatusCode);
        }

        var holder = await CertificateTestData.HolderAsync(app, onceApplicant);
        var detail = await PageAsync(await holder.GetAsync($"/applications/{once}"));
        Assert.Contains(detail.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/applications/{once}/reexamination" && a.TextContent == "Ask for re-examination");
        var form = await PageAsync(await holder.GetAsync($"/applications/{once}/reexamination"));
        Assert.Equal("Ask for re-examination", form.QuerySelector("h1")!.TextContent);
        Assert.Contains(form.QuerySelectorAll("main p"), p => p.TextContent == "You can ask until 2026-10-29.");

        var empty = await PostFormAsync(holder, $"/applications/{once}/reexamination", ("Grounds", " "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(["#grounds Give your grounds for re-examination: what in the result you think is wrong, and why."], ErrorLinks(await PageAsync(empty)));

        // Once only: the page asks to confirm, showing the grounds as they will be sent, before anything changes.
        var asked = await PostFormAsync(holder, $"/applications/{once}/reexamination", ("Grounds", "  The referee mixed up two projects. "));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = (await PageAsync(asked)).QuerySelector("[data-confirm-step]")!;
        var reference = (await Scenario.ApplicationAsync(app, once)).Reference;
        Assert.Equal($"Ask for re-examination of {reference}?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Equal(["The referee mixed up two projects."], confirm.QuerySelectorAll("li").Select(li => li.TextContent).ToList());
        Assert.Equal("Yes, ask for re-examination", confirm.QuerySelector("form button")!.TextContent);
        Assert.Equal(ApplicationState.ObjectionUpheld, (await Scenario.ApplicationAsync(app, once)).State);

        var sent = await PostFormAsync(holder, $"/applications/{once}/reexamination", ("Grounds", "The referee mixed up two projects."), ("Confirmed", "true"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/applications/{once}", sent.Headers.Location!.OriginalString);
        Assert.Equal(ApplicationState.ReexaminationRequested, (await Scenario.ApplicationAsync(app, once)).State);
        var after = await PageAsync(await holder.GetAsync($"/applications/{once}/reexamination"));
        Assert.Null(after.QuerySelector("main form"));
        Assert.Contains(after.QuerySelectorAll("main p"), p => p.TextContent == "Re-examination cannot be asked for at this stage of the application.");

        // 30 days after publication on 29 September is 29 October; on the 30th the page says why it refuses.
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 30, 2, 0, 0, TimeSpan.Zero));
        var lateHolder = await CertificateTestData.HolderAsync(app, lateApplicant);
        var refused = await PostFormAsync(lateHolder, $"/applications/{late}/reexamination", ("Grounds", "The referee mixed up two projects."));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var why = Assert.Single((await PageAsync(refused)).QuerySelectorAll(".error-summary li"));
        Assert.EndsWith("it requires that a result was published and the time for re-examination has not run out.", why.TextContent.Trim());
        Assert.Equal(ApplicationState.ObjectionUpheld, (await Scenario.ApplicationAsync(app, late)).State);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OfficerRevokesInChinese_OnlyAfterReasonEvidenceAndConfirmation_AndTheHolderSeesItRevoked(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, certificate, _) = await CertificateTestData.IssuedAsync(app, clock, "zh");
        var number = certificate.GetProperty("number").GetString()!;
        var officer = await Scenario.OfficerAsync(app, "zh");
        var url = $"/officer/certificates/{number}";

        var results = await PageAsync(await officer.GetAsync("/officer/results"));
        Assert.Equal("评后公示与审核确认", results.QuerySelector("h1")!.TextContent);
        Assert.Contains(results.QuerySelectorAll("main td a"), a => a.TextContent == $"证书 {number}" && a.GetAttribute("href") == url);

        var missing = await PostFormAsync(officer, url + "?handler=Check", ("Reason", ""), ("Evidence", " "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal(["#reason 请填写撤销理由（何种材料虚假或以何种不当手段取得）。", "#evidence 请填写撤销所依据的证据及其存档位置。"], ErrorLinks(await PageAsync(missing)));

        var check = await PostFormAsync(officer, url + "?handler=Check", ("Reason", "学位证书系伪造。"), ("Evidence", "学位授予院校 3 月 3 日复函，存档编号 2026-17。"));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var confirm = await PageAsync(check);
        Assert.Equal($"确定撤销证书 {number} 吗？", confirm.QuerySelector("#confirm-title")!.TextContent);
        Assert.Equal("撤销该证书", confirm.QuerySelector("form[action*='handler=Revoke'] button")!.TextContent);
        Assert.Equal(CertificateStatus.Valid, await app.QueryAsync(db => db.Certificates.Where(c => c.Number == number).Select(c => c.Status).SingleAsync()));

        var revoked = await PostFormAsync(officer, url + "?handler=Revoke", ("Reason", "学位证书系伪造。"), ("Evidence", "学位授予院校 3 月 3 日复函，存档编号 2026-17。"));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(ApplicationState.Revoked, (await Scenario.ApplicationAsync(app, id)).State);
        var shown = await PageAsync(await officer.GetAsync(url));
        Assert.Equal("已撤销", shown.QuerySelector("main dl .tag")!.TextContent);
        // The committee named is the one that decided the file (its review group's), not a configured stand-in.
        Assert.Contains(shown.QuerySelectorAll("main dl > div"), d => d.QuerySelector("dt")!.TextContent == "评审委员会" && d.QuerySelector("dd")!.TextContent == "工程系列中级评审委员会");
        Assert.Null(shown.QuerySelector("main form"));

        var applicantId = await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ApplicantId).SingleAsync());
        var holder = await CertificateTestData.HolderAsync(app, applicantId);
        holder.DefaultRequestHeaders.AcceptLanguage.Clear();
        holder.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh");
        var mine = await PageAsync(await holder.GetAsync("/applicant/certificates"));
        Assert.Equal("我的证书", mine.QuerySelector("h1")!.TextContent);
        Assert.Equal(number, mine.QuerySelector(".reference")!.TextContent);
        Assert.Equal("已撤销", mine.QuerySelector("main dl .tag")!.TextContent);
        Assert.Equal($"该证书已于 {clock.GetUtcNow().AddHours(8):yyyy-MM-dd} 撤销。", mine.QuerySelector("main [role=status]")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task VerifyStart_SaysWhatIsMissing_AndPassesAWellFormedNumberOnWithoutSayingWhetherItExists(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client();
        var empty = await client.GetAsync("/verify?number=GZZC-2026-12&code=");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(["#number Enter the certificate number as printed, for example GZZC-2026-000001-4", "#code Enter the verification code or the holder's full name"],
            ErrorLinks(await PageAsync(empty)));
        var unknown = new CertificateNumber(2026, 999).ToString();
        // One digit mistyped: the shape is right, the check character is not, and the reader is told that.
        var mistyped = unknown[..15] + (unknown[15] == '1' ? '2' : '1') + unknown[16..];
        var typo = await client.GetAsync($"/verify?number={mistyped}&code=ABCDE-FGHJK");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typo.StatusCode);
        Assert.Equal(["#number This number has a typing mistake: its last character does not match the digits before it. Check it against the certificate"],
            ErrorLinks(await PageAsync(typo)));
        var passed = await client.GetAsync($"/verify?number={unknown.ToLowerInvariant()}&code=ABCDE-FGHJK");
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        Assert.Equal($"/verify/{unknown}?code=ABCDE-FGHJK", passed.Headers.Location!.OriginalString);
    }
}
