using Microsoft.EntityFrameworkCore;
using System.Net;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Eligibility;

/// <summary>Issue #11: a new rule-set version made with the form "New version from the one in force".</summary>
public sealed class RuleSetFormTests
{
    private const string Url = "/officer/rule-sets/new-version";

    /// <summary>The form's fields as the page shows them (what a browser would post), with <paramref name="changes"/> typed over them.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient officer, params (string Name, string Value)[] changes) =>
        PostAsync(officer, Url, changes);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient officer, string action, params (string Name, string Value)[] changes)
    {
        var page = await (await officer.GetAsync(Url)).PageAsync();
        var fields = page.QuerySelectorAll("form[method=post] input[name]")
            .Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in changes)
        {
            Assert.True(fields.ContainsKey(name), $"The form has no field {name}.");
            fields[name] = value;
        }
        return await officer.PostFormAsync(action, [.. fields.Select(f => (f.Key, f.Value))]);
    }

    private static async Task<string> PassFractionOnAsync(HttpClient client, string date)
    {
        var body = await (await client.GetAsync($"/api/eligibility/rule-set?date={date}")).JsonAsync();
        var version = body.GetProperty("version").GetString();
        var pass = body.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "passFraction");
        return $"{version}: {pass.GetProperty("value").GetString()} ({pass.GetProperty("source").GetString()})";
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task NewVersion_IsInForceFromItsDate_WithTheChangedValue(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var officer = app.Client();
        await officer.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var saved = await PostAsync(officer, ("Version", "2027.1"), ("EffectiveFrom", "2027-01-01"),
            ("Value[passFraction]", "3/4"), ("Source[passFraction]", "Guangzhou notice 2026-12: three quarters of members present"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await (await officer.GetAsync(saved.Headers.Location!.ToString())).PageAsync();
        Assert.Equal("Version 2027.1 loaded.",
            list.QuerySelector(".notice-success")!.TextContent.Trim());
        var anyone = app.Client();
        var shipped = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "policy", "guangzhou-engineering-2025.json")))!;
        Assert.Equal($"2025.1: 2/3 ({shipped["procedure"]!["passFraction"]!["source"]})", await PassFractionOnAsync(anyone, "2026-12-31"));
        Assert.Equal("2027.1: 3/4 (Guangzhou notice 2026-12: three quarters of members present)", await PassFractionOnAsync(anyone, "2027-01-01"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task BadInput_IsRefusedNamingTheField_AndNothingIsWritten(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var officer = app.Client();
        await officer.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var refused = await PostAsync(officer, ("Version", "2027.1"), ("EffectiveFrom", "2026-10-01"),
            ("Value[reviewWorkingDays]", "ten"), ("Source[reviewWorkingDays]", "notice"),
            ("Value[quorumFraction]", "2/0"), ("Source[quorumFraction]", "notice"),
            ("Value[minLocalMonths]", "6"), ("Source[minLocalMonths]", "  "));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(
        [
            "#EffectiveFrom The effective date must be after today (2026-11-02): a version cannot change decisions already taken.",
            "#Source_minLocalMonths Enter the source of the new value of Minimum months working in Guangzhou.",
            "#Value_quorumFraction Share of committee members who must be present: the number below the line cannot be 0.",
            "#Value_reviewWorkingDays Working days for the review group must be a whole number, like 5.",
        ], Http.ErrorLinks(await refused.PageAsync()));
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.RuleSets.Count())));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PreviewTheImpact_OfTheFormsValues_ShowsTheChangedFiles_AndSavesNothing(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, clock: Scenario.ClockAt(new DateOnly(2026, 3, 2)));
        var (bachelor, master, officer) = await Scenario.TwoFilesAsync(app);
        var references = await app.QueryAsync(db => db.Applications.Where(a => a.Id == bachelor || a.Id == master).ToDictionaryAsync(a => a.Id, a => a.Reference!));

        // A year of experience counted as four times as many days: the bachelor working since 2015 no longer has the five years for Engineer.
        var previewed = await PostAsync(officer, Url + "?handler=Impact", ("Version", "2026.9"), ("EffectiveFrom", "2026-12-01"),
            ("Value[experienceDaysPerYear]", "1460"), ("Source[experienceDaysPerYear]", "draft for discussion"));

        var page = await previewed.PageAsync();
        Assert.True(previewed.StatusCode == HttpStatusCode.OK, page.Body?.TextContent);
        var impact = page.QuerySelector("[data-impact]")!;
        Assert.Equal("Effect of version 2026.9 on the 2026 cycle", impact.QuerySelector("h2")!.TextContent.Trim());
        var changedReferences = impact.QuerySelectorAll("[data-impact-files] td a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(references[bachelor], changedReferences);
        // The form keeps what was typed, and nothing was saved.
        Assert.Equal("1460", page.QuerySelector("#Value_experienceDaysPerYear")!.GetAttribute("value"));
        Assert.Equal(0, await app.QueryAsync(db => db.RuleSets.CountAsync()));

        var refused = await PostAsync(officer, Url + "?handler=Impact", ("Version", "2026.9"), ("EffectiveFrom", "2026-12-01"),
            ("Value[experienceDaysPerYear]", "many"), ("Source[experienceDaysPerYear]", "draft"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.PageAsync();
        Assert.Equal(["#Value_experienceDaysPerYear Days of experience that make one year must be a whole number, like 5."], Http.ErrorLinks(refusedPage));
        Assert.Null(refusedPage.QuerySelector("[data-impact]"));
    }
}
