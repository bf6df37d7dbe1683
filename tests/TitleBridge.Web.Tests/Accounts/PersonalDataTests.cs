using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applications;
using TitleBridge.Web.Features.PersonalData;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Accounts;

/// <summary>PIPL Arts. 45–47 and 50 (policy.md §6): access and copy, deletion, the retention sweep.</summary>
public sealed partial class PersonalDataTests
{
    private const string Password = "Applicant-Password-1";
    private static int _employers = 50000;

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();

    /// <summary>A person registered with consent, confirmed and signed in, with a complete draft (profile and two documents).</summary>
    private static async Task<(HttpClient Client, string UserId, string Email, Guid Draft)> PersonAsync(TestApp app, string name)
    {
        var client = app.Client();
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@test.localhost";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/account/register", new { email, password = Password, displayName = name, culture = "en", privacyNotice = PrivacyTests.NoticeVersion })).StatusCode);
        var mail = await app.QueryAsync(db => db.OutboxEmails.SingleAsync(m => m.To == email));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(ConfirmLink().Match(mail.TextBody).Value).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        var cycle = await DemoData.EnsureOpenCycleAsync(db, time.Today(), "test");
        var employer = await DemoData.CreateEmployerAsync(db, time, "91440101MA5T" + Interlocked.Increment(ref _employers).ToString("00000", System.Globalization.CultureInfo.InvariantCulture));
        var draft = await DemoData.CreateCompleteDraftAsync(db, scope.ServiceProvider.GetRequiredService<IFileStore>(), time, userId, employer.Id, cycle.Year);
        return (client, userId, email, draft.Id);
    }

    private static async Task SubmitAsync(TestApp app, Guid id, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitApplication>().HandleAsync(new(id, true, true, null), userId);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Problems.Select(p => p.Message.En)));
    }

    private static async Task WithdrawAsync(TestApp app, Guid id, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var withdrawn = await scope.ServiceProvider.GetRequiredService<ApplicantActions>().WithdrawAsync(id, userId, "Moving abroad, Ana Lima", null);
        Assert.True(withdrawn.Succeeded, string.Join("; ", withdrawn.Problems.Select(p => p.Message.En)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheExport_HoldsEveryKindOfRecord_AndNothingOfAnyoneElse(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, userId, email, draft) = await PersonAsync(app, "Ana");
        await SubmitAsync(app, draft, userId);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/me/data-requests", new { kind = "correction", details = "My Chinese name is 林安娜." })).StatusCode);
        var (_, otherId, otherEmail, otherDraft) = await PersonAsync(app, "Bruno");
        await SubmitAsync(app, otherDraft, otherId);
        var otherReference = (await Scenario.ApplicationAsync(app, otherDraft)).Reference!;

        var response = await client.GetAsync("/api/me/data");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var data = JsonDocument.Parse(text).RootElement;
        Assert.Equal(MyData.Format, data.GetProperty("format").GetString());
        Assert.Equal(email, data.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("H12345678", data.GetProperty("profile").GetProperty("documentNumber").GetString());
        var application = Assert.Single(data.GetProperty("applications").EnumerateArray());
        Assert.Equal((await Scenario.ApplicationAsync(app, draft)).Reference, application.GetProperty("reference").GetString());
        Assert.Contains(application.GetProperty("events").EnumerateArray(), e => e.GetProperty("what").GetString() == "Submit");
        Assert.Equal(JsonValueKind.Object, application.GetProperty("eligibility").ValueKind);
        Assert.NotEmpty(application.GetProperty("content").GetProperty("qualifications").EnumerateArray());
        var documents = application.GetProperty("documents").EnumerateArray().ToList();
        Assert.NotEmpty(documents);
        Assert.Contains(data.GetProperty("emails").EnumerateArray(), m => m.GetProperty("templateKey").GetString() == "ConfirmEmail");
        Assert.True(data.GetProperty("emails").GetArrayLength() >= 2);
        Assert.Equal(JsonValueKind.Array, data.GetProperty("certificates").ValueKind);
        Assert.Equal(PrivacyTests.NoticeVersion, Assert.Single(data.GetProperty("consents").EnumerateArray()).GetProperty("version").GetString());
        Assert.Equal("Correction", Assert.Single(data.GetProperty("dataRequests").EnumerateArray()).GetProperty("kind").GetString());
        foreach (var foreign in new[] { otherId, otherEmail, otherReference, "Bruno" })
        {
            Assert.DoesNotContain(foreign, text, StringComparison.Ordinal);
        }

        var zip = await client.GetAsync("/api/me/data/documents.zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        Assert.Equal(documents.Select(d => d.GetProperty("zipPath").GetString()).Order(), archive.Entries.Select(e => e.FullName).Order());
        foreach (var d in documents)
        {
            await using var entry = archive.GetEntry(d.GetProperty("zipPath").GetString()!)!.Open();
            Assert.Equal(d.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await SHA256.HashDataAsync(entry)), ignoreCase: true);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Deleting_AnAccountWithNothingSubmitted_LeavesNoRowOrFileOfThePerson(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, userId, email, _) = await PersonAsync(app, "Chen");
        var keys = await app.QueryAsync(db => db.ApplicationDocuments.Select(d => d.StorageKey).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.NotEmpty(await MatchingRowsAsync(app, userId, email));

        var answer = await client.PostAsJsonAsync("/api/me/data-requests", new { kind = "deletion" });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Fulfilled", (await answer.JsonAsync()).GetProperty("status").GetString());

        Assert.Empty(await MatchingRowsAsync(app, userId, email));
        var files = app.Services.GetRequiredService<IFileStore>();
        foreach (var key in keys)
        {
            await Assert.ThrowsAsync<FileNotFoundException>(() => files.OpenReadAsync(key));
        }
        // The session is gone with the account; the request and its answer stay, pointing at nobody.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me/data")).StatusCode);
        var kept = await app.QueryAsync(db => db.DataRequests.SingleAsync());
        Assert.Equal((null, DataRequestKind.Deletion, DataRequestStatus.Fulfilled), (kept.UserId, kept.Kind, kept.Status));
    }

    /// <summary>
    /// Table by table, every string column of every entity, for the person's account id or email address. The
    /// audit log is left out on purpose: its rows are hash-chained and name only the opaque account id, which no
    /// other row links to a person any more (docs/decisions/0030-personal-data.md).
    /// </summary>
    private static Task<List<string>> MatchingRowsAsync(TestApp app, string userId, string email) => app.QueryAsync(async db =>
    {
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.ClrType != typeof(AuditEvent) && !e.IsOwned()))
        {
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                var count = await (Task<int>)typeof(PersonalDataTests).GetMethod(nameof(CountAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(entity.ClrType).Invoke(null, [db, property.Name, userId, email])!;
                if (count > 0)
                {
                    found.Add($"{entity.GetTableName()}.{property.Name}: {count}");
                }
            }
        }
        return found;
    });

    private static Task<int> CountAsync<T>(AppDbContext db, string property, string userId, string email) where T : class =>
        db.Set<T>().CountAsync(e => EF.Property<string>(e, property) == userId || EF.Property<string>(e, property) == email
            || EF.Property<string>(e, property) == email.ToUpperInvariant());

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ADeletionRequest_ForASubmittedFile_IsAnsweredWithTheRetentionReasonAndDate_ForThePersonAndAdministrators(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, userId, _, draft) = await PersonAsync(app, "Dana");
        await SubmitAsync(app, draft, userId);
        await WithdrawAsync(app, draft, userId);
        var today = app.Services.GetRequiredService<TimeProvider>().Today();

        var answer = await (await client.PostAsJsonAsync("/api/me/data-requests", new { kind = "deletion" })).JsonAsync();
        Assert.Equal("Refused", answer.GetProperty("status").GetString());
        Assert.Equal(today.AddYears(10).ToString("yyyy-MM-dd"), answer.GetProperty("retainedUntil").GetString());
        var until = today.AddYears(10);
        Assert.Equal(($"Your account has submitted applications. The law on title evaluation requires the bureau to keep them for 10 years after the final decision (Personal Information Protection Law, Art. 47), so they will be anonymised on {until:yyyy-MM-dd}: your name, identity numbers, contacts and documents, and what others wrote about you in them, will then be removed.",
                $"您的账户有已提交的申请。职称评审相关规定要求在最终决定后保存 10 年（个人信息保护法第四十七条），届时即 {until.Year}年{until.Month}月{until.Day}日 将进行匿名化处理，删除您的姓名、证件号码、联系方式和材料，以及他人在申请中对您的记述。"),
            (answer.GetProperty("answer").GetProperty("en").GetString(), answer.GetProperty("answer").GetProperty("zh").GetString()));
        Assert.Equal(1, await app.QueryAsync(db => db.Applications.CountAsync(a => a.ApplicantId == userId)));

        Assert.Equal("Refused", Assert.Single((await client.GetJsonAsync("/api/me/data-requests")).EnumerateArray()).GetProperty("status").GetString());
        var admin = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode);
        Assert.Contains((await admin.GetJsonAsync("/api/admin/data-requests")).EnumerateArray(), r => r.GetProperty("id").GetString() == answer.GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ADeletionRequest_ForAFileStillUnderEvaluation_IsRefusedWithTheReason_AndNoDateYet(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, userId, _, draft) = await PersonAsync(app, "Eva");
        await SubmitAsync(app, draft, userId);

        var answer = await (await client.PostAsJsonAsync("/api/me/data-requests", new { kind = "deletion" })).JsonAsync();

        Assert.Equal(("Refused", JsonValueKind.Null), (answer.GetProperty("status").GetString(), answer.GetProperty("retainedUntil").ValueKind));
        Assert.Equal(("Your account has an application still under evaluation. It must be kept until the final decision and then for 10 years (Personal Information Protection Law, Art. 47); it will be anonymised after that, and you can ask again after the decision to see the exact date.",
                "您的账户有尚在评审中的申请。申请须保存至最终决定后 10 年（个人信息保护法第四十七条），期满后匿名化处理；作出决定后可再次提出请求以了解具体日期。"),
            (answer.GetProperty("answer").GetProperty("en").GetString(), answer.GetProperty("answer").GetProperty("zh").GetString()));
        Assert.Equal(ApplicationState.Submitted, await Scenario.StateAsync(app, draft));
    }

    /// <summary>Three people: A's file decided on the first day, B's three days later, C's still under evaluation.</summary>
    private static async Task<(Guid A, Guid B, Guid C, string AUser)> ThreeFilesAsync(TestApp app, FakeTimeProvider clock, DateOnly first)
    {
        var (_, a, _, aDraft) = await PersonAsync(app, "Ana");
        var (_, b, _, bDraft) = await PersonAsync(app, "Bruno");
        var (_, c, _, cDraft) = await PersonAsync(app, "Chen");
        foreach (var (id, user) in new[] { (aDraft, a), (bDraft, b), (cDraft, c) })
        {
            await SubmitAsync(app, id, user);
        }
        await WithdrawAsync(app, aDraft, a);
        clock.SetUtcNow(clock.GetUtcNow().AddDays(3));
        await WithdrawAsync(app, bDraft, b);
        clock.SetUtcNow(new DateTimeOffset(first.AddYears(10).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        return (aDraft, bDraft, cDraft, a);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheRetentionSweep_AnonymisesExactlyTheDueFiles_Once_AndTheAuditChainStillVerifies(Provider provider)
    {
        var first = new DateOnly(2026, 9, 7);
        var clock = Scenario.ClockAt(first);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (a, b, c, aUser) = await ThreeFilesAsync(app, clock, first);
        var aKeys = await app.QueryAsync(db => db.ApplicationDocuments.Where(d => d.ApplicationId == a).Select(d => d.StorageKey).ToListAsync());
        var sweep = app.Services.GetRequiredService<RetentionSweep>();

        Assert.Equal(1, await sweep.RunOnceAsync());
        Assert.Equal(0, await sweep.RunOnceAsync());

        var anonymised = await Scenario.ApplicationAsync(app, a);
        var content = ApplicationContent.Read(anonymised.Content);
        Assert.Empty(content.Work);
        Assert.Null(content.Report);
        Assert.NotEmpty(content.Qualifications);
        Assert.Equal((ApplicationState.Withdrawn, "E", null), (anonymised.State, anonymised.TargetLevel, anonymised.WithdrawalReason));
        Assert.Equal(0, await app.QueryAsync(db => db.ApplicationDocuments.CountAsync(d => d.ApplicationId == a)));
        Assert.False(await app.QueryAsync(db => db.ApplicantProfiles.AnyAsync(p => p.UserId == aUser)));
        Assert.EndsWith("@anonymised.invalid", (await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == aUser))).Email, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Lima", await app.QueryAsync(async db => string.Join("|", await db.ApplicationEvents.Where(e => e.ApplicationId == a).Select(e => e.Reason ?? "").ToListAsync())), StringComparison.Ordinal);
        var files = app.Services.GetRequiredService<IFileStore>();
        foreach (var key in aKeys)
        {
            await Assert.ThrowsAsync<FileNotFoundException>(() => files.OpenReadAsync(key));
        }
        foreach (var kept in new[] { b, c })
        {
            Assert.NotEmpty(ApplicationContent.Read((await Scenario.ApplicationAsync(app, kept)).Content).Work);
            Assert.True(await app.QueryAsync(db => db.ApplicationDocuments.AnyAsync(d => d.ApplicationId == kept)));
        }

        var chain = app.Services.GetRequiredService<AuditChain>();
        await chain.SealAsync();
        Assert.True((await chain.VerifyAsync()).Intact);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Type == "FileAnonymised" && e.Subject == $"application:{a}")));

        // The statistics still count the file.
        var cycle = (await Scenario.ApplicationAsync(app, a)).CycleYear;
        var officer = await Scenario.OfficerAsync(app);
        Assert.Equal(3, (await officer.GetJsonAsync($"/api/statistics/dashboard?cycle={cycle}")).GetProperty("submitted").GetInt32());
    }

    /// <summary>
    /// Every text column of every table that holds <paramref name="marker"/>, except the audit log (hash-chained, not
    /// rewritten) and the certificate register (kept for verification): docs/decisions/0040-what-anonymisation-removes.md.
    /// </summary>
    private static Task<List<string>> RowsNamingAsync(TestApp app, string marker) => app.QueryAsync(async db =>
    {
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.ClrType != typeof(AuditEvent) && e.ClrType != typeof(Certificate) && !e.IsOwned()))
        {
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                var count = await (Task<int>)typeof(PersonalDataTests).GetMethod(nameof(CountContainingAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(entity.ClrType).Invoke(null, [db, property.Name, marker])!;
                if (count > 0)
                {
                    found.Add($"{entity.GetTableName()}.{property.Name}");
                }
            }
        }
        return found;
    });

    private static Task<int> CountContainingAsync<T>(AppDbContext db, string property, string marker) where T : class =>
        db.Set<T>().CountAsync(e => EF.Property<string>(e, property) != null && EF.Property<string>(e, property).Contains(marker));

    /// <summary>
    /// Four people, each named in what others wrote about their file. Certified (decided 12 October 2026): ZHANG SANMING,
    /// named in the experts' opinions, a conflict the office recorded, a public objection (with an attachment) and its
    /// findings, and the supervision notes. Declined (7 September 2026): Maria Oliveira, named in the employer's objection
    /// summary and decline reason. Withdrawn later in October: Tomás Reyes, named in the correction items and the
    /// withdrawal reason. Still waiting for corrections: Kept Person.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheRetentionSweep_RemovesWhatOthersWroteAboutThePerson_FromExactlyTheDueFiles(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var today = () => ReviewScenario.Today(clock);

        // Declined by the employer during its publicity, on 7 September.
        var (employerId, employer, _) = await Scenario.EmployerAsync(app);
        var declined = await Scenario.SubmittedAsync(app, employerId);
        await Scenario.ToPublicityAsync(employer, declined, today());
        Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{declined}/employer/objections",
            new { receivedOn = today().ToString("yyyy-MM-dd"), summary = "A colleague says Maria Oliveira's project dates are wrong.", handling = "Maria Oliveira could not show the contracts." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await employer.PostJsonAsync($"/api/applications/{declined}/employer/decline", new { reason = "Maria Oliveira left the company in August." })).StatusCode);

        // Still waiting for corrections ten years on: not decided, never due.
        var kept = await Scenario.AtIntakeAsync(app, clock);
        Assert.Equal(HttpStatusCode.OK, (await (await Scenario.OfficerAsync(app)).PostJsonAsync($"/api/applications/{kept}/correction", new { items = new[] { "Kept Person's degree certificate is missing." } })).StatusCode);

        // Certified on 12 October, after everything others could write about it.
        var (certified, _) = await CertificateTestData.VotedAsync(app, clock, opinion: $"{CertificateTestData.DocumentName} ({CertificateTestData.ChineseName}) led the metro signalling project.");
        var officer = await Scenario.OfficerAsync(app);
        Guid expert;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            expert = (await CertificateTestData.PanelAsync(scope.ServiceProvider))[0].Id;
        }
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync("/api/review/conflicts", new { expertId = expert, applicationId = certified, lift = false, reason = $"The expert supervised {CertificateTestData.DocumentName}'s thesis." })).StatusCode);
        await CertificateTestData.PublishAsync(app, clock, new DateOnly(2026, 9, 29), officer, certified);
        var form = CertificateTestData.ObjectionForm(("name", "Li Si"), ("contact", "lisi@example.com"), ("grounds", $"{CertificateTestData.DocumentName} did not lead the project."));
        form.Add(new ByteArrayContent("%PDF-1.7 objection"u8.ToArray()), "attachment", "letter.pdf");
        Assert.Equal(HttpStatusCode.OK, (await app.Client().PostAsync($"/api/results/entries/{certified}/objections", form)).StatusCode);
        var attachmentKey = await app.QueryAsync(db => db.ResultObjections.Where(o => o.ApplicationId == certified).Select(o => o.AttachmentKey!).SingleAsync());
        var objection = Assert.Single((await officer.GetJsonAsync("/api/results/objections")).EnumerateArray()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/results/objections/{objection}/decision", new { decision = "dismiss", findings = $"The contracts show {CertificateTestData.ChineseName} led it." })).StatusCode);
        await clock.MoveToAsync(new DateOnly(2026, 10, 12), officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/applications/{certified}/confirm")).StatusCode);
        var supervisor = await Scenario.OfficerAsync(app);
        var item = Assert.Single((await (await supervisor.PostJsonAsync("/api/supervision/samples", new { cycleYear = 2026, seed = 7 })).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(certified, item.GetProperty("applicationId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostJsonAsync($"/api/supervision/items/{item.GetProperty("id").GetInt64()}/outcome", new { outcome = "concerns", notes = $"{CertificateTestData.DocumentName}'s contract was checked twice." })).StatusCode);
        var passport = await app.QueryAsync(db => db.Applications.Where(a => a.Id == certified).Join(db.ApplicantProfiles, a => a.ApplicantId, p => p.UserId, (a, p) => p.DocumentNumber).SingleAsync());

        // Withdrawn after a correction notice, later in October: due after the others.
        var withdrawn = await Scenario.AtIntakeAsync(app, clock);
        Assert.Equal(HttpStatusCode.OK, (await (await Scenario.OfficerAsync(app)).PostJsonAsync($"/api/applications/{withdrawn}/correction", new { items = new[] { "Tomás Reyes's employment contract is not signed." } })).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var applicant = (await Scenario.ApplicationAsync(app, withdrawn)).ApplicantId;
            Assert.True((await scope.ServiceProvider.GetRequiredService<ApplicantActions>().WithdrawAsync(withdrawn, applicant, "Tomás Reyes is moving abroad.", null)).Succeeded);
        }
        var withdrawnOn = today();
        Assert.True(withdrawnOn > new DateOnly(2026, 10, 12));

        string[] certifiedMarkers = [CertificateTestData.DocumentName, CertificateTestData.ChineseName, passport, "Li Si", "lisi@example.com"];
        foreach (var marker in certifiedMarkers.Append("Maria Oliveira").Append("Tomás Reyes").Append("Kept Person"))
        {
            Assert.NotEmpty(await RowsNamingAsync(app, marker));
        }
        var sweep = app.Services.GetRequiredService<RetentionSweep>();

        // Ten years after the certificate: the certified and the declined file are due, the withdrawn one not yet.
        clock.SetUtcNow(new DateTimeOffset(new DateOnly(2036, 10, 12).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        Assert.Equal(2, await sweep.RunOnceAsync());
        Assert.Equal(0, await sweep.RunOnceAsync());
        foreach (var marker in certifiedMarkers.Append("Maria Oliveira"))
        {
            Assert.True((await RowsNamingAsync(app, marker)).Count == 0, $"{marker}: {string.Join(", ", await RowsNamingAsync(app, marker))}");
        }
        Assert.NotEmpty(await RowsNamingAsync(app, "Tomás Reyes"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => app.Services.GetRequiredService<IFileStore>().OpenReadAsync(attachmentKey));
        // The certificate register keeps what the certificate states, so the title can still be verified.
        Assert.Equal(CertificateTestData.DocumentName, await app.QueryAsync(db => db.Certificates.Where(c => c.ApplicationId == certified).Select(c => c.HolderName).SingleAsync()));
        var certifiedFile = await Scenario.ApplicationAsync(app, certified);
        Assert.Equal((ApplicationState.CertificateIssued, "E", null, null), (certifiedFile.State, certifiedFile.TargetLevel, certifiedFile.Eligibility, certifiedFile.ReexaminationGrounds));

        // Ten years after the withdrawal: that one too, once; the file still waiting never.
        clock.SetUtcNow(new DateTimeOffset(withdrawnOn.AddYears(10).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        Assert.Equal(1, await sweep.RunOnceAsync());
        Assert.Equal(0, await sweep.RunOnceAsync());
        Assert.Empty(await RowsNamingAsync(app, "Tomás Reyes"));
        Assert.Equal(new[] { certified, declined, withdrawn }.Order(), (await app.QueryAsync(db => db.AnonymisedFiles.Select(x => x.ApplicationId).ToListAsync())).Order());
        Assert.Contains("Applications.CorrectionItems", await RowsNamingAsync(app, "Kept Person"));

        var chain = app.Services.GetRequiredService<AuditChain>();
        await chain.SealAsync();
        Assert.True((await chain.VerifyAsync()).Intact);
        var dashboard = await (await Scenario.OfficerAsync(app)).GetJsonAsync("/api/statistics/dashboard?cycle=2026");
        Assert.Equal(4, dashboard.GetProperty("submitted").GetInt32());
    }

    [Fact]
    public async Task TwoRetentionSweepsAtOnce_OnPostgres_AnonymiseEachFileOnce()
    {
        var first = new DateOnly(2026, 9, 7);
        var clock = Scenario.ClockAt(first);
        await using var app = await TestApp.StartAsync(Provider.Postgres, clock: clock);
        var (a, b, _, _) = await ThreeFilesAsync(app, clock, first);
        clock.SetUtcNow(clock.GetUtcNow().AddDays(5)); // both A and B are due now
        var sweep = app.Services.GetRequiredService<RetentionSweep>();

        var done = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => sweep.RunOnceAsync())));

        Assert.Equal(2, done.Sum());
        Assert.Equal(new[] { a, b }.Order(), (await app.QueryAsync(db => db.AnonymisedFiles.Select(x => x.ApplicationId).ToListAsync())).Order());
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Type == "FileAnonymised")));
        var chain = app.Services.GetRequiredService<AuditChain>();
        await chain.SealAsync();
        Assert.True((await chain.VerifyAsync()).Intact);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Export_ListsTheHoldersCertificates_WithWhoCheckedThem_AndNobodyElses(Provider provider)
    {
        var clock = Scenario.ClockAt(CertificateTestData.Start);
        await using var app = await TestApp.StartAsync(provider, clock: clock);
        var (id, _, _) = await CertificateTestData.IssuedAsync(app, clock);
        var (holder, number, code) = await app.QueryAsync(db => db.Certificates.Where(c => c.ApplicationId == id).Select(c => new { c.HolderUserId, c.Number, c.VerificationCode }).SingleAsync()) is var c
            ? (c.HolderUserId, c.Number, c.VerificationCode) : default;
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/api/certificates/{number}?code={code}&organisation=Shenzhen%20Tech%20Ltd")).StatusCode);
        var (_, someoneElse) = await Scenario.CompleteDraftAsync(app);

        var client = await CertificateTestData.HolderAsync(app, holder);
        var data = await (await client.GetAsync("/api/me/data")).JsonAsync();

        var certificate = Assert.Single(data.GetProperty("certificates").EnumerateArray());
        Assert.Equal((number, code, "Valid", id), (certificate.GetProperty("number").GetString(), certificate.GetProperty("verificationCode").GetString(),
            certificate.GetProperty("status").GetString(), certificate.GetProperty("applicationId").GetGuid()));
        var check = Assert.Single(certificate.GetProperty("verifications").EnumerateArray());
        Assert.Equal("Shenzhen Tech Ltd", check.GetProperty("organisation").GetString());
        var theirs = await (await (await CertificateTestData.HolderAsync(app, someoneElse)).GetAsync("/api/me/data")).JsonAsync();
        Assert.Empty(theirs.GetProperty("certificates").EnumerateArray());
        Assert.DoesNotContain(number, theirs.GetRawText());
    }
}
