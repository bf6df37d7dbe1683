using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TitleBridge.Web.Tests.Infrastructure;

public static partial class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> GetJsonAsync(this HttpClient client, string url) =>
        client.GetFromJsonAsync<JsonElement>(url);

    /// <summary>Signs in through the real login page, antiforgery token and all.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken(page);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Posts a page's form as a browser does: the antiforgery token read from the page first (the URL without its handler).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryToken(await client.GetStringAsync(url.Split("?handler=")[0]));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>The page a response carries, parsed as a browser would.</summary>
    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(this HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The error summary's links as "#field message".</summary>
    public static string[] ErrorLinks(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".error-summary a").Select(a => $"{a.GetAttribute("href")} {a.TextContent.Trim()}")];

    public static string AntiforgeryToken(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
