using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applicants;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Features.Applicants;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Files;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Applications;

/// <summary>The applicant's API over the same handlers as the pages: ownership, states, uploads, emails.</summary>
public sealed class ApplicantApiTests
{
    /// <summary>A complete draft (Scenario.CompleteDraftAsync) and a client signed in as its applicant.</summary>
    private static async Task<(Guid Id, string ApplicantId, HttpClient Client)> DraftAndClientAsync(TestApp app, bool openCycle = true)
    {
        var (id, applicantId) = await Scenario.CompleteDraftAsync(app, openCycle: openCycle);
        return (id, applicantId, await SignedInAsync(app, applicantId));
    }

    private static async Task<HttpClient> SignedInAsync(TestApp app, string userId)
    {
        string email;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            await users.AddToRoleAsync(user, Roles.Applicant);
            email = user.Email!;
        }
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "Applicant-Password-1")).StatusCode);
        return client;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Start_OutsideTheWindow_IsRefusedWith409_AndNothingIsCreated(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, applicantId, client) = await DraftAndClientAsync(app, openCycle: false);
        var before = await app.QueryAsync(db => db.Applications.CountAsync());

        var response = await client.PostAsync("/api/applications/", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.Applications.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Submit_Twice_GivesTheSameReference_AndEmailsOnce(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, _, client) = await DraftAndClientAsync(app);

        var first = await client.PostAsJsonAsync($"/api/applications/{id}/submit", new { declaration = true });
        var second = await client.PostAsJsonAsync($"/api/applications/{id}/submit", new { declaration = true });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var reference = (await first.JsonAsync()).GetProperty("reference").GetString();
        Assert.Matches(@"^GZ-2026-\d{6}$", reference);
        Assert.Equal(reference, (await second.JsonAsync()).GetProperty("reference").GetString());
        var templates = await app.QueryAsync(db => db.OutboxEmails.Select(m => m.TemplateKey).ToListAsync());
        Assert.Single(templates, t => t.Contains("ApplicationSubmitted", StringComparison.Ordinal));
        Assert.Single(templates, t => t.Contains("EmployerReviewRequested", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Submit_InTheWrongState_Is409(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, _, client) = await DraftAndClientAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/applications/{id}/withdraw", new { reason = "changed my mind" })).StatusCode);

        var response = await client.PostAsJsonAsync($"/api/applications/{id}/submit", new { declaration = true });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ApplicationState.Withdrawn, await Scenario.StateAsync(app, id));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Withdraw_AfterSubmission_RecordsTheReason_AndEmailsTheApplicant(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, _, client) = await DraftAndClientAsync(app);
        await client.PostAsJsonAsync($"/api/applications/{id}/submit", new { declaration = true });
        var stamp = (await client.GetJsonAsync($"/api/applications/{id}")).GetProperty("concurrencyStamp").GetGuid();

        var stale = await client.PostAsJsonAsync($"/api/applications/{id}/withdraw", new { reason = "x", concurrencyStamp = Guid.NewGuid() });
        var response = await client.PostAsJsonAsync($"/api/applications/{id}/withdraw", new { reason = "Moving abroad", concurrencyStamp = stamp });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Withdrawn", body.GetProperty("state").GetString());
        Assert.Contains(body.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "Withdraw" && e.GetProperty("reason").GetString() == "Moving abroad");
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxEmails.CountAsync(m => m.TemplateKey.Contains("ApplicationWithdrawn"))));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Resubmit_AfterTheCorrectionNotice_GoesBackToIntake_Once(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, _, client) = await DraftAndClientAsync(app);
        await client.PostAsJsonAsync($"/api/applications/{id}/submit", new { declaration = true });
        // The officer side is built elsewhere: put the application where a correction notice leaves it.
        await app.QueryAsync(async db =>
        {
            var a = await db.Applications.SingleAsync(x => x.Id == id);
            a.State = ApplicationState.CorrectionRequested;
            a.CorrectionRequested = true;
            // In the format the intake's notice writes (IntakeReview.RequestCorrectionAsync).
            a.CorrectionItems = CorrectionItems.Write([CorrectionItems.ForDocument("qualification"), new(null, "Upload the renewal certificate.", "Upload the renewal certificate.")]);
            a.CorrectionDueOn = app.Today.AddDays(14);
            return await db.SaveChangesAsync();
        });

        var edited = await client.PutAsJsonAsync($"/api/applications/{id}/sections/report", new { report = new string('改', 300) });
        var upload = await UploadAsync(client, id, "qualification", "renewal.pdf", "%PDF-1.7 renewal"u8.ToArray());
        var undeclared = await client.PostAsJsonAsync($"/api/applications/{id}/resubmit", new { });
        var resubmitted = await client.PostAsJsonAsync($"/api/applications/{id}/resubmit", new { declaration = true });
        var again = await client.PostAsJsonAsync($"/api/applications/{id}/resubmit", new { declaration = true });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, undeclared.StatusCode);
        Assert.Contains("declaration", await undeclared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.TemplateKey == "CorrectionResubmitted")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ApplicationState.Intake, await Scenario.StateAsync(app, id));
        var events = await app.QueryAsync(db => db.ApplicationEvents.Where(e => e.ApplicationId == id).Select(e => e.What).ToListAsync());
        Assert.Contains("SectionCorrected", events);
        Assert.Contains("DocumentAdded", events);
        Assert.Contains("Resubmit", events);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Upload_DisguisedExecutable_IsRejected_AndNothingIsStored(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, _, client) = await DraftAndClientAsync(app);
        var before = await app.QueryAsync(db => db.ApplicationDocuments.CountAsync());

        var response = await UploadAsync(client, id, "identity", "passport.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a PDF, JPEG or PNG", (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(before, await app.QueryAsync(db => db.ApplicationDocuments.CountAsync()));
        Assert.Empty(StoredFiles(app));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Upload_Oversize_IsRejected_AndNothingIsStored(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider, services: s => s.Configure<UploadOptions>(o => o.MaxBytes = 1024));
        var (id, _, client) = await DraftAndClientAsync(app);
        var before = await app.QueryAsync(db => db.ApplicationDocuments.CountAsync());
        var big = new byte[2048];
        "%PDF-1.7"u8.CopyTo(big);

        var response = await UploadAsync(client, id, "identity", "passport.pdf", big);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than", (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(before, await app.QueryAsync(db => db.ApplicationDocuments.CountAsync()));
        Assert.Empty(StoredFiles(app));
    }

    [Fact]
    public async Task Download_ByTheOwner_IsAnAttachment_AndOthersGet404()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, _, client) = await DraftAndClientAsync(app);
        var uploaded = await (await UploadAsync(client, id, "other", "scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])).JsonAsync();
        var url = $"/api/applications/{id}/documents/{uploaded.GetProperty("id").GetGuid()}";
        var (_, otherId) = await Scenario.CompleteDraftAsync(app);
        var other = await SignedInAsync(app, otherId);

        var own = await client.GetAsync(url);
        var theirs = await other.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("image/png", own.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nosniff", own.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/applications/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Download_BySubmittedApplicationsEmployer_IsAllowed_AnotherEmployerGets404(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, _, client) = await DraftAndClientAsync(app);
        var uploaded = await (await UploadAsync(client, id, "work", "work.pdf", "%PDF-1.4 employment"u8.ToArray())).JsonAsync();
        var url = $"/api/applications/{id}/documents/{uploaded.GetProperty("id").GetGuid()}";
        var draftUrlAsEmployer = await EmployerClientAsync(app, await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.EmployerId!.Value).SingleAsync()));
        var beforeSubmission = await draftUrlAsEmployer.GetAsync(url);
        await client.PostAsJsonAsync($"/api/applications/{id}/submit", new { declaration = true });
        var otherEmployer = new Employer { NameZh = "别的单位", NameEn = "Another employer", CreditCode = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(), District = "440106", ContactName = "HR", ContactEmail = "hr2@test.localhost", Status = EmployerStatus.Approved };
        await app.QueryAsync(db => { db.Employers.Add(otherEmployer); return db.SaveChangesAsync(); });
        var other = await EmployerClientAsync(app, otherEmployer.Id);

        Assert.Equal(HttpStatusCode.NotFound, beforeSubmission.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await draftUrlAsEmployer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
    }

    private static async Task<HttpClient> EmployerClientAsync(TestApp app, Guid employerId)
    {
        var email = $"employer-{Guid.NewGuid():N}@test.localhost";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, EmployerId = employerId };
            Assert.True((await users.CreateAsync(user, "Employer-Password-1")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Employer)).Succeeded);
        }
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "Employer-Password-1")).StatusCode);
        return client;
    }

    public static TheoryData<Provider, string, string> BadIdentityNumberCases() => new()
    {
        { Provider.Sqlite, "en", "should be X, not 1" },
        { Provider.Sqlite, "zh-Hans", "应为 X，而不是 1" },
        { Provider.Postgres, "en", "should be X, not 1" },
        { Provider.Postgres, "zh-Hans", "应为 X，而不是 1" },
    };

    [Theory]
    [MemberData(nameof(BadIdentityNumberCases))]
    public async Task Profile_InvalidResidentIdentityNumber_IsRefusedWithTheSpecificMessage_AndNothingIsSaved(Provider provider, string culture, string expected)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, applicantId) = await Scenario.CompleteDraftAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<SaveProfile>();

        // 11010519491231002X is the standard's example; changing the check character makes it wrong.
        var result = await handler.HandleAsync(new("Li Lei", "李雷", IdentityDocumentType.ResidentIdentityNumber, "110105194912310021", null, "+852 2345 6789"), applicantId);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(IdentityDocuments.ResidentIdCheckCode, problem.Code);
        Assert.Equal("documentNumber", problem.Field);
        Assert.Contains(expected, problem.Message.For(culture));
        Assert.False(await app.QueryAsync(db => db.ApplicantProfiles.AnyAsync(p => p.UserId == applicantId)));
    }

    [Fact]
    public async Task Section_ForSomeoneElsesApplication_Is404_AndBadInputIs400WithTheField()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, _, client) = await DraftAndClientAsync(app);
        var (_, otherId) = await Scenario.CompleteDraftAsync(app);
        var other = await SignedInAsync(app, otherId);

        var theirs = await other.PutAsJsonAsync($"/api/applications/{id}/sections/report", new { report = "mine now" });
        var bad = await client.PutAsJsonAsync($"/api/applications/{id}/sections/target", new { level = "XX", specialty = "computer-networks" });

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("level", out _));
        Assert.Equal("E", await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.TargetLevel).SingleAsync()));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string part, string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent { { new StringContent(part), "part" }, { new ByteArrayContent(bytes), "file", name } };
        return client.PostAsync($"/api/applications/{id}/documents", form);
    }

    private static IEnumerable<string> StoredFiles(TestApp app)
    {
        var root = Path.Combine(app.DataDirectory, LocalFileStore.FolderName);
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [];
    }
}
