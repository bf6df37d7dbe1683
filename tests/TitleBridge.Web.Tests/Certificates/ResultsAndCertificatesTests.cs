using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Certificates;
using TitleBridge.Web.Features.Certificates;
using TitleBridge.Web.Features.Results;
using TitleBridge.Web.Features.Review;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Certificates;

/// <summary>Result publicity, objections, confirmation, certificates and verification (policy.md §5.5–5.7), on both databases.</summary>
public sealed class ResultsAndCertificatesTests
{
    [Theory]
    // Tuesday 29 September: 29, 30 September, National Day 1–7 October off, 8, 9 and Saturday 10 October (a declared working day).
    [InlineData("2026-09-29", "2026-10-10")]
    // Monday 21 September: 21–24, the Mid-Autumn holiday 25–27, then Monday 28.
    [InlineData("2026-09-21", "2026-09-28")]
    public async Task PublicityPeriod_CountsWorkingDays_OverHolidaysAndWorkedWeekends_AndConfirmationWaitsForItsEnd(string start, string last)
    {
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            var clock = Scenario.ClockAt(CertificateTestData.Start);
            await using var app = await TestApp.StartAsync(provider, clock: clock);
            var (id, _) = await CertificateTestData.VotedAsync(app, clock, "zh-Hans");
            var officer = await Scenario.OfficerAsync(app);

            var notice = await CertificateTestData.PublishAsync(app, clock, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), officer, id);

            Assert.Equal(last, notice.GetProperty("lastDay").GetString());
            var entry = notice.GetProperty("entries").EnumerateArray().Single();
            Assert.Equal("张*明", entry.GetProperty("nameMasked").GetString());
            var publicJson = await app.Client().GetStringAsync("/api/results/notices");
            Assert.DoesNotContain(CertificateTestData.PassportNumber, publicJson);
            Assert.DoesNotContain("张三明", publicJson);
            Assert.Equal(ApplicationState.ResultPublicity, (await Scenario.ApplicationAsync(app, id)).State);
            Assert.Contains("评审结果已公示", (await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.TemplateKey == "ResultPublished"))).Subject);

            var lastDay = DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
            await clock.MoveToAsync(lastDay, officer);
            Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/applications/{id}/confirm")).StatusCode);
            await clock.MoveToAsync(lastDay.AddDays(1), officer);
            var confirmed = await officer.PostJsonAsync($"/api/applications/{id}/confirm");
            Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
            var certificate = await confirmed.JsonAsync();
            Assert.Equal("GZZC-2026-000001-" + new CertificateNumber(2026, 1).Check, certificate.GetProperty("number").GetString());
            Assert.Equal(ApplicationState.CertificateIssued, (await Scenario.ApplicationAsync(app, id)).State);
            var issuedEmail = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.TemplateKey == "CertificateIssued"));
            Assert.Contains("电子证书", issuedEmail.Subject);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnUpheldObjection_StopsConfirmation_AndTellsTheApplicantWhy_WhileADismissedOneDoesNot(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (upheld, _) = await CertificateTestData.VotedAsync(app, clock);
        var (dismissed, _) = await CertificateTestData.VotedAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);
        await CertificateTestData.PublishAsync(app, clock, new DateOnly(2026, 9, 29), officer, upheld, dismissed);

        var anonymous = app.Client();
        var missing = await anonymous.PostAsync($"/api/results/entries/{upheld}/objections", CertificateTestData.ObjectionForm(("grounds", "The project was not theirs.")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problems = (await missing.JsonAsync()).GetProperty("errors");
        Assert.True(problems.TryGetProperty("name", out _) && problems.TryGetProperty("contact", out _));
        foreach (var id in new[] { upheld, dismissed })
        {
            var made = await anonymous.PostAsync($"/api/results/entries/{id}/objections", CertificateTestData.ObjectionForm(("name", "Li Si"), ("contact", "lisi@example.com"), ("grounds", "The project reference was not the applicant's own work.")));
            Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        }
        var queue = (await officer.GetJsonAsync("/api/results/objections")).EnumerateArray().ToList();
        Assert.Equal(2, queue.Count);
        Assert.All(queue, o => Assert.Equal("open", o.GetProperty("status").GetString()));

        // Undecided objections hold confirmation after the period too.
        await clock.MoveToAsync(new DateOnly(2026, 10, 12), officer);
        var early = await officer.PostJsonAsync($"/api/applications/{dismissed}/confirm");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(ResultPublicity.ObjectionsOpenCode, (await early.JsonAsync()).GetProperty("code").GetString());

        string IdOf(Guid app) => queue.Single(o => o.GetProperty("applicationId").GetGuid() == app).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/results/objections/{IdOf(upheld)}/decision", new { decision = "uphold", findings = "The referee confirmed the project was led by someone else." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/results/objections/{IdOf(dismissed)}/decision", new { decision = "dismiss", findings = "The contract shows the applicant led the project." })).StatusCode);

        Assert.Equal(ApplicationState.ObjectionUpheld, (await Scenario.ApplicationAsync(app, upheld)).State);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostJsonAsync($"/api/applications/{upheld}/confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{dismissed}/confirm")).StatusCode);
        var why = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.TemplateKey == "ObjectionUpheldEmail"));
        Assert.Contains("The referee confirmed the project was led by someone else.", why.TextBody);
        Assert.Equal(0, await app.QueryAsync(db => db.Certificates.CountAsync(c => c.ApplicationId == upheld)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AWrongCode_AMissingCode_AndAnUnknownNumber_GetTheSame404(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (_, certificate, _) = await CertificateTestData.IssuedAsync(app, clock);
        var number = certificate.GetProperty("number").GetString()!;
        var code = await app.QueryAsync(db => db.Certificates.Select(c => c.VerificationCode).SingleAsync());
        var verifier = app.Client();

        var right = await verifier.GetAsync($"/api/certificates/{number}?code={code.ToLowerInvariant().Replace("-", "")}&organisation=Shenzhen%20Tech%20Ltd");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var body = await right.JsonAsync();
        Assert.Equal(("valid", "张*明", "Guangzhou Municipal Human Resources and Social Security Bureau"),
            (body.GetProperty("status").GetString(), body.GetProperty("holder").GetProperty("nameMasked").GetString(), body.GetProperty("issuer").GetProperty("en").GetString()));
        Assert.DoesNotContain(CertificateTestData.PassportNumber, body.ToString());

        var wrongCode = await verifier.GetAsync($"/api/certificates/{number}?code=ZZZZZ-ZZZZZ");
        var noCode = await verifier.GetAsync($"/api/certificates/{number}");
        var unknown = await verifier.GetAsync($"/api/certificates/{new CertificateNumber(2026, 999)}?code={code}");
        var malformed = await verifier.GetAsync("/api/certificates/GZZC-2026-000002-0?code=" + code);
        var answers = new List<string>();
        foreach (var response in new[] { wrongCode, noCode, unknown, malformed })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await response.JsonAsync();
            answers.Add($"{problem.GetProperty("title").GetString()}|{problem.GetProperty("code").GetString()}|{string.Join(",", problem.EnumerateObject().Select(p => p.Name).Where(n => n != "traceId"))}");
        }
        Assert.Single(answers.Distinct());
        var checks = await app.QueryAsync(db => db.CertificateVerifications.ToListAsync());
        Assert.Equal("Shenzhen Tech Ltd", Assert.Single(checks).Organisation);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ARevokedCertificate_IsRevokedOnAllThreePathsAtOnce_AndItsDocumentCannotApplyUntilTheRecordEnds(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, certificate, officer) = await CertificateTestData.IssuedAsync(app, clock, "zh-Hans");
        var number = certificate.GetProperty("number").GetString()!;
        var stored = await app.QueryAsync(db => db.Certificates.SingleAsync());
        var holder = await CertificateTestData.HolderAsync(app, stored.HolderUserId);
        var credential = (await holder.GetJsonAsync("/api/me/certificates")).EnumerateArray().Single().GetProperty("credential").GetString()!;
        var verifier = app.Client();
        Assert.True((await (await verifier.PostJsonAsync("/api/certificates/verify-credential", new { credential })).JsonAsync()).GetProperty("valid").GetBoolean());

        var refused = await officer.PostJsonAsync($"/api/certificates/{number}/revoke", new { reason = "The qualification certificate was forged." });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var revoked = await officer.PostJsonAsync($"/api/certificates/{number}/revoke", new { reason = "The qualification certificate was forged.", evidence = "Issuer's letter of 2 October 2026, file 2026-17." });
        Assert.True(revoked.StatusCode == HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());

        var apiResponse = await verifier.GetAsync($"/api/certificates/{number}?code={stored.VerificationCode}");
        var api = await apiResponse.JsonAsync();
        Assert.True(apiResponse.StatusCode == HttpStatusCode.OK, api.ToString());
        Assert.Equal(("revoked", "2026-10-12"), (api.GetProperty("status").GetString(), api.GetProperty("revokedOn").GetString()));
        var page = await (await verifier.GetAsync($"/verify/{number}?code={stored.VerificationCode}")).PageAsync();
        Assert.Equal("This certificate has been revoked Revoked on 12 October 2026. The title it records is no longer held.",
            System.Text.RegularExpressions.Regex.Replace(page.QuerySelector("section[aria-labelledby=verify-result]")!.TextContent, @"\s+", " ").Trim());
        var check = await (await verifier.PostJsonAsync("/api/certificates/verify-credential", new { credential })).JsonAsync();
        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.True(check.GetProperty("status").GetString() == "revoked", check.ToString());
        Assert.Equal(ApplicationState.Revoked, (await Scenario.ApplicationAsync(app, id)).State);
        var told = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.TemplateKey == "CertificateRevoked"));
        Assert.Contains("2029年10月11日", told.TextBody);

        // The integrity record runs three years against the passport: the holder cannot start or submit until it ends.
        foreach (var (year, opensOn) in new[] { (2029, "2029-01-01"), (2030, "2029-10-12") })
        {
            var opened = await officer.PutAsJsonAsync($"/api/cycles/{year}", new { opensOn, closesOn = $"{year}-12-31", countUntil = $"{year}-12-31", levels = new[] { "E" } });
            Assert.True(opened.StatusCode == HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        }
        clock.SetUtcNow(new DateTimeOffset(2029, 10, 11, 2, 0, 0, TimeSpan.Zero));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var start = await scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Features.Applications.StartApplication>().HandleAsync(stored.HolderUserId);
            var problem = Assert.Single(start.Problems);
            Assert.Equal(IntegrityBar.BarredCode, problem.Code);
            Assert.Contains("until 11 October 2029", problem.Message.En);
            Assert.Contains("2029年10月11日", problem.Message.Zh);
        }
        // The eligibility check, done by the holder signed in, says so before any level.
        var barredHolder = await CertificateTestData.HolderAsync(app, stored.HolderUserId);
        await EligibilityCheck.WalkAsync(barredHolder);
        var barredResult = await (await barredHolder.GetAsync("/check/result")).PageAsync();
        Assert.Equal("You cannot apply while an integrity record runs", barredResult.QuerySelector("#integrity-record h2")!.TextContent);
        Assert.StartsWith("An integrity record runs against this identity document until 11 October 2029", barredResult.QuerySelector("#integrity-record p")!.TextContent);
        clock.SetUtcNow(new DateTimeOffset(2029, 10, 12, 2, 0, 0, TimeSpan.Zero));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var start = await scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Features.Applications.StartApplication>().HandleAsync(stored.HolderUserId);
            Assert.True(start.Succeeded, string.Join("; ", start.Problems.Select(p => p.Message.En)));
        }
        var freed = await CertificateTestData.HolderAsync(app, stored.HolderUserId);
        await EligibilityCheck.WalkAsync(freed);
        Assert.Null((await (await freed.GetAsync("/check/result")).PageAsync()).QuerySelector("#integrity-record"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CertificateNumbers_AreUnique_WhenFilesAreConfirmedConcurrently(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await CertificateTestData.VotedAsync(app, clock)).Id);
        }
        var officer = await Scenario.OfficerAsync(app);
        // Six files through intake move the clock on by weeks: publish on the day they are all voted.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().AddHours(8).Date);
        var notice = await CertificateTestData.PublishAsync(app, clock, today, officer, [.. ids]);
        var lastDay = DateOnly.Parse(notice.GetProperty("lastDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await clock.MoveToAsync(lastDay.AddDays(1), officer);

        var results = await Task.WhenAll(ids.Select(async id =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await scope.ServiceProvider.GetRequiredService<ResultPublicity>().ConfirmAsync(id, Actor.Officer, "officer@test.localhost");
                }
                catch (Exception e) when (provider == Provider.Sqlite && attempt < 20 && e.ToString().Contains("database is locked", StringComparison.Ordinal))
                {
                    // SQLite has one writer: a writer that finds the database busy tries again, as a second request would.
                    scope.ServiceProvider.GetRequiredService<TitleBridge.Web.Data.AppDbContext>().ChangeTracker.Clear();
                    await Task.Delay(50);
                }
            }
        }));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Problems.Select(p => p.Message.En))));
        var numbers = await app.QueryAsync(db => db.Certificates.Select(c => c.Number).ToListAsync());
        Assert.Equal(6, numbers.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 6).Select(n => new CertificateNumber(2026, n).ToString()).Order(), numbers.Order());
        Assert.Equal(6, (await app.QueryAsync(db => db.Certificates.Select(c => c.VerificationCode).ToListAsync())).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Reexamination_IsRefusedWhenLateOrRepeated_AndRecordsTheEarlierReviewersAsAConflict(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (late, lateApplicant) = await CertificateTestData.VotedAsync(app, clock);
        var (once, onceApplicant) = await CertificateTestData.VotedAsync(app, clock);
        var officer = await Scenario.OfficerAsync(app);
        await CertificateTestData.PublishAsync(app, clock, new DateOnly(2026, 9, 29), officer, late, once);
        foreach (var id in new[] { late, once })
        {
            var made = await app.Client().PostAsync($"/api/results/entries/{id}/objections", CertificateTestData.ObjectionForm(("name", "Li Si"), ("contact", "13800000000"), ("grounds", "Not their work.")));
            Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        }
        foreach (var o in (await officer.GetJsonAsync("/api/results/objections")).EnumerateArray())
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/results/objections/{o.GetProperty("id").GetString()}/decision", new { decision = "uphold", findings = "Confirmed by the referee." })).StatusCode);
        }
        var onceHolder = await CertificateTestData.HolderAsync(app, onceApplicant);
        var lateHolder = await CertificateTestData.HolderAsync(app, lateApplicant);

        var noGrounds = await onceHolder.PostJsonAsync($"/api/applications/{once}/reexamination", new { grounds = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noGrounds.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onceHolder.PostJsonAsync($"/api/applications/{once}/reexamination", new { grounds = "The referee mixed up two projects." })).StatusCode);
        Assert.Equal(ApplicationState.ReexaminationRequested, (await Scenario.ApplicationAsync(app, once)).State);
        // The experts of the file's review group are recorded; each of them is a conflict for the new group, nobody else is.
        var earlier = await app.QueryAsync(db => db.ReviewAssignments.Where(r => r.ApplicationId == once).Select(r => r.ExpertId).ToListAsync());
        Assert.True(earlier.Count >= 3, $"{earlier.Count} reviewers");
        var requested = await Scenario.ApplicationAsync(app, once);
        Assert.All(earlier, e => Assert.True(Reexamination.IsConflict(requested, e.ToString())));
        Assert.False(Reexamination.IsConflict(requested, Guid.NewGuid().ToString()));
        Assert.True(Reexamination.IsConflict(new TitleBridge.Web.Data.Application { ApplicantId = "x", EarlierReviewers = """["expert-1","expert-2"]""" }, "expert-2"));

        // The re-examination is decided again, by a new review group at a meeting, and fails; asking a second time is refused with the reason.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await CertificateTestData.DecideAsync(scope.ServiceProvider, clock, once, VoteChoice.No, "工程系列中级评审委员会（复查）", "Engineering intermediate committee (re-examination)");
        }
        Assert.Equal(ApplicationState.Rejected, (await Scenario.ApplicationAsync(app, once)).State);
        var again = await onceHolder.PostJsonAsync($"/api/applications/{once}/reexamination", new { grounds = "Again." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("re-examination has not been requested before", (await again.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(1, await app.QueryAsync(db => db.ApplicationEvents.CountAsync(e => e.ApplicationId == once && e.What == "RequestReexamination")));

        // 30 days after publication on 29 September is 29 October; the 30th is too late.
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 30, 2, 0, 0, TimeSpan.Zero));
        lateHolder = await CertificateTestData.HolderAsync(app, lateApplicant);
        var tooLate = await lateHolder.PostJsonAsync($"/api/applications/{late}/reexamination", new { grounds = "The referee mixed up two projects." });
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Contains("time for re-examination has not run out", (await tooLate.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(ApplicationState.ObjectionUpheld, (await Scenario.ApplicationAsync(app, late)).State);

    }
}
