using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Data;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;
using static TitleBridge.Web.Tests.TestData.MatrixAccounts;

namespace TitleBridge.Web.Tests.Security;

/// <summary>
/// Every endpoint × every role has an expected allow or deny. The test enumerates the app's own
/// endpoints, so a new endpoint without an entry here fails it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] Staff = [Who.Officer, Who.Admin];
    private static readonly Who[] Employers = [Who.Employer, Who.OtherEmployer];
    private static readonly Who[] Applicants = [Who.Applicant, Who.OtherApplicant];
    private static readonly Who[] Experts = [Who.Expert, Who.OtherExpert];
    private static readonly Who[] SignedIn = Everyone.Where(w => w != Who.Anonymous).ToArray();

    /// <summary>METHOD + route pattern → who may use it, and a concrete URL to try.</summary>
    internal static readonly Dictionary<string, (Who[] Allowed, string Url)> Matrix = new()
    {
        ["GET /"] = (Everyone, "/"),
        ["GET /error/{status:int?}"] = (Everyone, "/error/404"),
        ["GET /catalogue"] = (Everyone, "/catalogue"),
        ["GET /catalogue/overview"] = (Everyone, "/catalogue/overview"),
        ["GET /catalogue/entries/{code}"] = (Everyone, "/catalogue/entries/GZ2025-IT-001"),
        ["GET /check"] = (Everyone, "/check"),
        ["GET /check/qualifications"] = (Everyone, "/check/qualifications"),
        ["POST /check/qualifications"] = (Everyone, "/check/qualifications?handler=Continue"),
        ["GET /check/degree"] = (Everyone, "/check/degree"),
        ["POST /check/degree"] = (Everyone, "/check/degree"),
        ["GET /check/work"] = (Everyone, "/check/work"),
        ["POST /check/work"] = (Everyone, "/check/work?handler=Continue"),
        ["GET /check/titles"] = (Everyone, "/check/titles"),
        ["POST /check/titles"] = (Everyone, "/check/titles?handler=Continue"),
        ["GET /check/answers"] = (Everyone, "/check/answers"),
        ["POST /check/answers"] = (Everyone, "/check/answers"),
        ["GET /check/result"] = (Everyone, "/check/result"),
        ["POST /check/result"] = (Everyone, "/check/result?handler=StartAgain"),
        ["GET /rules"] = (Everyone, "/rules"),
        ["GET /account/login"] = (Everyone, "/account/login"),
        ["POST /account/login"] = (Everyone, "/account/login"),
        ["GET /account/logout"] = (Everyone, "/account/logout"),
        ["POST /account/logout"] = (Everyone, "/account/logout"),
        ["GET /account/denied"] = (Everyone, "/account/denied"),
        ["GET /officer/catalogue"] = (Staff, "/officer/catalogue"),
        ["GET /officer/catalogue/import"] = (Staff, "/officer/catalogue/import"),
        ["POST /officer/catalogue/import"] = (Staff, "/officer/catalogue/import"),
        ["GET /officer/catalogue/editions/{id}"] = (Staff, "/officer/catalogue/editions/guangzhou-2025"),
        ["POST /officer/catalogue/editions/{id}"] = (Staff, "/officer/catalogue/editions/guangzhou-2025?handler=Publish"),
        ["GET /officer/rule-sets"] = (Staff, "/officer/rule-sets"),
        ["POST /officer/rule-sets"] = (Staff, "/officer/rule-sets"),
        ["GET /officer/rule-sets/new-version"] = (Staff, "/officer/rule-sets/new-version"),
        ["POST /officer/rule-sets/new-version"] = (Staff, "/officer/rule-sets/new-version"),
        ["GET /officer/cycles"] = (Staff, "/officer/cycles"),
        ["POST /officer/cycles"] = (Staff, "/officer/cycles"),
        ["GET /language/{culture}"] = (Everyone, "/language/en"),
        ["GET /health/live"] = (Everyone, "/health/live"),
        ["GET /health/ready"] = (Everyone, "/health/ready"),
        ["GET /openapi/{documentName}.json"] = (Everyone, "/openapi/v1.json"),
        ["GET /api/docs/{documentName?}"] = (Everyone, "/api/docs/"),
        ["GET /api/docs/favicon.svg"] = (Everyone, "/api/docs/favicon.svg"),
        ["GET /api/docs/scalar.aspnetcore.js"] = (Everyone, "/api/docs/scalar.aspnetcore.js"),
        ["GET /api/docs/scalar.js"] = (Everyone, "/api/docs/scalar.js"),
        ["GET /api/catalogue/editions"] = (Everyone, "/api/catalogue/editions"),
        ["GET /api/catalogue/entries"] = (Everyone, "/api/catalogue/entries"),
        ["GET /api/catalogue/entries/{code}"] = (Everyone, "/api/catalogue/entries/GZ2025-IT-001"),
        ["GET /api/catalogue/editions/{id}/export"] = (Everyone, "/api/catalogue/editions/guangzhou-2025/export"),
        ["GET /api/catalogue/search"] = (Everyone, "/api/catalogue/search?q=aws"),
        ["POST /api/eligibility/check"] = (Everyone, "/api/eligibility/check"),
        ["GET /api/eligibility/rule-set"] = (Everyone, "/api/eligibility/rule-set"),
        ["POST /api/eligibility/rule-set/impact"] = (Staff, "/api/eligibility/rule-set/impact"),
        ["GET /api/cycles/"] = (Everyone, "/api/cycles/"),
        ["PUT /api/cycles/{year:int}"] = (Staff, "/api/cycles/2026"),
        // employer & officer side (issue #4): the employer URLs are tried on an application that does not exist,
        // so an employer gets 404 (allowed by role); EmployerReviewAccessTests check the other employer's 404 on a real one.
        ["POST /api/employers/"] = (Everyone, "/api/employers/"),
        ["GET /api/employers/"] = (Staff, "/api/employers/"),
        ["POST /api/employers/{id:guid}/approve"] = (Staff, $"/api/employers/{Guid.Empty}/approve"),
        ["POST /api/employers/{id:guid}/reject"] = (Staff, $"/api/employers/{Guid.Empty}/reject"),
        ["GET /api/employer/applications"] = (Employers, "/api/employer/applications"),
        ["POST /api/applications/{id:guid}/employer/open-review"] = (Employers, $"/api/applications/{Guid.Empty}/employer/open-review"),
        ["POST /api/applications/{id:guid}/employer/confirm-employment"] = (Employers, $"/api/applications/{Guid.Empty}/employer/confirm-employment"),
        ["POST /api/applications/{id:guid}/employer/start-publicity"] = (Employers, $"/api/applications/{Guid.Empty}/employer/start-publicity"),
        ["POST /api/applications/{id:guid}/employer/objections"] = (Employers, $"/api/applications/{Guid.Empty}/employer/objections"),
        ["POST /api/applications/{id:guid}/employer/recommend"] = (Employers, $"/api/applications/{Guid.Empty}/employer/recommend"),
        ["POST /api/applications/{id:guid}/employer/decline"] = (Employers, $"/api/applications/{Guid.Empty}/employer/decline"),
        ["GET /api/intake"] = (Staff, "/api/intake"),
        // results and certificates (#8)
        ["GET /.well-known/jwks.json"] = (Everyone, "/.well-known/jwks.json"),
        ["GET /api/certificates/{number}"] = (Everyone, "/api/certificates/GZZC-2026-000001-4?code=AAAAA-AAAAA"),
        ["POST /api/certificates/verify-credential"] = (Everyone, "/api/certificates/verify-credential"),
        ["GET /verify/{number}"] = (Everyone, "/verify/GZZC-2026-000001-4"),
        ["GET /api/me/certificates/"] = (Applicants, "/api/me/certificates/"),
        ["GET /api/me/certificates/{number}/pdf"] = (Applicants, "/api/me/certificates/GZZC-2026-000001-4/pdf"),
        ["GET /api/me/certificates/{number}/credential"] = (Applicants, "/api/me/certificates/GZZC-2026-000001-4/credential"),
        ["POST /api/admin/credential-keys/rotate"] = ([Who.Admin], "/api/admin/credential-keys/rotate"),
        ["GET /api/results/notices"] = (Everyone, "/api/results/notices"),
        ["POST /api/results/notices"] = (Staff, "/api/results/notices"),
        ["POST /api/results/entries/{id:guid}/objections"] = (Everyone, $"/api/results/entries/{Guid.Empty}/objections"),
        ["GET /api/results/objections"] = (Staff, "/api/results/objections"),
        ["POST /api/results/objections/{id:guid}/decision"] = (Staff, $"/api/results/objections/{Guid.Empty}/decision"),
        ["POST /api/applications/{id:guid}/confirm"] = (Staff, $"/api/applications/{Guid.Empty}/confirm"),
        ["POST /api/applications/{id:guid}/reexamination"] = (Applicants, $"/api/applications/{Guid.Empty}/reexamination"),
        ["POST /api/certificates/{number}/revoke"] = (Staff, "/api/certificates/GZZC-2026-000001-4/revoke"),
        // the pages of results and certificates (#8): the public notice, objection form and check need no sign-in
        ["GET /results"] = (Everyone, "/results"),
        ["GET /results/{id:guid}/object"] = (Everyone, $"/results/{Guid.Empty}/object"),
        ["POST /results/{id:guid}/object"] = (Everyone, $"/results/{Guid.Empty}/object"),
        ["GET /verify"] = (Everyone, "/verify"),
        ["GET /applicant/certificates"] = (Applicants, "/applicant/certificates"),
        ["GET /applications/{id:guid}/reexamination"] = ([Who.Applicant], "/applications/{app}/reexamination"),
        ["POST /applications/{id:guid}/reexamination"] = (Applicants, "/applications/{app}/reexamination"),
        ["GET /officer/results"] = (Staff, "/officer/results"),
        ["POST /officer/results"] = (Staff, "/officer/results?handler=Publish"),
        ["GET /officer/objections"] = (Staff, "/officer/objections"),
        ["GET /officer/objections/{id:guid}"] = (Staff, $"/officer/objections/{Guid.Empty}"),
        ["POST /officer/objections/{id:guid}"] = (Staff, $"/officer/objections/{Guid.Empty}?handler=Check"),
        ["GET /officer/certificates"] = (Staff, "/officer/certificates"),
        ["GET /officer/certificates/{number}"] = (Staff, "/officer/certificates/GZZC-2026-000001-4"),
        ["POST /officer/certificates/{number}"] = (Staff, "/officer/certificates/GZZC-2026-000001-4?handler=Check"),
        ["POST /api/supervision/samples"] = (Staff, "/api/supervision/samples"),
        ["POST /api/supervision/items/{id:long}/outcome"] = (Staff, "/api/supervision/items/1/outcome"),
        ["GET /officer/supervision"] = (Staff, "/officer/supervision"),
        ["POST /officer/supervision"] = (Staff, "/officer/supervision?handler=Draw"),
        ["POST /api/applications/{id:guid}/accept"] = (Staff, $"/api/applications/{Guid.Empty}/accept"),
        ["POST /api/applications/{id:guid}/correction"] = (Staff, $"/api/applications/{Guid.Empty}/correction"),
        ["POST /api/applications/{id:guid}/reject"] = (Staff, $"/api/applications/{Guid.Empty}/reject"),
        ["GET /api/calendar/"] = (Staff, "/api/calendar/"),
        ["PUT /api/calendar/"] = (Staff, "/api/calendar/"),
        ["GET /account/register-employer"] = (Everyone, "/account/register-employer"),
        ["POST /account/register-employer"] = (Everyone, "/account/register-employer"),
        ["GET /employer"] = (Employers, "/employer"),
        ["GET /employer/applications/{id:guid}"] = (Employers, $"/employer/applications/{Guid.Empty}"),
        ["POST /employer/applications/{id:guid}"] = (Employers, $"/employer/applications/{Guid.Empty}?handler=Recommend"),
        ["GET /officer/employers"] = (Staff, "/officer/employers"),
        ["POST /officer/employers"] = (Staff, "/officer/employers?handler=Approve"),
        ["GET /officer/intake"] = (Staff, "/officer/intake"),
        ["GET /officer/intake/{id:guid}"] = (Staff, $"/officer/intake/{Guid.Empty}"),
        ["POST /officer/intake/{id:guid}"] = (Staff, $"/officer/intake/{Guid.Empty}?handler=Accept"),
        ["GET /officer/calendar"] = (Staff, "/officer/calendar"),
        ["GET /officer/calendar/add-year"] = (Staff, "/officer/calendar/add-year"),
        ["GET /statistics"] = (Everyone, "/statistics"),
        ["GET /privacy"] = (Everyone, "/privacy"),
        ["GET /open-data"] = (Everyone, "/open-data"),
        ["GET /api/privacy-notice"] = (Everyone, "/api/privacy-notice"),
        ["GET /account/consent"] = (SignedIn, "/account/consent"),
        ["POST /account/consent"] = (SignedIn, "/account/consent"),
        ["POST /api/me/consent"] = (SignedIn, "/api/me/consent"),
        ["GET /api/me/data"] = (SignedIn, "/api/me/data"),
        ["GET /api/me/data/documents.zip"] = (SignedIn, "/api/me/data/documents.zip"),
        ["GET /api/me/data-requests"] = (SignedIn, "/api/me/data-requests"),
        ["POST /api/me/data-requests"] = (SignedIn, "/api/me/data-requests"),
        ["GET /api/admin/data-requests/"] = ([Who.Admin], "/api/admin/data-requests/"),
        ["POST /api/admin/data-requests/{id:guid}/answer"] = ([Who.Admin], $"/api/admin/data-requests/{Guid.Empty}/answer"),
        ["GET /account/my-data"] = (SignedIn, "/account/my-data"),
        ["GET /admin/audit"] = ([Who.Admin], "/admin/audit"),
        ["GET /admin/emails"] = ([Who.Admin], "/admin/emails"),
        ["POST /admin/emails"] = ([Who.Admin], "/admin/emails?handler=SendAgain"),
        ["GET /admin/emails/{id:guid}/delivered"] = ([Who.Admin], $"/admin/emails/{Guid.Empty}/delivered"),
        ["POST /admin/emails/{id:guid}/delivered"] = ([Who.Admin], $"/admin/emails/{Guid.Empty}/delivered"),
        ["POST /account/my-data"] = (SignedIn, "/account/my-data?handler=Correction"),
        ["POST /api/admin/privacy-notices"] = ([Who.Admin], "/api/admin/privacy-notices"),
        ["GET /api/statistics/open"] = (Everyone, "/api/statistics/open?cycle=2026"),
        ["GET /officer/dashboard"] = (Staff, "/officer/dashboard"),
        ["GET /api/statistics/dashboard"] = (Staff, "/api/statistics/dashboard?cycle=2026"),
        ["POST /officer/calendar"] = (Staff, "/officer/calendar"),
        ["POST /officer/calendar/add-year"] = (Staff, "/officer/calendar/add-year"),

        // Applicant side (accounts, the application journey, documents). {app} and {doc} are the
        // application and document of Who.Applicant made in SeedApplicationAsync; the destructive
        // entries (delete, withdraw) come last because the matrix runs in this order.
        ["POST /api/account/register"] = (Everyone, "/api/account/register"),
        ["POST /api/applications/"] = (Applicants, "/api/applications/"),
        ["GET /api/applications/"] = (Applicants, "/api/applications/"),
        ["GET /api/applications/{id:guid}"] = ([Who.Applicant], "/api/applications/{app}"),
        ["GET /api/applications/{id:guid}/documents/{documentId:guid}"] = ([Who.Applicant, Who.Employer, Who.Officer, Who.Admin], "/api/applications/{app}/documents/{doc}"),
        ["PUT /api/applications/{id:guid}/sections/{section}"] = ([Who.Applicant], "/api/applications/{app}/sections/report"),
        ["POST /api/applications/{id:guid}/documents"] = ([Who.Applicant], "/api/applications/{app}/documents"),
        ["POST /api/applications/{id:guid}/submit"] = ([Who.Applicant], "/api/applications/{app}/submit"),
        ["POST /api/applications/{id:guid}/resubmit"] = ([Who.Applicant], "/api/applications/{app}/resubmit"),
        ["DELETE /api/applications/{id:guid}/documents/{documentId:guid}"] = ([Who.Applicant], "/api/applications/{app}/documents/{doc}"),
        ["POST /api/applications/{id:guid}/withdraw"] = ([Who.Applicant], "/api/applications/{app}/withdraw"),
        ["GET /account/register"] = (Everyone, "/account/register"),
        ["POST /account/register"] = (Everyone, "/account/register"),
        ["GET /account/confirm-email"] = (Everyone, "/account/confirm-email"),
        ["GET /account/resend-confirmation"] = (Everyone, "/account/resend-confirmation"),
        ["POST /account/resend-confirmation"] = (Everyone, "/account/resend-confirmation"),
        ["GET /applicant/profile"] = (Applicants, "/applicant/profile"),
        ["POST /applicant/profile"] = (Applicants, "/applicant/profile"),
        ["GET /applications"] = (Applicants, "/applications"),
        ["POST /applications"] = (Applicants, "/applications?handler=Start"),
        ["GET /applications/{id:guid}"] = ([Who.Applicant], "/applications/{app}"),
        // Page POSTs: the role check runs first, then antiforgery (400 without a token) before the resource is
        // looked at, so both applicants pass the role check here; the resource rule is covered by the GETs and the API.
        ["POST /applications/{id:guid}"] = (Applicants, "/applications/{app}?handler=Resubmit"),
        ["GET /applications/{id:guid}/sections/{section}"] = ([Who.Applicant], "/applications/{app}/sections/report"),
        ["POST /applications/{id:guid}/sections/{section}"] = (Applicants, "/applications/{app}/sections/report?handler=Report"),
        ["GET /applications/{id:guid}/check-answers"] = ([Who.Applicant], "/applications/{app}/check-answers"),
        ["POST /applications/{id:guid}/check-answers"] = (Applicants, "/applications/{app}/check-answers"),
        ["GET /applications/{id:guid}/submitted"] = ([Who.Applicant], "/applications/{app}/submitted"),
        ["GET /applications/{id:guid}/withdraw"] = ([Who.Applicant], "/applications/{app}/withdraw"),
        ["POST /applications/{id:guid}/withdraw"] = (Applicants, "/applications/{app}/withdraw"),
        ["GET /account/two-factor"] = ([Who.Applicant, Who.OtherApplicant, Who.Employer, Who.OtherEmployer, Who.Officer, Who.Admin, Who.Expert, Who.OtherExpert], "/account/two-factor"),
        ["POST /account/two-factor"] = ([Who.Applicant, Who.OtherApplicant, Who.Employer, Who.OtherEmployer, Who.Officer, Who.Admin, Who.Expert, Who.OtherExpert], "/account/two-factor?handler=Enable"),
        // Only reachable between password and code: without Identity's two-factor cookie everyone is sent to sign in.
        ["GET /account/login-with-code"] = ([], "/account/login-with-code"),
        ["POST /account/login-with-code"] = (Everyone, "/account/login-with-code"),

        // Expert review (issue #7). Officers run the pool, committees, assignment and meetings; experts see their
        // own files only: on a file that is not theirs (here one that does not exist) an expert gets 404, and
        // ExpertReviewTests check the assigned-then-conflicted expert's 404 on a real file, its documents and ballot.
        ["GET /account/set-password"] = (Everyone, "/account/set-password"),
        ["POST /account/set-password"] = (Everyone, "/account/set-password"),
        ["GET /api/experts"] = (Staff, "/api/experts"),
        ["POST /api/experts"] = (Staff, "/api/experts"),
        ["GET /api/experts/me"] = (Experts, "/api/experts/me"),
        ["PUT /api/experts/me"] = (Experts, "/api/experts/me"),
        ["GET /api/committees"] = (Staff, "/api/committees"),
        ["POST /api/committees"] = (Staff, "/api/committees"),
        ["GET /api/committees/{id:guid}"] = (Staff, $"/api/committees/{Guid.Empty}"),
        ["POST /api/committees/{id:guid}/members/{expertId:guid}/replace"] = (Staff, $"/api/committees/{Guid.Empty}/members/{Guid.Empty}/replace"),
        ["GET /api/committees/{id:guid}/assignment"] = (Staff, $"/api/committees/{Guid.Empty}/assignment"),
        ["POST /api/committees/{id:guid}/assignment"] = (Staff, $"/api/committees/{Guid.Empty}/assignment"),
        ["POST /api/committees/{id:guid}/assignment/swap"] = (Staff, $"/api/committees/{Guid.Empty}/assignment/swap"),
        ["POST /api/committees/{id:guid}/assignment/confirm"] = (Staff, $"/api/committees/{Guid.Empty}/assignment/confirm"),
        ["POST /api/review/conflicts"] = (Staff, "/api/review/conflicts"),
        ["GET /api/meetings"] = (Staff, "/api/meetings"),
        ["POST /api/meetings"] = (Staff, "/api/meetings"),
        ["GET /api/meetings/{id:guid}"] = (Staff, $"/api/meetings/{Guid.Empty}"),
        ["PUT /api/meetings/{id:guid}/attendance"] = (Staff, $"/api/meetings/{Guid.Empty}/attendance"),
        ["POST /api/meetings/{id:guid}/ballots/{applicationId:guid}/open"] = (Staff, $"/api/meetings/{Guid.Empty}/ballots/{Guid.Empty}/open"),
        ["POST /api/meetings/{id:guid}/ballots/{applicationId:guid}/close"] = (Staff, $"/api/meetings/{Guid.Empty}/ballots/{Guid.Empty}/close"),
        ["GET /officer/experts"] = (Staff, "/officer/experts"),
        ["POST /officer/experts"] = (Staff, "/officer/experts"),
        ["GET /officer/committees"] = (Staff, "/officer/committees"),
        ["POST /officer/committees"] = (Staff, "/officer/committees"),
        ["GET /officer/committees/{id:guid}"] = (Staff, $"/officer/committees/{Guid.Empty}"),
        ["POST /officer/committees/{id:guid}"] = (Staff, $"/officer/committees/{Guid.Empty}?handler=Propose"),
        ["GET /officer/meetings"] = (Staff, "/officer/meetings"),
        ["POST /officer/meetings"] = (Staff, "/officer/meetings"),
        ["GET /officer/meetings/{id:guid}"] = (Staff, $"/officer/meetings/{Guid.Empty}"),
        ["POST /officer/meetings/{id:guid}"] = (Staff, $"/officer/meetings/{Guid.Empty}?handler=Open"),
        ["GET /officer/meetings/{id:guid}/minutes"] = (Staff, $"/officer/meetings/{Guid.Empty}/minutes"),
        ["GET /expert"] = (Experts, "/expert"),
        ["POST /expert"] = (Experts, "/expert"),
        ["GET /expert/files/{id:guid}"] = (Experts, "/expert/files/{app}"),
        ["POST /expert/files/{id:guid}"] = (Experts, "/expert/files/{app}?handler=Save"),
        ["GET /expert/meetings/{meetingId:guid}/ballots/{applicationId:guid}"] = (Experts, $"/expert/meetings/{Guid.Empty}/ballots/{{app}}"),
        ["POST /expert/meetings/{meetingId:guid}/ballots/{applicationId:guid}"] = (Experts, $"/expert/meetings/{Guid.Empty}/ballots/{{app}}"),
        ["GET /api/review/assignments"] = (Experts, "/api/review/assignments"),
        ["GET /api/review/files/{id:guid}"] = (Experts, "/api/review/files/{app}"),
        ["GET /api/review/files/{id:guid}/documents/{documentId:guid}"] = (Experts, "/api/review/files/{app}/documents/{doc}"),
        ["POST /api/review/files/{id:guid}/conflict"] = (Experts, "/api/review/files/{app}/conflict"),
        ["GET /api/review/files/{id:guid}/opinion"] = (Experts, "/api/review/files/{app}/opinion"),
        ["PUT /api/review/files/{id:guid}/opinion"] = (Experts, "/api/review/files/{app}/opinion"),
        ["POST /api/review/files/{id:guid}/opinion/submit"] = (Experts, "/api/review/files/{app}/opinion/submit"),
        ["GET /api/meetings/{id:guid}/ballots/{applicationId:guid}"] = (Experts, $"/api/meetings/{Guid.Empty}/ballots/{{app}}"),
        ["POST /api/meetings/{id:guid}/ballots/{applicationId:guid}"] = (Experts, $"/api/meetings/{Guid.Empty}/ballots/{{app}}"),
    };

    /// <summary>
    /// Resource rules: these roles pass the endpoint's role check but the resource is not theirs, so they
    /// must get exactly 404 (an application's existence is not acknowledged to others).
    /// </summary>
    private static readonly Dictionary<string, Who[]> NotFoundFor = new()
    {
        ["GET /api/applications/{id:guid}"] = [Who.OtherApplicant],
        ["GET /applications/{id:guid}"] = [Who.OtherApplicant],
        ["GET /applications/{id:guid}/sections/{section}"] = [Who.OtherApplicant],
        ["GET /applications/{id:guid}/check-answers"] = [Who.OtherApplicant],
        ["GET /applications/{id:guid}/submitted"] = [Who.OtherApplicant],
        ["GET /applications/{id:guid}/withdraw"] = [Who.OtherApplicant],
        ["GET /applications/{id:guid}/reexamination"] = [Who.OtherApplicant],
        // Experts read documents only through /api/review/files/…, and only of files assigned to them.
        ["GET /api/applications/{id:guid}/documents/{documentId:guid}"] = [Who.OtherApplicant, Who.OtherEmployer, Who.Expert, Who.OtherExpert],
        ["PUT /api/applications/{id:guid}/sections/{section}"] = [Who.OtherApplicant],
        ["POST /api/applications/{id:guid}/documents"] = [Who.OtherApplicant],
        ["POST /api/applications/{id:guid}/submit"] = [Who.OtherApplicant],
        ["POST /api/applications/{id:guid}/resubmit"] = [Who.OtherApplicant],
        ["DELETE /api/applications/{id:guid}/documents/{documentId:guid}"] = [Who.OtherApplicant],
        ["POST /api/applications/{id:guid}/withdraw"] = [Who.OtherApplicant],
        // The matrix's application is assigned to no expert: every expert URL of it is "not found" for both.
        ["GET /api/review/files/{id:guid}"] = Experts,
        ["GET /api/review/files/{id:guid}/documents/{documentId:guid}"] = Experts,
        ["POST /api/review/files/{id:guid}/conflict"] = Experts,
        ["GET /api/review/files/{id:guid}/opinion"] = Experts,
        ["PUT /api/review/files/{id:guid}/opinion"] = Experts,
        ["POST /api/review/files/{id:guid}/opinion/submit"] = Experts,
        ["GET /api/meetings/{id:guid}/ballots/{applicationId:guid}"] = Experts,
        ["POST /api/meetings/{id:guid}/ballots/{applicationId:guid}"] = Experts,
        ["GET /expert/files/{id:guid}"] = Experts,
        ["GET /expert/meetings/{meetingId:guid}/ballots/{applicationId:guid}"] = Experts,
    };

    [Fact]
    public async Task EveryEndpoint_IsInTheMatrix()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var found = Endpoints(app).ToHashSet();

        Assert.Empty(found.Except(Matrix.Keys).Order());
        Assert.Empty(Matrix.Keys.Except(found).Order());
    }

    [Fact]
    public async Task EveryEndpoint_AllowsAndDeniesAsTheMatrixSays()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var clients = new Dictionary<Who, HttpClient>();
        foreach (var who in Everyone)
        {
            clients[who] = await ClientAsync(app, who);
        }
        var (applicationId, documentId) = await SeedApplicationAsync(app);
        var wrong = new List<string>();
        foreach (var (key, (allowed, pattern)) in Matrix)
        {
            var url = pattern.Replace("{app}", applicationId.ToString(), StringComparison.Ordinal).Replace("{doc}", documentId.ToString(), StringComparison.Ordinal);
            var method = new HttpMethod(key.Split(' ')[0]);
            foreach (var who in Everyone)
            {
                using var request = new HttpRequestMessage(method, url);
                if (method != HttpMethod.Get)
                {
                    // Writes are JSON, except the upload (multipart): each gets its own media type, so the answer is about access.
                    request.Content = key.EndsWith("/documents", StringComparison.Ordinal)
                        ? new MultipartFormDataContent { { new StringContent("identity"), "part" } }
                        : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                var response = await clients[who].SendAsync(request);
                // The access-denied page itself answers 403 to everyone; what matters is that it renders, not redirects.
                var deniedPage = key == "GET /account/denied" && response.StatusCode == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "text/html";
                var denied = !deniedPage && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } to
                        && (to.Contains("/account/login", StringComparison.Ordinal) || to.Contains("/account/denied", StringComparison.Ordinal)));
                if (NotFoundFor.TryGetValue(key, out var notFound) && notFound.Contains(who))
                {
                    if (response.StatusCode != HttpStatusCode.NotFound)
                    {
                        wrong.Add($"{key} as {who}: {(int)response.StatusCode}, expected 404 (not their resource)");
                    }
                }
                else if (denied == allowed.Contains(who) || (allowed.Contains(who) && response.StatusCode == HttpStatusCode.NotFound && NotFoundFor.ContainsKey(key)))
                {
                    wrong.Add($"{key} as {who}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }
        Assert.Empty(wrong);
    }

    internal static IEnumerable<string> Endpoints(TestApp app)
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods
                ?? (isPage ? ["GET", "POST"] : ["GET"]);
            foreach (var method in methods.Where(m => m is not ("HEAD" or "OPTIONS")))
            {
                // Razor Pages answer POST only where the page model has a handler for it.
                if (isPage && method == "POST" && !HasPostHandler(endpoint))
                {
                    continue;
                }
                yield return $"{method} {pattern}";
            }
        }
    }

    private static bool HasPostHandler(RouteEndpoint endpoint)
    {
        var page = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>();
        if (page is not null)
        {
            return page.HandlerMethods.Any(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase));
        }
        var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!;
        var type = typeof(Program).Assembly.GetTypes().FirstOrDefault(t => typeof(PageModel).IsAssignableFrom(t)
            && t.FullName!.Replace("TitleBridge.Web.Pages", "", StringComparison.Ordinal).Replace('.', '/')
                .Equals(descriptor.ViewEnginePath + "Model", StringComparison.OrdinalIgnoreCase));
        return type is not null && type.GetMethods().Any(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal));
    }
}
