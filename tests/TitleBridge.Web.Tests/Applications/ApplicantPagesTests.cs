using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Domain.Applications;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Applications;

/// <summary>The applicant's pages without JavaScript: plain forms posting to the same handlers as the API.</summary>
public sealed class ApplicantPagesTests
{
    private static async Task<(Guid Id, HttpClient Client)> DraftAsync(TestApp app, string language, string level = "E")
    {
        var (id, applicantId) = await Scenario.CompleteDraftAsync(app, level: level);
        string email;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(applicantId))!;
            await users.AddToRoleAsync(user, Roles.Applicant);
            email = user.Email!;
        }
        var client = app.Client(language);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "Applicant-Password-1")).StatusCode);
        return (id, client);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        fields["__RequestVerificationToken"] = Http.AntiforgeryToken(page);
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TaskList_Section_CheckAnswers_Submit_Confirmation_Status_Withdraw(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, client) = await DraftAsync(app, "en");

        var taskList = await client.GetStringAsync($"/applications/{id}");
        Assert.Contains($"/applications/{id}/sections/report", taskList);
        Assert.Contains("Completed", taskList);

        var saved = await PostFormAsync(client, $"/applications/{id}/sections/report", $"/applications/{id}/sections/report?handler=Report",
            new() { ["report"] = new string('写', 250) });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(250, (await app.QueryAsync(db => db.Applications.SingleAsync(a => a.Id == id))).Content.Count(ch => ch == '写'));

        var refused = await PostFormAsync(client, $"/applications/{id}/check-answers", $"/applications/{id}/check-answers", new() { ["declaration"] = "false" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Confirm the declaration", await refused.Content.ReadAsStringAsync());

        var answers = await client.GetStringAsync($"/applications/{id}/check-answers");
        var stamp = System.Text.RegularExpressions.Regex.Match(answers, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        var submitted = await PostFormAsync(client, $"/applications/{id}/check-answers", $"/applications/{id}/check-answers",
            new() { ["declaration"] = "true", ["stamp"] = stamp });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var confirmation = await client.GetStringAsync(submitted.Headers.Location!.OriginalString);
        Assert.Matches(@"GZ-2026-\d{6}", confirmation);

        var status = await client.GetStringAsync($"/applications/{id}");
        var timeline = (await (await client.GetAsync($"/applications/{id}")).PageAsync()).QuerySelectorAll("ol.timeline li")
            .Select(li => System.Text.RegularExpressions.Regex.Replace(li.TextContent, @"\s+", " ").Trim()[17..]).ToList();
        Assert.Contains("— Application submitted (applicant)", timeline);
        Assert.Contains($"/applications/{id}/withdraw", status);

        var withdrawPage = await client.GetStringAsync($"/applications/{id}/withdraw");
        stamp = System.Text.RegularExpressions.Regex.Match(withdrawPage, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        var withdrawn = await PostFormAsync(client, $"/applications/{id}/withdraw", $"/applications/{id}/withdraw", new() { ["reason"] = "Found another route", ["stamp"] = stamp });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(ApplicationState.Withdrawn, await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));
        Assert.Contains("Found another route", await client.GetStringAsync($"/applications/{id}"));
    }

    [Fact]
    public async Task CheckAnswers_UnsupportedLevel_ShowsTheWarning_AndSubmitsOnlyWhenAcknowledged()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, client) = await DraftAsync(app, "zh-Hans", level: "SE");
        var page = await client.GetStringAsync($"/applications/{id}/check-answers");
        Assert.Contains("id=\"acknowledge\"", page);
        var stamp = System.Text.RegularExpressions.Regex.Match(page, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;

        var refused = await PostFormAsync(client, $"/applications/{id}/check-answers", $"/applications/{id}/check-answers", new() { ["declaration"] = "true", ["stamp"] = stamp });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("规则不支持申报", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ApplicationState.Draft, await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));

        var submitted = await PostFormAsync(client, $"/applications/{id}/check-answers", $"/applications/{id}/check-answers",
            new() { ["declaration"] = "true", ["acknowledge"] = "true", ["stamp"] = stamp });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.SupportedByRules!.Value).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task StatusPage_UnderACorrectionNotice_ShowsTheItems_AndResubmits(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (id, client) = await DraftAsync(app, "en");
        var answers = await client.GetStringAsync($"/applications/{id}/check-answers");
        var stamp = System.Text.RegularExpressions.Regex.Match(answers, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        await PostFormAsync(client, $"/applications/{id}/check-answers", $"/applications/{id}/check-answers", new() { ["declaration"] = "true", ["stamp"] = stamp });
        // The officer side is built elsewhere: put the application where a correction notice leaves it.
        await app.QueryAsync(async db =>
        {
            var a = await db.Applications.SingleAsync(x => x.Id == id);
            a.State = ApplicationState.CorrectionRequested;
            a.CorrectionRequested = true;
            // In the format the intake's notice writes (IntakeReview.RequestCorrectionAsync).
            a.CorrectionItems = CorrectionItems.Write([CorrectionItems.ForDocument("degree-certification"), new(null, "Add the 2024 renewal", "Add the 2024 renewal")]);
            a.CorrectionDueOn = app.Today.AddDays(14);
            return await db.SaveChangesAsync();
        });

        var status = await client.GetStringAsync($"/applications/{id}");
        Assert.Contains("<li lang=\"en\">Add the 2024 renewal</li>", status);
        Assert.Contains("<li lang=\"en\">Certification of the overseas degree</li>", status);
        Assert.Contains("<span class=\"tag tag-red\">To correct</span>", status);
        Assert.DoesNotContain("\"kind\"", status);
        Assert.Contains($"/applications/{id}/sections/documents", status);
        stamp = System.Text.RegularExpressions.Regex.Match(status, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        // Resubmission goes through check your answers and the declaration again.
        Assert.Contains($"href=\"/applications/{id}/check-answers\"", status);
        var answers2 = await client.GetStringAsync($"/applications/{id}/check-answers");
        Assert.Contains("Resubmit", answers2);
        stamp = System.Text.RegularExpressions.Regex.Match(answers2, "name=\"stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        var undeclared = await PostFormAsync(client, $"/applications/{id}/check-answers", $"/applications/{id}/check-answers", new() { ["stamp"] = stamp });
        Assert.Contains("Confirm the declaration", await undeclared.Content.ReadAsStringAsync());
        var resubmitted = await PostFormAsync(client, $"/applications/{id}/check-answers", $"/applications/{id}/check-answers", new() { ["declaration"] = "true", ["stamp"] = stamp });

        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        Assert.Equal(ApplicationState.Intake, await app.QueryAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));
        Assert.DoesNotContain("?handler=Resubmit", await client.GetStringAsync($"/applications/{id}"));
    }

    [Fact]
    public async Task Profile_InvalidPassportCountry_ShowsTheMessageInChinese_AndSavesNothing()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (_, client) = await DraftAsync(app, "zh-Hans");

        var response = await PostFormAsync(client, "/applicant/profile", "/applicant/profile", new()
        {
            ["DocumentName"] = "CHAN TAI MAN", ["DocumentType"] = "Passport", ["DocumentNumber"] = "K12345678", ["DocumentCountry"] = "", ["Phone"] = "+852 2345 6789",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("签发国", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.ApplicantProfiles.CountAsync()));
    }

    [Fact]
    public async Task Upload_ThroughThePage_StoresTheDocument_AndShowsIt()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var (id, client) = await DraftAsync(app, "en");
        var page = await client.GetStringAsync($"/applications/{id}/sections/documents");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Http.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("work"), "part" },
            { new ByteArrayContent("%PDF-1.4 work certificate"u8.ToArray()), "file", "work.pdf" },
        };

        var response = await client.PostAsync($"/applications/{id}/sections/documents?handler=Upload", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("work.pdf", await client.GetStringAsync($"/applications/{id}/sections/documents"));
        Assert.Equal(64, (await app.QueryAsync(db => db.ApplicationDocuments.SingleAsync(d => d.ApplicationId == id && d.Part == "work"))).Sha256.Length);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Profile_WhileTheFileIsUnderEvaluation_IsNotChangedHere_AndThePageSaysHowToAskForACorrection(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (employerId, _, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, employerId, "zh-Hans");
        var (reference, email) = await app.QueryAsync(db => db.Applications.Where(a => a.Id == id)
            .Join(db.Users, a => a.ApplicantId, u => u.Id, (a, u) => new { a.Reference, u.Email }).SingleAsync()) is var r ? (r.Reference!, r.Email!) : default;
        var before = await app.QueryAsync(db => db.ApplicantProfiles.AsNoTracking().Select(p => new { p.DocumentName, p.Phone }).ToListAsync());
        var client = app.Client("zh-Hans");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "Applicant-Password-1")).StatusCode);

        var page = await client.GetStringAsync("/applicant/profile");
        var refused = await PostFormAsync(client, "/applicant/profile", "/applicant/profile", new()
        {
            ["DocumentName"] = "SOMEONE ELSE", ["DocumentType"] = "Passport", ["DocumentNumber"] = "K12345678", ["DocumentCountry"] = "GBR", ["Phone"] = "+852 2345 6789",
        });

        var notice = $"您的申请 {reference} 正在评审中。评审以提交时的个人信息为准，因此在最终结果作出之前不能在此修改。";
        Assert.Contains(notice, page);
        Assert.Contains("href=\"/account/my-data\">请人力资源和社会保障部门更正您的信息</a>", page);
        Assert.DoesNotContain("name=\"DocumentName\"", page);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(notice, await refused.Content.ReadAsStringAsync());
        var after = await app.QueryAsync(db => db.ApplicantProfiles.AsNoTracking().Select(p => new { p.DocumentName, p.Phone }).ToListAsync());
        Assert.Equal(before, after);
    }
}
