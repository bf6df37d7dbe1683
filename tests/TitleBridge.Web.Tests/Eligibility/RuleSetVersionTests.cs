using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Eligibility;

/// <summary>Officers load a new rule-set version; evaluations dated before it keep the earlier one.</summary>
public sealed class RuleSetVersionTests
{
    private static readonly object Person = new
    {
        qualifications = new[] { new { code = "GZ2025-IT-003", obtainedOn = "2025-01-10" } },
        degree = new { level = "bachelor", awardedOn = "2015-07-01" },
        work = new[] { new { from = "2016-01-01", to = (string?)null, specialty = "computer-networks", inGuangzhou = true, fullTime = true } },
    };

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string json)
    {
        var page = await client.GetStringAsync("/officer/rule-sets");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Http.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "Upload", "rules.json" },
        };
        return await client.PostAsync("/officer/rule-sets", form);
    }

    private static string Shipped() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "policy", "guangzhou-engineering-2025.json"));

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task NewVersion_AppliesFromItsDate_EarlierEvaluationsKeepTheOldOne(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var officer = app.Client();
        await officer.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var next = JsonNode.Parse(Shipped())!;
        next["version"] = "2027.1";
        next["effectiveFrom"] = "2027-01-01";
        // The 2027 version lowers the holding period for Assistant Engineer → Engineer to one year.
        next["upThresholds"]![0]!["holdYears"]!["value"] = 1;

        var loaded = await UploadAsync(officer, next.ToJsonString());
        Assert.Equal(HttpStatusCode.Redirect, loaded.StatusCode);

        var client = app.Client();
        async Task<(string Version, string Status)> CheckOn(string date)
        {
            var request = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Person))!;
            request["evaluationDate"] = date;
            var body = await (await client.PostAsJsonAsync("/api/eligibility/check", request)).JsonAsync();
            return (body.GetProperty("ruleSet").GetProperty("version").GetString()!, body.GetProperty("levels")[1].GetProperty("status").GetString()!);
        }
        Assert.Equal(("2025.1", "eligibleFrom"), await CheckOn("2026-06-01"));
        Assert.Equal(("2027.1", "eligible"), await CheckOn("2027-02-01"));
    }

    [Fact]
    public async Task BadVersion_IsRejectedWithItsProblems_AndNothingIsStored()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var officer = app.Client();
        await officer.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var bad = JsonNode.Parse(Shipped())!;
        bad["version"] = "2027.1";
        bad["effectiveFrom"] = "not a date";
        bad["eligibility"]!.AsObject().Remove("renewalGraceDays");

        var response = await UploadAsync(officer, bad.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var items = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".error-summary li").Select(li => li.TextContent).ToList();
        Assert.True(items.Count >= 2, string.Join(" | ", items));
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.RuleSets.Count())));
        var same = await UploadAsync(officer, Shipped());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        Assert.Contains("already exists", await same.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RuleSetPage_Anonymous_IsRedirectedToSignIn()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client().GetAsync("/officer/rule-sets");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
