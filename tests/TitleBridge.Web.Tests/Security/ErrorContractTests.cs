using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TitleBridge.Web.Infrastructure.Problems;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;
using static TitleBridge.Web.Tests.Security.AuthorizationMatrixTests;
using static TitleBridge.Web.Tests.TestData.MatrixAccounts;

namespace TitleBridge.Web.Tests.Security;

/// <summary>
/// The API's one error contract (issue #12): every answer that is not 2xx is an RFC 9457 problem document
/// with a stable type, the message in both languages and field errors keyed by the request's own JSON
/// paths — never an empty body, an HTML page or a server type name. The walk covers every /api write of
/// the authorization matrix, as a role that may use it.
/// </summary>
public sealed class ErrorContractTests
{
    /// <summary>A body with a null list entry, and the field the answer must name, for the writes that take lists.</summary>
    private static readonly Dictionary<string, (string Body, string Field)> NullEntries = new()
    {
        ["POST /api/eligibility/check"] = ("""{"qualifications":[null]}""", "qualifications[0]"),
        ["PUT /api/applications/{id:guid}/sections/{section}"] = ("""{"achievements":[{"kind":"paper","title":"t","year":2020,"overseas":false,"details":"d"},null]}""", "achievements[1]"),
        ["PUT /api/cycles/{year:int}"] = ("""{"levels":["E",null]}""", "levels[1]"),
        ["POST /api/applications/{id:guid}/correction"] = ("""{"items":[null]}""", "items[0]"),
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryApiWrite_AnswersBadBodiesWithTheProblemContract(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clients = new Dictionary<Who, HttpClient>();
        foreach (var who in Enum.GetValues<Who>())
        {
            clients[who] = await ClientAsync(app, who);
        }
        var (applicationId, documentId) = await SeedApplicationAsync(app);
        var limits = app.Services.GetRequiredService<InputLimits>();
        var endpoints = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        var wrong = new List<string>();
        var walked = 0;
        foreach (var (key, (allowed, pattern)) in Matrix.Where(m => m.Key.Contains(" /api/", StringComparison.Ordinal) && !m.Key.StartsWith("GET ", StringComparison.Ordinal)))
        {
            var endpoint = endpoints.Single(e => Describes(e, key));
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
            if (!accepts.Contains("application/json"))
            {
                continue; // the upload (multipart) and the writes without a body: their 415 is below
            }
            var client = clients[allowed.First(w => w is not (Who.OtherApplicant or Who.OtherEmployer or Who.OtherExpert))];
            var url = pattern.Replace("{app}", applicationId.ToString(), StringComparison.Ordinal).Replace("{doc}", documentId.ToString(), StringComparison.Ordinal);
            if (key.Contains("/sections/", StringComparison.Ordinal))
            {
                url = url.Replace("/report", "/achievements", StringComparison.Ordinal);
            }
            var method = new HttpMethod(key.Split(' ')[0]);
            walked++;

            async Task Expect(string what, HttpContent content, HttpStatusCode status, string type, string? field)
            {
                using var request = new HttpRequestMessage(method, url) { Content = content };
                var response = await client.SendAsync(request);
                var problem = await ProblemAsync(response);
                if (response.StatusCode != status || problem is null)
                {
                    wrong.Add($"{key} {what}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
                    return;
                }
                var text = problem.Value.GetRawText();
                if (problem.Value.GetProperty("type").GetString() != type
                    || problem.Value.GetProperty("message").GetProperty("zh").GetString() is not { Length: > 0 }
                    || problem.Value.GetProperty("message").GetProperty("en").GetString() is not { Length: > 0 }
                    || text.Contains("TitleBridge.", StringComparison.Ordinal) || text.Contains("System.", StringComparison.Ordinal)
                    || text.Contains("LineNumber", StringComparison.Ordinal))
                {
                    wrong.Add($"{key} {what}: {text}");
                }
                else if (field is not null && !problem.Value.GetProperty("errors").TryGetProperty(field, out _))
                {
                    wrong.Add($"{key} {what}: no error for {field}: {text}");
                }
            }

            // Reading stops inside "reason": the answer names the path where the JSON broke off (the calendar is
            // one document, parsed as a whole, and so is a rule set whose impact is previewed: their answer is about the body).
            await Expect("malformed", Json("""{"reason": """), HttpStatusCode.BadRequest, ProblemTypes.Validation,
                key.Contains("/api/calendar/", StringComparison.Ordinal) || key.Contains("/rule-set/impact", StringComparison.Ordinal) ? "body" : "reason");
            await Expect("wrong type", Json("""[1, 2]"""), HttpStatusCode.BadRequest, ProblemTypes.Validation, "body");
            if (NullEntries.TryGetValue(key, out var nullEntry))
            {
                await Expect("null entry", Json(nullEntry.Body), HttpStatusCode.BadRequest, ProblemTypes.Validation, nullEntry.Field);
            }
            var max = limits.RequestBodyBytes(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
            await Expect("oversize", Json($$"""{"reason":"{{new string('x', (int)max)}}"}"""), HttpStatusCode.RequestEntityTooLarge, ProblemTypes.TooLarge, null);
            await Expect("form-encoded", new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x" }),
                HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, null);
        }
        Assert.True(walked >= 20, $"only {walked} JSON writes walked");
        Assert.Equal(NullEntries.Count, NullEntries.Keys.Count(Matrix.ContainsKey));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("/api/catalogue/entries?page=abc", "page")]
    [InlineData("/api/catalogue/entries?page=99999999999", "page")]
    [InlineData("/api/catalogue/entries?page=2147483647", "page")]
    [InlineData("/api/catalogue/entries?pageSize=x1", "pageSize")]
    [InlineData("/api/catalogue/search?q=aws&limit=ten", "limit")]
    [InlineData("/api/eligibility/rule-set?date=2026-13-01", "date")]
    public async Task UnparsableQueryValues_Are400NamingTheParameter(string url, string field)
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var response = await app.Client("zh-CN").GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await ProblemAsync(response))!.Value;
        Assert.Equal(ProblemTypes.Validation, problem.GetProperty("type").GetString());
        Assert.Equal("请求有误，请按下列各字段的说明修改。", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.DoesNotContain("Int32", problem.GetRawText());
    }

    [Fact]
    public async Task FrameworkAnswers_AreProblemDocumentsInTheReadersLanguage()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite);
        var anonymous = app.Client("zh-CN");
        var applicant = await ClientAsync(app, Who.Applicant);

        await AssertProblem(await anonymous.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound, ProblemTypes.NotFound, "此地址没有内容。");
        await AssertProblem(await anonymous.DeleteAsync("/api/cycles/"), HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed, null);
        await AssertProblem(await anonymous.GetAsync("/api/applications/"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized, "请先登录。");
        await AssertProblem(await applicant.GetAsync("/api/intake"), HttpStatusCode.Forbidden, ProblemTypes.Forbidden, null);
        await AssertProblem(await applicant.PostAsync("/api/applications/", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" })),
            HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, null);
    }

    [Fact]
    public async Task UnexpectedException_Is500WithATraceId_AndNothingInternal()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, services: s =>
            s.AddScoped<TitleBridge.Web.Features.Eligibility.CheckEligibility>(_ => throw new InvalidOperationException("secret connection string TitleBridge.Internal")));
        var response = await app.Client("en").PostAsync("/api/eligibility/check", Json("{}"));

        var problem = await AssertProblem(response, HttpStatusCode.InternalServerError, ProblemTypes.ServerError, "Something went wrong on our side. Please try again later.");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("secret", problem.GetRawText());
        Assert.DoesNotContain("InvalidOperationException", problem.GetRawText());
    }

    [Fact]
    public async Task UnexpectedException_OnAPage_IsTheBilingualErrorPage()
    {
        await using var app = await TestApp.StartAsync(Provider.Sqlite, services: s =>
            s.AddScoped<TitleBridge.Web.Features.Eligibility.CheckEligibility>(_ => throw new InvalidOperationException("secret")));
        var client = app.Client("zh-CN");
        var response = await client.GetAsync("/check/result");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string type, string? title)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem is not null, $"{(int)response.StatusCode} {response.Content.Headers.ContentType}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(type, problem.Value.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.Value.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.Value.GetProperty("message").GetProperty("en").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.Value.GetProperty("message").GetProperty("zh").GetString()));
        if (title is not null)
        {
            Assert.Equal(title, problem.Value.GetProperty("title").GetString());
        }
        return problem.Value;
    }

    /// <summary>
    /// A refusal is a problem document of its kind with the specific code and every problem listed, from
    /// the one mapping of kinds: answering a data request twice is a conflict; an unknown request is not found.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ARefusal_CarriesItsKindCodeAndProblems(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var applicant = await ClientAsync(app, Who.Applicant);
        var admin = await ClientAsync(app, Who.Admin);
        var request = await (await applicant.PostJsonAsync("/api/me/data-requests", new { kind = "correction", details = "My phone number is wrong." })).JsonAsync();
        var answer = new { fulfilled = true, answer = new { en = "Corrected.", zh = "已更正。" } };
        var url = $"/api/admin/data-requests/{request.GetProperty("id").GetString()}/answer";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync(url, answer)).StatusCode);

        var again = await admin.PostJsonAsync(url, answer);
        var unknown = await admin.PostJsonAsync($"/api/admin/data-requests/{Guid.NewGuid()}/answer", answer);

        var conflict = await AssertProblem(again, HttpStatusCode.Conflict, ProblemTypes.Conflict, "This request has been answered already.");
        Assert.Equal("data-request.answered", conflict.GetProperty("code").GetString());
        var listed = Assert.Single(conflict.GetProperty("problems").EnumerateArray());
        Assert.Equal("该请求已答复。", listed.GetProperty("message").GetProperty("zh").GetString());
        var notFound = await AssertProblem(unknown, HttpStatusCode.NotFound, ProblemTypes.NotFound, "There is no such request.");
        Assert.Equal("data-request.not-found", notFound.GetProperty("code").GetString());
    }

    /// <summary>The problem document, or null when the answer is not one (wrong media type, empty, not JSON).</summary>
    private static async Task<JsonElement?> ProblemAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }
        try
        {
            return await response.JsonAsync();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static bool Describes(RouteEndpoint endpoint, string key)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        return methods.Any(m => key == $"{m} {pattern}");
    }
}
