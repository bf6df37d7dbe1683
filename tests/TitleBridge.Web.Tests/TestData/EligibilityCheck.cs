using System.Net;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.TestData;

/// <summary>The public "Check if you can apply" journey over HTTP, without JavaScript.</summary>
internal static class EligibilityCheck
{
    /// <summary>Posts a step's form with the antiforgery token of its page, as the browser does.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        fields["__RequestVerificationToken"] = Http.AntiforgeryToken(page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Answers every step of the check as a person does (a qualification renewed twice, a bachelor's, work in Guangzhou).</summary>
    public static async Task WalkAsync(HttpClient client)
    {
        var added = await PostAsync(client, "/check/qualifications?q=saa-c03", "/check/qualifications?handler=Add&q=saa-c03", new()
        {
            ["Code"] = "GZ2025-IT-003",
            ["ObtainedOn"] = "2020-03-01",
            ["RenewalFrom[0]"] = "2020-03-01",
            ["RenewalTo[0]"] = "2023-02-28",
            ["RenewalFrom[1]"] = "2023-03-01",
            ["RenewalTo[1]"] = "2026-02-28",
            ["RenewalFrom[2]"] = "2026-03-01",
            ["RenewalTo[2]"] = "2029-02-28",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/check/degree", (await PostAsync(client, "/check/qualifications", "/check/qualifications?handler=Continue", [])).Headers.Location?.OriginalString);
        Assert.Equal("/check/work", (await PostAsync(client, "/check/degree", "/check/degree", new() { ["Level"] = "bachelor", ["AwardedOn"] = "2015-07-01" })).Headers.Location?.OriginalString);
        var work = await PostAsync(client, "/check/work", "/check/work?handler=Add", new()
        {
            ["From"] = "2016-01-01",
            ["To"] = "",
            ["Specialty"] = "computer-networks",
            ["Country"] = "CN",
            ["InGuangzhou"] = "yes",
            ["FullTime"] = "yes",
        });
        Assert.Equal(HttpStatusCode.Redirect, work.StatusCode);
        Assert.Equal("/check/titles", (await PostAsync(client, "/check/work", "/check/work?handler=Continue", [])).Headers.Location?.OriginalString);
        Assert.Equal("/check/answers", (await PostAsync(client, "/check/titles", "/check/titles?handler=Continue", [])).Headers.Location?.OriginalString);
        Assert.Equal("/check/result", (await PostAsync(client, "/check/answers", "/check/answers", new() { ["EvaluationDate"] = "2026-11-27" })).Headers.Location?.OriginalString);
    }
}
