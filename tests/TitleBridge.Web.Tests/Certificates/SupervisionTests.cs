using System.Net;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Eligibility;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>Supervision sampling (policy.md §5.8): a reproducible draw of decided files and second looks by officers who did not handle them.</summary>
public sealed class SupervisionTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(20, 1)]
    [InlineData(21, 2)]
    [InlineData(41, 3)]
    public void TheSample_IsTheRuleSetsShareRoundedUp_AtLeastOneFile(int files, int sampled)
    {
        var population = Enumerable.Range(1, files).Select(n => $"GZ-2026-{n:00000}").ToList();
        var sample = Supervision.Draw(population, 7, new Fraction(1, 20));
        Assert.Equal(sampled, sample.Count);
        Assert.Equal(sample, Supervision.Draw(population, 7, new Fraction(1, 20)));
        Assert.Equal(sample.Count, sample.Distinct().Count());
        Assert.All(sample, s => Assert.Contains(s, population));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ADraw_IsRecordedWithItsSeedAndReplays_AndOnlyAnOfficerWhoDidNotHandleTheFileGivesItsSecondLook(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        // Two certificates issued: voted, published on 29 September, confirmed on 12 October by the same officer.
        var (issued, _) = await CertificateTestData.VotedAsync(app, clock);
        var (second, _) = await CertificateTestData.VotedAsync(app, clock);
        var handler = await Scenario.OfficerAsync(app);
        await CertificateTestData.PublishAsync(app, clock, new DateOnly(2026, 9, 29), handler, issued, second);
        await clock.MoveToAsync(new DateOnly(2026, 10, 12), handler);
        foreach (var id in new[] { issued, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await handler.PostJsonAsync($"/api/applications/{id}/confirm")).StatusCode);
        }
        var other = await Scenario.OfficerAsync(app);

        var missing = await handler.PostJsonAsync("/api/supervision/samples", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.SupervisionSamples.CountAsync()));

        // Two decided files at 1/20: one is sampled; the seed given replays the same file, the seed drawn is recorded.
        var first = await (await handler.PostJsonAsync("/api/supervision/samples", new { cycleYear = 2026 })).JsonAsync();
        var seed = first.GetProperty("seed").GetInt32();
        Assert.Equal(2, first.GetProperty("population").GetInt32());
        var item = Assert.Single(first.GetProperty("items").EnumerateArray());
        var again = await (await other.PostJsonAsync("/api/supervision/samples", new { cycleYear = 2026, seed })).JsonAsync();
        Assert.Equal(item.GetProperty("applicationId").GetGuid(), Assert.Single(again.GetProperty("items").EnumerateArray()).GetProperty("applicationId").GetGuid());
        Assert.Contains(item.GetProperty("applicationId").GetGuid(), new[] { issued, second });
        Assert.Equal([seed, seed], await app.QueryAsync(db => db.SupervisionSamples.OrderBy(s => s.DrawnAt).Select(s => s.Seed).ToListAsync()));

        var itemId = item.GetProperty("id").GetInt64();
        // The officer who published and confirmed the file handled it.
        var refused = await handler.PostJsonAsync($"/api/supervision/items/{itemId}/outcome", new { outcome = "confirmed" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("You handled this file, so you may not give its second look: another officer must (policy §5.8).", (await refused.JsonAsync()).GetProperty("title").GetString());
        var noNotes = await other.PostJsonAsync($"/api/supervision/items/{itemId}/outcome", new { outcome = "concerns" });
        Assert.Equal(HttpStatusCode.BadRequest, noNotes.StatusCode);
        Assert.Contains("notes", (await noNotes.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Null(await app.QueryAsync(db => db.SupervisionItems.Where(i => i.Id == itemId).Select(i => i.Outcome).SingleAsync()));

        var recorded = await other.PostJsonAsync($"/api/supervision/items/{itemId}/outcome", new { outcome = "concerns", notes = "The renewal certificate was not checked against the issuer's register." });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await other.PostJsonAsync($"/api/supervision/items/{itemId}/outcome", new { outcome = "confirmed" })).StatusCode);
        Assert.Equal(["SupervisionSampleDrawn", "SupervisionSampleDrawn", "SupervisionOutcomeRecorded"],
            await app.QueryAsync(db => db.AuditEvents.Where(e => e.Type.StartsWith("Supervision")).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ThePage_DrawsAndRecords_InChinese_WithErrorsLinkedToTheirFields(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        await CertificateTestData.IssuedAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app, "zh-Hans");

        var empty = await (await officer.GetAsync("/officer/supervision")).PageAsync();
        Assert.Equal("监督抽查：已决申报复核", empty.QuerySelector("h1")!.TextContent);
        Assert.Equal("尚未抽取样本。", empty.QuerySelector("main h2 + p")!.TextContent);

        var badSeed = await officer.PostFormAsync("/officer/supervision?handler=Draw", ("CycleYear", "2026"), ("Seed", "abc"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badSeed.StatusCode);
        var badPage = await badSeed.PageAsync();
        Assert.Equal(["#seed 随机种子须为整数（仅数字，与已记录的抽查一致），或留空以重新抽取。"], Http.ErrorLinks(badPage));
        Assert.NotNull(badPage.QuerySelector("input#seed"));
        Assert.Equal(0, await app.QueryAsync(db => db.SupervisionSamples.CountAsync()));

        var drawn = await officer.PostFormAsync("/officer/supervision?handler=Draw", ("CycleYear", "2026"), ("Seed", "12345"));
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var page = await (await officer.GetAsync(drawn.Headers.Location!.OriginalString)).PageAsync();
        var sample = page.QuerySelector("section.sample")!;
        Assert.Equal("样本已抽取：从 1 份已决申报中抽取 1 份。", sample.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("从 1 份已决申报中抽取 1 份，随机种子 12345。", sample.QuerySelector("[role=status] + p")!.TextContent);
        var itemId = await app.QueryAsync(db => db.SupervisionItems.Select(i => i.Id).SingleAsync());

        var noNotes = await officer.PostFormAsync($"/officer/supervision?handler=Record&item={itemId}", ("Outcome", "concerns"), ("Notes", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNotes.StatusCode);
        var noNotesPage = await noNotes.PageAsync();
        Assert.Equal([$"#notes-{itemId} 请说明存在的问题（不超过 4000 个字符）。"], Http.ErrorLinks(noNotesPage));
        Assert.NotNull(noNotesPage.QuerySelector($"textarea#notes-{itemId}"));

        var recorded = await officer.PostFormAsync($"/officer/supervision?handler=Record&item={itemId}", ("Outcome", "confirmed"), ("Notes", ""));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var after = await (await officer.GetAsync(recorded.Headers.Location!.OriginalString)).PageAsync();
        var entry = after.QuerySelector($"#item-{itemId}")!;
        Assert.Equal("复核结论已记录。", entry.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("办理无误", entry.QuerySelector("dl dd")!.TextContent);
        Assert.Null(entry.QuerySelector("form"));
    }
}
