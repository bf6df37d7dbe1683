using System.Net;
using System.Text.Json;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Statistics;

/// <summary>Open statistics (suppressed, policy.md §7) for everyone; the exact dashboard for officers only.</summary>
public sealed class StatisticsTests
{
    /// <summary>Three submitted files, one of them waiting at intake: small enough that every public figure is hidden or rounded.</summary>
    private static async Task<(TestApp App, HttpClient Officer)> ThreeFilesAsync(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        var app = await TestApp.StartAsync(provider, clock: clock);
        await Scenario.AtIntakeAsync(app, clock);
        for (var i = 0; i < 2; i++)
        {
            var (employerId, _, _) = await Scenario.EmployerAsync(app);
            await Scenario.SubmittedAsync(app, employerId);
        }
        return (app, await Scenario.OfficerAsync(app));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OpenStatistics_ShowOnlyRoundedOrHiddenFigures_AndTheDashboardTheExactOnes(Provider provider)
    {
        var (app, officer) = await ThreeFilesAsync(provider);
        await using var _ = app;
        var anonymous = app.Client();

        var open = await anonymous.GetJsonAsync("/api/statistics/open?cycle=2026");
        var tables = open.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(["applications-by-level-sector", "titles-granted-by-level-sector", "by-country-region", "applications-by-month"],
            tables.Select(t => t.GetProperty("id").GetString()));
        var figures = tables.SelectMany(t => t.GetProperty("rows").EnumerateArray().Append(t.GetProperty("total")))
            .SelectMany(r => r.GetProperty("cells").EnumerateArray().Concat(r.TryGetProperty("total", out var tot) && tot.ValueKind == JsonValueKind.Object ? [tot] : []))
            .ToList();
        Assert.NotEmpty(figures);
        // The exact figure 3 (or 1, 2) never leaves the server: every number is a multiple of 5, the rest are hidden.
        Assert.All(figures, f => Assert.True(f.GetProperty("value").ValueKind == JsonValueKind.Null || f.GetProperty("value").GetInt32() % 5 == 0, f.ToString()));
        var grand = tables[0].GetProperty("total").GetProperty("total");
        Assert.Equal(("small", "< 5", "少于5"), (grand.GetProperty("kind").GetString(), grand.GetProperty("text").GetProperty("en").GetString(), grand.GetProperty("text").GetProperty("zh").GetString()));
        Assert.DoesNotContain("\"value\":3", open.ToString().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var csv = await anonymous.GetAsync("/api/statistics/open?cycle=2026&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("table,row,row_en,row_zh,column,column_en,column_zh,value,shown_en,shown_zh", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("applications-by-level-sector,total,Total,合计,total,Total,合计,,< 5,少于5", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/statistics/dashboard?cycle=2026")).StatusCode);
        var dashboard = await officer.GetJsonAsync("/api/statistics/dashboard?cycle=2026");
        Assert.Equal(3, dashboard.GetProperty("submitted").GetInt32());
        var funnel = dashboard.GetProperty("charts").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "funnel")
            .GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("count").GetInt32());
        Assert.Equal(1, funnel["Intake"]);
        Assert.Equal(3, funnel.Values.Sum());
        Assert.Contains(dashboard.GetProperty("stageTimes").EnumerateArray(), s => s.GetProperty("state").GetString() == "PrePublicity" && s.GetProperty("stays").GetInt32() == 1);
        var dashboardCsv = await (await officer.GetAsync("/api/statistics/dashboard?cycle=2026&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("funnel,Intake,Intake check,受理审查中,1", dashboardCsv, StringComparison.Ordinal);
    }

    /// <summary>
    /// Read on Tuesday 29 September 2026, before National Day (1–7 October; Saturday 10 October is a working day):
    /// the next 5 working days run to Monday 12 October, where 5 calendar days would stop on 4 October. Six files:
    /// passed the vote (its result publicity ends 10 October), failed the vote, refused at intake (no vote), a
    /// correction due 9 October, a correction due 19 October (too far), an employer's publicity ending 10 October.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheDashboard_CountsThePassRateOverTheVote_AndListsEveryKindOfDeadlineInTheNextFiveWorkingDays(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var waiting = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = await Scenario.SubmittedAsync(app, employerId);
            await Scenario.ToPublicityAsync(employer, id, ReviewScenario.Today(clock));
            waiting.Add(id);
        }
        var (passed, _) = await CertificateTestData.VotedAsync(app, clock);
        await clock.MoveToAsync(ReviewScenario.Today(clock), employer);
        foreach (var id in waiting)
        {
            Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{id}/employer/recommend")).StatusCode);
        }
        var (failed, _) = await CertificateTestData.VotedAsync(app, clock, vote: Web.Features.Review.VoteChoice.No);
        Assert.Equal(new DateOnly(2026, 9, 19), ReviewScenario.Today(clock));
        var officer = await Scenario.OfficerAsync(app);
        var (refused, soon, late) = (waiting[0], waiting[1], waiting[2]);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{refused}/reject", new { reason = "The qualification is not in the catalogue." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{soon}/correction", new { items = new[] { "The degree certificate is missing." } })).StatusCode);
        await CertificateTestData.PublishAsync(app, clock, new DateOnly(2026, 9, 29), officer, passed);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{late}/correction", new { items = new[] { "The contract is not signed." } })).StatusCode);
        await clock.MoveToAsync(new DateOnly(2026, 9, 29), employer);
        var publicity = await Scenario.SubmittedAsync(app, employerId);
        await Scenario.ToPublicityAsync(employer, publicity, new DateOnly(2026, 9, 29));
        var reference = new Dictionary<Guid, string>();
        foreach (var id in new[] { passed, failed, refused, soon, late, publicity })
        {
            reference[id] = (await Scenario.ApplicationAsync(app, id)).Reference!;
        }
        Assert.Equal(new DateOnly(2026, 10, 19), (await Scenario.ApplicationAsync(app, late)).CorrectionDueOn);

        var dashboard = await (await Scenario.OfficerAsync(app)).GetJsonAsync("/api/statistics/dashboard?cycle=2026");

        var pass = dashboard.GetProperty("passRate");
        Assert.Equal((1, 2, 50.0), (pass.GetProperty("numerator").GetInt32(), pass.GetProperty("denominator").GetInt32(), pass.GetProperty("percent").GetDouble()));
        var correction = dashboard.GetProperty("correctionRate");
        Assert.Equal((2, 5), (correction.GetProperty("numerator").GetInt32(), correction.GetProperty("denominator").GetInt32()));
        var due = dashboard.GetProperty("dueSoon").EnumerateArray()
            .Select(d => (d.GetProperty("reference").GetString(), d.GetProperty("deadline").GetProperty("en").GetString(), d.GetProperty("dueOn").GetString(), d.GetProperty("state").GetString())).ToList();
        var tenth = new[]
        {
            (reference[passed], "Last day of the result publicity", "2026-10-10", "ResultPublicity"),
            (reference[publicity], "Last day of the pre-evaluation publicity", "2026-10-10", "PrePublicity"),
        }.OrderBy(d => d.Item1, StringComparer.Ordinal);
        Assert.Equal([(reference[soon], "Correction due", "2026-10-09", "CorrectionRequested"), .. tenth], due);

        var page = await (await (await Scenario.OfficerAsync(app, "zh-Hans")).GetAsync("/officer/dashboard?cycle=2026")).PageAsync();
        Assert.Equal(["补正率（收到补正通知的申请占进入受理的申请的比例） 40.0% (2/5)", "通过率（评审会议表决通过的申请占经表决的申请的比例） 50.0% (1/2)"],
            page.QuerySelectorAll("dl.summary-list > div").Select(d => string.Join(' ', d.Children.Select(c => c.TextContent.Trim()))));
        var table = page.QuerySelectorAll("h2").Single(h => h.TextContent == "未来 5 个工作日内到期").NextElementSibling!;
        Assert.Equal([$"{reference[soon]} 补正截止 2026-10-09", .. tenth.Select(d => $"{d.Item1} {(d.Item4 == "ResultPublicity" ? "评后公示最后一天" : "评前公示最后一天")} {d.Item3}")],
            table.QuerySelectorAll("tbody tr").Select(r => string.Join(' ', r.Children.Select(c => c.TextContent.Trim()))));
    }

    /// <summary>
    /// Three files submitted and put to the employer's publicity at 10:00 on 7 September, recommended 5, 7 and 9 days
    /// later; the dashboard read at 10:00 on the 16th. Nearest rank: the median of three is the second, the 90th
    /// percentile the third.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheDashboard_GivesTheMedianAnd90thPercentileDaysOfEachStage(Provider provider)
    {
        var clock = Scenario.ClockAt(new DateOnly(2026, 9, 7));
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var files = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = await Scenario.SubmittedAsync(app, employerId);
            await Scenario.ToPublicityAsync(employer, id, new DateOnly(2026, 9, 7));
            files.Add(id);
        }
        foreach (var (id, day) in files.Zip(new[] { 12, 14, 16 }))
        {
            await clock.MoveToAsync(new DateOnly(2026, 9, day), employer);
            Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{id}/employer/recommend")).StatusCode);
        }

        var dashboard = await (await Scenario.OfficerAsync(app)).GetJsonAsync("/api/statistics/dashboard?cycle=2026");

        Assert.Equal([("Submitted", 3, 0.0, 0.0), ("EmployerReview", 3, 0.0, 0.0), ("PrePublicity", 3, 7.0, 9.0), ("Intake", 3, 2.0, 4.0)],
            dashboard.GetProperty("stageTimes").EnumerateArray().Select(s => (s.GetProperty("state").GetString(), s.GetProperty("stays").GetInt32(),
                s.GetProperty("medianDays").GetDouble(), s.GetProperty("p90Days").GetDouble())));
    }

    /// <summary>
    /// Policy.md §7: a percentage whose base is below 23 is not shown. Every file here is the builders' AWS associate
    /// file, so one country row holds them all; none is granted, so the percentage granted is 0 once it may be shown.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ThePercentageGranted_IsHiddenBelowABaseOf23_AndShownFrom23(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, clock: Scenario.ClockAt(new DateOnly(2026, 9, 7)));
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        for (var i = 0; i < 22; i++)
        {
            await Scenario.SubmittedAsync(app, employerId);
        }
        var anonymous = app.Client();

        static (string?, int?, string?, string?, int?, string?, string?) Row(JsonElement table, Func<JsonElement, bool> which)
        {
            var row = table.GetProperty("rows").EnumerateArray().Append(table.GetProperty("total")).Single(which);
            var cells = row.GetProperty("cells").EnumerateArray().ToList();
            var percent = row.GetProperty("percent");
            return (cells[0].GetProperty("kind").GetString(), cells[0].GetProperty("value").ValueKind == JsonValueKind.Null ? null : cells[0].GetProperty("value").GetInt32(),
                cells[1].GetProperty("text").GetProperty("en").GetString(), percent.GetProperty("text").GetProperty("en").GetString(),
                percent.GetProperty("value").ValueKind == JsonValueKind.Null ? null : percent.GetProperty("value").GetInt32(),
                percent.GetProperty("text").GetProperty("zh").GetString(), row.GetProperty("key").GetString() == "total" ? "total" : "country");
        }
        async Task<JsonElement> ByCountryAsync() =>
            (await anonymous.GetJsonAsync("/api/statistics/open?cycle=2026")).GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "by-country-region");
        static bool Counted(JsonElement row) => row.GetProperty("key").GetString() != "total" && row.GetProperty("cells")[0].GetProperty("value").ValueKind != JsonValueKind.Null
            && row.GetProperty("cells")[0].GetProperty("value").GetInt32() > 0;

        var below = await ByCountryAsync();
        Assert.Equal(("shown", 20, "0", "not shown", null, "不公布", "country"), Row(below, Counted));
        Assert.Equal(("shown", 20, "0", "not shown", null, "不公布", "total"), Row(below, r => r.GetProperty("key").GetString() == "total"));

        await Scenario.SubmittedAsync(app, employerId);
        var from23 = await ByCountryAsync();
        Assert.Equal(("shown", 25, "0", "0%", 0, "0%", "country"), Row(from23, Counted));
        Assert.Equal(("shown", 25, "0", "0%", 0, "0%", "total"), Row(from23, r => r.GetProperty("key").GetString() == "total"));
        // Every other country row has a base of 0: no percentage.
        Assert.All(from23.GetProperty("rows").EnumerateArray().Where(r => !Counted(r)), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("percent").GetProperty("value").ValueKind));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheCycle_MustBeGiven_AndExist(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Client("zh-Hans");
        var missing = await client.GetAsync("/api/statistics/open");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var body = await missing.JsonAsync();
        Assert.Contains("cycle=YYYY", body.GetProperty("errors").GetProperty("cycle")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/statistics/open?cycle=2031")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/statistics/open?cycle=2026&format=xml")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ThePages_ShowTheSuppressedTables_AndTheDashboardsChartsEachWithItsTable_InChinese(Provider provider)
    {
        var (app, _) = await ThreeFilesAsync(provider);
        await using var _ = app;
        var page = await app.Client().GetStringAsync("/statistics?cycle=2026");
        Assert.Contains("Applications by title level and sector", page, StringComparison.Ordinal);
        Assert.Contains("&lt; 5", page, StringComparison.Ordinal);

        var officer = await Scenario.OfficerAsync(app, "zh-Hans");
        var dashboard = await officer.GetStringAsync("/officer/dashboard?cycle=2026");
        Assert.Contains("统计面板", dashboard, StringComparison.Ordinal);
        Assert.Contains("按状态统计的申请", dashboard, StringComparison.Ordinal);
        var charts = System.Text.RegularExpressions.Regex.Matches(dashboard, "aria-labelledby=\"([a-z-]+)-title \\1-desc\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["funnel", "level", "sector", "specialty", "country-region", "stages"], charts);
        foreach (var chart in charts)
        {
            Assert.Contains($"data-chart=\"{chart}\"", dashboard, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(">Intake check<", dashboard, StringComparison.Ordinal);
    }
}
