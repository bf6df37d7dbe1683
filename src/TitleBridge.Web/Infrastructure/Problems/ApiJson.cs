using System.Text.Json;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Features.Catalogue;

namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// Reads an API request body as JSON the same way everywhere: a body that cannot be read is one problem
/// naming the JSON path where reading stopped (<c>qualifications[0].obtainedOn</c>), in both languages and
/// without the server's type names; a body that reads is then checked against the input limits and for
/// empty (null) list entries (<see cref="RequestShape"/>).
/// </summary>
public static class ApiJson
{
    public static async Task<(T? Body, IReadOnlyList<Problem> Problems)> ReadAsync<T>(HttpRequest http, InputLimits limits, CancellationToken ct) where T : class
    {
        T? body;
        try
        {
            body = http.ContentLength == 0 ? null : await JsonSerializer.DeserializeAsync<T>(http.Body, JsonDefaults.Web, ct);
        }
        catch (JsonException e)
        {
            return (null, [Unreadable(e)]);
        }
        if (body is null)
        {
            return (null, [BodyRequired]);
        }
        var problems = RequestShape.Check(body, limits);
        return problems.Count > 0 ? (null, problems) : (body, []);
    }

    public static Problem BodyRequired => new("body.required", new("Send the request as a JSON object.", "请以 JSON 对象发送请求。"), "body");

    /// <summary>The problem for JSON that does not parse, or a value of the wrong type, at the path where reading stopped.</summary>
    public static Problem Unreadable(JsonException e)
    {
        var field = FieldOf(e.Path);
        // System.Text.Json reports syntax errors through its reader's exception, conversions without it.
        return e.InnerException is JsonException
            ? new Problem("json.syntax", new("The request is not well-formed JSON at this point.", "请求在此处不是有效的 JSON。"), field)
            : new Problem("json.type", new(
                "This value has the wrong type: check whether it should be text, a number, true/false, a list or an object (dates are text as YYYY-MM-DD).",
                "该值的类型不对：请检查应为文本、数字、true/false、列表还是对象（日期为 YYYY-MM-DD 格式的文本）。"), field);
    }

    /// <summary><c>$.qualifications[0].obtainedOn</c> → <c>qualifications[0].obtainedOn</c>; the whole body is "body".</summary>
    public static string FieldOf(string? jsonPath)
    {
        var field = (jsonPath ?? "$").TrimStart('$').TrimStart('.');
        return string.IsNullOrEmpty(field) ? "body" : field;
    }
}
