using System.Net;
using TitleBridge.Web.Tests.Infrastructure;
using TitleBridge.Web.Tests.TestData;

namespace TitleBridge.Web.Tests.Employers;

/// <summary>
/// The resource rule behind the authorization matrix for employer URLs: on an application naming one
/// employer, another employer gets 404 on every employer URL (its existence is not revealed), while the
/// named employer is answered (200, or 400/409 for an action the state or input does not allow).
/// </summary>
public sealed class EmployerResourceTests
{
    private static readonly (HttpMethod Method, string Url)[] EmployerUrls =
    [
        (HttpMethod.Get, "/employer/applications/{id}"),
        (HttpMethod.Post, "/api/applications/{id}/employer/open-review"),
        (HttpMethod.Post, "/api/applications/{id}/employer/confirm-employment"),
        (HttpMethod.Post, "/api/applications/{id}/employer/start-publicity"),
        (HttpMethod.Post, "/api/applications/{id}/employer/objections"),
        (HttpMethod.Post, "/api/applications/{id}/employer/recommend"),
        (HttpMethod.Post, "/api/applications/{id}/employer/decline"),
    ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryEmployerUrl_OfAnApplicationNamingAnotherEmployer_Is404(Provider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (firstId, first, _) = await Scenario.EmployerAsync(app);
        var (_, other, _) = await Scenario.EmployerAsync(app);
        var id = await Scenario.SubmittedAsync(app, firstId);
        var stamp = (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp;

        var wrong = new List<string>();
        foreach (var (method, template) in EmployerUrls)
        {
            var url = template.Replace("{id}", id.ToString(), StringComparison.Ordinal);
            var theirs = await SendAsync(other, method, url);
            if (theirs != HttpStatusCode.NotFound)
            {
                wrong.Add($"{method} {url} as the other employer: {(int)theirs}");
            }
        }
        // Nothing the other employer did changed the application.
        Assert.Equal(stamp, (await Scenario.ApplicationAsync(app, id)).ConcurrencyStamp);
        foreach (var (method, template) in EmployerUrls)
        {
            var url = template.Replace("{id}", id.ToString(), StringComparison.Ordinal);
            var mine = await SendAsync(first, method, url);
            if (mine is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
            {
                wrong.Add($"{method} {url} as the named employer: {(int)mine}");
            }
        }
        Assert.Empty(wrong);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        return (await client.SendAsync(request)).StatusCode;
    }
}
