using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using TitleBridge.Domain.Certificates;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>
/// The public verification page (issue #8, policy.md §5.6) as a visitor sees it, on both databases: a wrong code or
/// name for a real certificate tells nothing an unknown number does not, and the holder's full name checks it too.
/// </summary>
public sealed partial class VerificationPageTests
{
    /// <summary>The whole visible text of the page's main element, spaces collapsed, with the number the visitor typed as {number}.</summary>
    private static string MainText(IHtmlDocument page, string typed) =>
        Spaces().Replace(page.QuerySelector("main")!.TextContent, " ").Trim().Replace(typed, "{number}", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.PageAsync());
    }

    /// <summary>The issued certificate's number and code as its holder sees them on their account.</summary>
    private static async Task<(string Number, string Code)> IssuedAsync(TestApp app, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var (id, _, _) = await CertificateTestData.IssuedAsync(app, clock);
        var holder = await CertificateTestData.HolderAsync(app, (await Scenario.ApplicationAsync(app, id)).ApplicantId);
        var mine = Assert.Single((await holder.GetJsonAsync("/api/me/certificates")).EnumerateArray().ToList());
        return (mine.GetProperty("number").GetString()!, mine.GetProperty("code").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AWrongCodeOrName_ForARealCertificate_LooksExactlyLikeAnUnknownNumber_InBothLanguages(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (number, code) = await IssuedAsync(app, clock);
        var unknown = new CertificateNumber(2026, 999).ToString();

        foreach (var (language, noMatch) in new[]
        {
            ("en", "No certificate matches this number with that code or name. Check both against the certificate."),
            ("zh-Hans", "没有与该编号及所填验证码或姓名相符的证书，请核对证书。"),
        })
        {
            var visitor = app.Client(language);
            // The right code answers (so the number below is a real certificate's).
            var (rightStatus, right) = await GetPageAsync(visitor, $"/verify/{number}?code={code}");
            Assert.Equal(HttpStatusCode.OK, rightStatus);
            Assert.NotNull(right.QuerySelector("#verify-result"));

            var answers = new List<(string What, HttpStatusCode Status, string Text, string? Heading)>();
            foreach (var (what, typed, query) in new[]
            {
                ("wrong code", number, "code=ZZZZZ-ZZZZZ"),
                ("unknown number, code", unknown, "code=ZZZZZ-ZZZZZ"),
                ("wrong name", number, "name=Li%20Si"),
                ("unknown number, name", unknown, "name=Li%20Si"),
                // The holder's real name with an unknown number is no answer either.
                ("unknown number, holder's name", unknown, "name=" + Uri.EscapeDataString(CertificateTestData.ChineseName)),
            })
            {
                var (status, page) = await GetPageAsync(visitor, $"/verify/{typed}?{query}");
                answers.Add((what, status, MainText(page, typed), page.QuerySelector("#verify-none")?.TextContent));
            }

            Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.NotFound, $"{language}, {a.What}: {a.Status}"));
            Assert.All(answers, a => Assert.True(a.Heading == noMatch, $"{language}, {a.What}: {a.Heading}"));
            Assert.All(answers, a => Assert.True(a.Text == answers[1].Text, $"{language}: the {a.What} page differs from the unknown number's:\n{a.Text}\n{answers[1].Text}"));
            Assert.Null(answers.Select(a => a.Text).FirstOrDefault(t => t.Contains("张", StringComparison.Ordinal) || t.Contains("ZHANG", StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheHoldersFullName_ChecksTheCertificate_InChineseOrAsInThePassport_InAnyCaseAndSpacing(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (number, _) = await IssuedAsync(app, clock);
        var visitor = app.Client("en");

        // The profile says 张三明 and, as in the passport, ZHANG SANMING (CertificateTestData).
        string[] right = ["张三明", " 张 三明 ", "张\u3000三明", "ZHANG SANMING", "zhang sanming", "  Zhang   Sanming  "];
        foreach (var name in right)
        {
            var (status, page) = await GetPageAsync(visitor, $"/verify/{number}?name={Uri.EscapeDataString(name)}");
            Assert.True(status == HttpStatusCode.OK, $"'{name}': {status}");
            Assert.Equal("This certificate is valid", page.QuerySelector("#verify-result")!.TextContent);
            Assert.Equal("张*明", page.QuerySelector("main dl > div:first-child dd")!.TextContent);
        }
        string[] wrong = ["张三", "张三明明", "ZHANG SAN", "ZHANG SANMIN", "Li Si"];
        foreach (var name in wrong)
        {
            var (status, page) = await GetPageAsync(visitor, $"/verify/{number}?name={Uri.EscapeDataString(name)}");
            Assert.True(status == HttpStatusCode.NotFound, $"'{name}': {status}");
            Assert.Equal("No certificate matches this number with that code or name. Check both against the certificate.", page.QuerySelector("#verify-none")!.TextContent);
            Assert.Null(page.QuerySelector("#verify-result"));
        }

        // From the way in (/verify): a number and a name, no code, go to the number's page with the name.
        var start = await visitor.GetAsync($"/verify?number={number.ToLowerInvariant()}&code=&name={Uri.EscapeDataString(" Zhang Sanming ")}&organisation=Shenzhen%20Tech%20Ltd");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal($"/verify/{number}?name=Zhang%20Sanming&organisation=Shenzhen%20Tech%20Ltd", start.Headers.Location!.OriginalString);
        var (landed, landedPage) = await GetPageAsync(visitor, start.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, landed);
        Assert.Equal("This certificate is valid", landedPage.QuerySelector("#verify-result")!.TextContent);

        // The holder sees each check by name (and none of the failed ones), the last one with the organisation.
        var holderId = await app.QueryAsync(db => db.Certificates.Select(c => c.HolderUserId).SingleAsync());
        var holder = await CertificateTestData.HolderAsync(app, holderId);
        var checks = Assert.Single((await holder.GetJsonAsync("/api/me/certificates")).EnumerateArray().ToList()).GetProperty("verifications").EnumerateArray()
            .Select(v => $"{v.GetProperty("method").GetString()}|{v.GetProperty("organisation").GetString()}").ToList();
        Assert.Equal([$"name|Shenzhen Tech Ltd", .. Enumerable.Repeat("name|", right.Length)], checks);
    }

    [Fact]
    public async Task TheNamePath_CountsAgainstTheSameRateLimitAsTheCode()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?> { ["RateLimits:verification:PermitLimit"] = "3" });
        var number = new CertificateNumber(2026, 1).ToString();
        var client = app.Client("en");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/verify/{number}?code=AAAAA-AAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/verify/{number}?name=Zhang%20San")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/verify/{number}?name=Li%20Si")).StatusCode);

        var refused = await client.GetAsync($"/verify/{number}?name=Wang%20Wu");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
