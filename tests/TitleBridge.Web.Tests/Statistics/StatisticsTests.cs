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
