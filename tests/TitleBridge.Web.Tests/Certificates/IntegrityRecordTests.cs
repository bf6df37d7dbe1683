using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Features.Applicants;
using TitleBridge.Web.Features.Certificates;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>
/// The integrity record (诚信档案, policy.md §5.7): kept against the identity document for integrityRecordYears after a
/// revocation, during which no application can be made with that document — by the holder or by any other account.
/// </summary>
public sealed class IntegrityRecordTests
{
    // Revoked on Monday 12 October 2026 (CertificateTestData.IssuedAsync confirms that day); three years run to 11 October 2029.
    private const string BarredEn = "An integrity record runs against this identity document until 11 October 2029 (a title was revoked on 12 October 2026). Until then no application can be made with it; from 12 October 2029 you may apply again.";
    private const string BarredZh = "该身份证件记有职称评审诚信档案，至2029年10月11日止（职称已于2026年10月12日被撤销）。在此之前不能以该证件申报；自2029年10月12日起可重新申报。";

    private static readonly object Submit = new { declaration = true, acknowledgeEligibilityWarning = true };

    private static async Task<HttpClient> SignedInAsync(TestApp app, string applicantId, string language)
    {
        var client = await CertificateTestData.HolderAsync(app, applicantId);
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static async Task AssertBarredAsync(HttpResponseMessage response, string language, string what)
    {
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{what} ({language}): {response.StatusCode} {body}");
        Assert.Equal(
            (IntegrityBar.BarredCode, language == "en" ? BarredEn : BarredZh, BarredEn, BarredZh),
            (body.GetProperty("code").GetString(), body.GetProperty("title").GetString(),
                body.GetProperty("message").GetProperty("en").GetString(), body.GetProperty("message").GetProperty("zh").GetString()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WhileTheRecordRuns_SubmittingWithTheDocumentIsRefused_AlsoFromASecondAccount_AndFromTheDayAfterItEndsBothAreSubmitted(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, certificate, officer) = await CertificateTestData.IssuedAsync(app, clock);
        var number = certificate.GetProperty("number").GetString()!;
        var holderId = (await Scenario.ApplicationAsync(app, id)).ApplicantId;
        var passport = await app.QueryAsync(db => db.ApplicantProfiles.Where(p => p.UserId == holderId).Select(p => p.DocumentNumber).SingleAsync());

        // An officer opens a cycle that runs from today until after the record ends; the holder begins a file in it.
        var opened = await officer.PutAsJsonAsync("/api/cycles/2029", new { opensOn = "2026-10-12", closesOn = "2029-12-31", countUntil = "2029-12-31", levels = new[] { "AE", "E", "SE", "PSE" } });
        Assert.True(opened.StatusCode == HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        var holderDraft = await CertificateTestData.CompleteDraftAsync(app, holderId, 2029);

        var revoked = await officer.PostJsonAsync($"/api/certificates/{number}/revoke", new { reason = "The qualification certificate was forged.", evidence = "Issuer's letter of 2 October 2026, file 2026-17." });
        Assert.True(revoked.StatusCode == HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());

        // A second account with a file of its own gives the same passport, typed in lower case between spaces.
        var (otherDraft, otherId) = await Scenario.CompleteDraftAsync(app, year: 2029);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<SaveProfile>().HandleAsync(
                new("LI SI", "李四", IdentityDocumentType.Passport, "  " + passport.ToLowerInvariant() + " ", "gb", "+86 20 8765 4321"), otherId);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Problems.Select(p => p.Message.En)));
            Assert.Equal(passport, saved.Value.DocumentNumber);
        }

        foreach (var language in new[] { "en", "zh-Hans" })
        {
            var holder = await SignedInAsync(app, holderId, language);
            var other = await SignedInAsync(app, otherId, language);
            await AssertBarredAsync(await holder.PostJsonAsync($"/api/applications/{holderDraft}/submit", Submit), language, "the holder submits");
            await AssertBarredAsync(await other.PostJsonAsync($"/api/applications/{otherDraft}/submit", Submit), language, "the second account submits");
            await AssertBarredAsync(await other.PostJsonAsync("/api/applications"), language, "the second account starts");
        }
        // The second account's eligibility check says so too.
        var checker = await SignedInAsync(app, otherId, "en");
        await EligibilityCheck.WalkAsync(checker);
        var result = await (await checker.GetAsync("/check/result")).PageAsync();
        Assert.Equal("You cannot apply while an integrity record runs", result.QuerySelector("#integrity-record h2")!.TextContent);

        // The record's last day: still refused.
        await clock.MoveToAsync(new DateOnly(2029, 10, 11));
        await AssertBarredAsync(await (await SignedInAsync(app, holderId, "en")).PostJsonAsync($"/api/applications/{holderDraft}/submit", Submit), "en", "the holder on the last day");
        await AssertBarredAsync(await (await SignedInAsync(app, otherId, "en")).PostJsonAsync($"/api/applications/{otherDraft}/submit", Submit), "en", "the second account on the last day");
        Assert.Equal((ApplicationState.Draft, ApplicationState.Draft), (await Scenario.StateAsync(app, holderDraft), await Scenario.StateAsync(app, otherDraft)));

        // The day after it ends, both files are submitted.
        await clock.MoveToAsync(new DateOnly(2029, 10, 12));
        foreach (var (applicant, draft, reference) in new[] { (holderId, holderDraft, "GZ-2029-000001"), (otherId, otherDraft, "GZ-2029-000002") })
        {
            var submitted = await (await SignedInAsync(app, applicant, "en")).PostJsonAsync($"/api/applications/{draft}/submit", Submit);
            Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
            Assert.Equal(reference, (await submitted.JsonAsync()).GetProperty("reference").GetString());
            Assert.Equal(ApplicationState.Submitted, await Scenario.StateAsync(app, draft));
        }
    }
}
