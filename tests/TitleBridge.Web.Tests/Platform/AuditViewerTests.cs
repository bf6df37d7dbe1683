using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Tests.Infrastructure;

namespace TitleBridge.Web.Tests.Platform;

/// <summary>
/// The administrators' audit viewer filters by subject, actor, kind and date (from and to, both counted, as Guangzhou
/// dates). Three people register through the API around midnight in Guangzhou, when the UTC date is a day behind:
/// Ana at 00:10 on 8 September (16:10 UTC on the 7th), Bruno at 23:50 on the 8th, Chen at 00:10 on the 9th.
/// Each registration writes ConsentGiven, then AccountRegistered, with the new account as actor and subject.
/// </summary>
public sealed class AuditViewerTests
{
    private sealed record Person(string Id, string At);

    private static async Task<(TestApp App, Person Ana, Person Bruno, Person Chen)> ThreeRegistrationsAsync(Provider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 7, 2, 0, 0, TimeSpan.Zero));
        var app = await TestApp.StartAsync(provider, clock: clock);
        async Task<Person> RegisterAsync(string name, DateTimeOffset at)
        {
            clock.SetUtcNow(at);
            var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@test.localhost";
            Assert.Equal(HttpStatusCode.Created, (await app.Client().PostAsJsonAsync("/api/account/register",
                new { email, password = "Applicant-Password-1", displayName = name, culture = "en", privacyNotice = Accounts.PrivacyTests.NoticeVersion })).StatusCode);
            var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            return new(id, at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        }
        var ana = await RegisterAsync("Ana", new DateTimeOffset(2026, 9, 7, 16, 10, 0, TimeSpan.Zero));
        var bruno = await RegisterAsync("Bruno", new DateTimeOffset(2026, 9, 8, 15, 50, 0, TimeSpan.Zero));
        var chen = await RegisterAsync("Chen", new DateTimeOffset(2026, 9, 8, 16, 10, 0, TimeSpan.Zero));
        clock.SetUtcNow(new DateTimeOffset(2026, 9, 9, 2, 0, 0, TimeSpan.Zero));
        return (app, ana, bruno, chen);
    }

    /// <summary>The two rows one registration writes, newest first, as the table shows them (not sealed: the sealer is off in tests).</summary>
    private static string[][] RowsOf(Person p) =>
    [
        ["not sealed yet", p.At, "Account registered", $"user:{p.Id}", p.Id, $$"""{"userId":"{{p.Id}}","role":"Applicant"}"""],
        ["not sealed yet", p.At, "Consent to the privacy notice", $"user:{p.Id}", p.Id, $$"""{"userId":"{{p.Id}}","version":"{{Accounts.PrivacyTests.NoticeVersion}}","occasion":"registration"}"""],
    ];

    private static async Task<IHtmlDocument> ViewerAsync(TestApp app, string query, string culture = "en")
    {
        var admin = app.Client(culture);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);
        var response = await admin.GetAsync($"/admin/audit?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.PageAsync();
    }

    private static List<string[]> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.entries tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    private static string Shown(IHtmlDocument page) => page.QuerySelector("form.filters + p")!.TextContent.Trim();

    public static TheoryData<Provider, string> Filters()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            foreach (var filter in new[] { "subject", "actor", "type", "date" })
            {
                data.Add(provider, filter);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EachFilter_ShowsExactlyTheEventsItNames(Provider provider, string filter)
    {
        var (app, ana, bruno, chen) = await ThreeRegistrationsAsync(provider);
        await using var _ = app;
        var (query, expected) = filter switch
        {
            "subject" => ($"subject={Uri.EscapeDataString($"user:{bruno.Id}")}", RowsOf(bruno)),
            "actor" => ($"actor={Uri.EscapeDataString(chen.Id)}", RowsOf(chen)),
            // Every registration's consent, and nothing else (the seeded staff accounts consented to nothing).
            "type" => ("type=ConsentGiven", new[] { chen, bruno, ana }.Select(p => RowsOf(p)[1]).ToArray()),
            // 8 September in Guangzhou: Ana's 00:10 (the 7th in UTC) is in, Chen's 00:10 on the 9th (the 8th in UTC) is out.
            "date" => ("from=2026-09-08&to=2026-09-08", [.. RowsOf(bruno), .. RowsOf(ana)]),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };

        var page = await ViewerAsync(app, query);

        Assert.Equal(expected, Rows(page));
        Assert.Equal($"{expected.Length} events shown (at most 200, newest first).", Shown(page));
        Assert.Null(page.QuerySelector(".error-summary"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheFilters_Combine(Provider provider)
    {
        var (app, _, bruno, _) = await ThreeRegistrationsAsync(provider);
        await using var _ = app;

        var page = await ViewerAsync(app, $"type=AccountRegistered&from=2026-09-08&to=2026-09-08&actor={Uri.EscapeDataString(bruno.Id)}");

        Assert.Equal([RowsOf(bruno)[0]], Rows(page));
        Assert.Equal(("AccountRegistered", "2026-09-08", "2026-09-08"), (page.QuerySelector("#Type option[selected]")!.GetAttribute("value"),
            page.QuerySelector("#From")!.GetAttribute("value"), page.QuerySelector("#To")!.GetAttribute("value")));
    }

    [Theory]
    [InlineData("en", "from=2026-02-30", "From", "Enter the ‘from’ date as year-month-day, for example 2026-09-07.")]
    [InlineData("zh-Hans", "from=2026-02-30", "From", "请按“年-月-日”格式填写起始日期，例如 2026-09-07。")]
    [InlineData("en", "to=yesterday", "To", "Enter the ‘to’ date as year-month-day, for example 2026-09-07.")]
    [InlineData("zh-Hans", "to=9/8/2026", "To", "请按“年-月-日”格式填写截止日期，例如 2026-09-07。")]
    [InlineData("en", "from=2026-09-09&to=2026-09-08", "To", "The ‘to’ date must be the same as or after the ‘from’ date.")]
    [InlineData("zh-Hans", "from=2026-09-09&to=2026-09-08", "To", "截止日期不能早于起始日期。")]
    public async Task ABadDate_IsNamedAtItsField_AndNothingIsListed(string culture, string query, string field, string message)
    {
        var (app, _, _, _) = await ThreeRegistrationsAsync(Provider.Sqlite);
        await using var _ = app;

        var page = await ViewerAsync(app, query, culture);

        Assert.Equal([(message, $"#{field}")], page.QuerySelectorAll(".error-summary li a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))));
        Assert.Equal(message, page.QuerySelector($"#{field}-error")!.TextContent.Trim());
        Assert.Equal(("true", $"{field}-error"), (page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"), page.QuerySelector($"#{field}")!.GetAttribute("aria-describedby")));
        Assert.Empty(Rows(page));
    }

    /// <summary>The verify-audit result on the page: intact after sealing, then the first tampered event named, in both languages.</summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ThePage_ShowsTheChainsVerification_AndNamesATamperedEvent_InBothLanguages(Provider provider)
    {
        var (app, _, bruno, _) = await ThreeRegistrationsAsync(provider);
        await using var _ = app;
        await app.Services.GetRequiredService<AuditChain>().SealAsync();
        var total = await app.QueryAsync(db => db.AuditEvents.CountAsync());

        static (string?, string) Status(IHtmlDocument page) =>
            (page.QuerySelector("[data-chain]")!.GetAttribute("data-chain"), page.QuerySelector("[data-chain] p")!.TextContent.Trim());

        Assert.Equal(("intact", $"The chain is intact: {total} sealed events verified; 0 waiting to be sealed. This is the verify-audit check."), Status(await ViewerAsync(app, "")));

        // Someone edits a sealed row behind the application's back.
        var tampered = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Type == "ConsentGiven" && e.Actor == bruno.Id).Select(e => new { e.Id, e.Sequence }).SingleAsync());
        await app.QueryAsync(db => db.AuditEvents.Where(e => e.Id == tampered.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Actor, "mallory")));

        Assert.Equal(("broken", $"The chain is broken at event {tampered.Sequence}: event {tampered.Sequence} (id {tampered.Id}, ConsentGiven) does not match its hash"),
            Status(await ViewerAsync(app, "")));
        Assert.Equal(("broken", $"哈希链在第 {tampered.Sequence} 条事件处断开：第 {tampered.Sequence} 条事件（编号 {tampered.Id}，ConsentGiven）与其哈希值不符"),
            Status(await ViewerAsync(app, "", "zh-Hans")));
    }
}
