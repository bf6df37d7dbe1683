using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Eligibility;

/// <summary>
/// Issue #9: before a rule-set version is published, officers see its effect on every submitted file of the open
/// cycle. Two files are submitted through the real handlers; the candidate asks a bachelor five more years of
/// work for AE → E, which moves the bachelor's file (working since 2015) from eligible to eligible later at E, and
/// leaves the master's file as it was.
/// </summary>
public sealed class RuleSetImpactTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found above the test binaries.");
    }

    /// <summary>The shipped rule set as a new version whose AE → E route wants twelve years after a bachelor's degree instead of five.</summary>
    private static string Candidate()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Root(), "data", "policy", "guangzhou-engineering-2025.json")))!;
        json["version"] = "2026.9";
        json["effectiveFrom"] = "2026-12-01";
        json["upThresholds"]![0]!["workYearsAfterDegree"]!["bachelor"]!["value"] = 12;
        return json.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheApi_CountsTheChangesPerLevel_AndNamesTheFileThatChanges_StoringNothing(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, clock: Scenario.ClockAt(new DateOnly(2026, 3, 2)));
        var (bachelor, master, officer) = await Scenario.TwoFilesAsync(app);
        var references = await app.QueryAsync(db => db.Applications.Where(a => a.Id == bachelor || a.Id == master).ToDictionaryAsync(a => a.Id, a => a.Reference!));
        var ruleSetsBefore = await app.QueryAsync(db => db.RuleSets.CountAsync());

        var response = await officer.PostAsync("/api/eligibility/rule-set/impact", new StringContent(Candidate(), System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var impact = await response.JsonAsync();
        Assert.Equal(2026, impact.GetProperty("cycleYear").GetInt32());
        Assert.Equal("2026.9", impact.GetProperty("candidateVersion").GetString());
        Assert.Equal(2, impact.GetProperty("evaluated").GetInt32());
        Assert.Equal(
            ["AE 0 0 0", "E 1 0 1", "SE 0 0 0", "PSE 0 0 0"],
            impact.GetProperty("levels").EnumerateArray().Select(l => $"{l.GetProperty("level").GetString()} {l.GetProperty("changed").GetInt32()} {l.GetProperty("becomeEligible").GetInt32()} {l.GetProperty("noLongerEligible").GetInt32()}"));
        var changed = Assert.Single(impact.GetProperty("changed").EnumerateArray());
        Assert.Equal(bachelor, changed.GetProperty("applicationId").GetGuid());
        Assert.Equal(references[bachelor], changed.GetProperty("reference").GetString());
        var change = Assert.Single(changed.GetProperty("changes").EnumerateArray());
        Assert.Equal("E eligible eligibleFrom", $"{change.GetProperty("level").GetString()} {change.GetProperty("from").GetString()} {change.GetProperty("to").GetString()}");
        Assert.Equal(ruleSetsBefore, await app.QueryAsync(db => db.RuleSets.CountAsync()));

        // Officers only, and in the published API description.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Scenario.EmployerAsync(app)).Client.PostAsync("/api/eligibility/rule-set/impact", new StringContent(Candidate(), System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Contains("\"/api/eligibility/rule-set/impact\"", await app.Client().GetStringAsync("/openapi/v1.json"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ThePage_ShowsTheEffectInBothLanguages(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, clock: Scenario.ClockAt(new DateOnly(2026, 3, 2)));
        var (bachelor, _, _) = await Scenario.TwoFilesAsync(app);
        var reference = await app.QueryAsync(db => db.Applications.Where(a => a.Id == bachelor).Select(a => a.Reference!).SingleAsync());

        foreach (var (language, title, row, line) in new[]
        {
            ("en", "Effect of version 2026.9 on the 2026 cycle", "<tr><th scope=\"row\">Engineer</th><td>1</td><td>0</td><td>1</td></tr>", "Engineer: Eligible → Eligible later"),
            ("zh-Hans", "版本 2026.9 对 2026 年度申报的影响", "<tr><th scope=\"row\">工程师</th><td>1</td><td>0</td><td>1</td></tr>", "工程师：可申报 → 以后可申报"),
        })
        {
            var officer = await Scenario.OfficerAsync(app, language);
            var token = Http.AntiforgeryToken(await officer.GetStringAsync("/officer/rule-sets"));
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Candidate())), "Upload", "candidate.json" },
            };
            var response = await officer.PostAsync("/officer/rule-sets?handler=Impact", form);
            var page = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

            Assert.True(response.StatusCode == HttpStatusCode.OK, page);
            Assert.Contains($"<h2 id=\"impact-title\">{title}</h2>", page, StringComparison.Ordinal);
            Assert.Contains(row, page, StringComparison.Ordinal);
            Assert.Contains($">{reference}</a>", page, StringComparison.Ordinal);
            Assert.Contains($"<li>{line}</li>", page, StringComparison.Ordinal);
        }
    }
}
