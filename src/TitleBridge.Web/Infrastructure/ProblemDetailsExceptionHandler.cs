using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The safety net for /api: a request the framework could not bind (bad JSON, a wrong type, an unparsable
/// query value, a missing body) becomes a 400 naming the field; a refused media type or size keeps its
/// status (415, 413); anything unexpected is a 500 with a trace id and nothing internal. Pages return
/// false here and get the bilingual error page (/error/500).
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware rewrites the path to /error/500 before asking: the original path decides.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
        if (!HostSetup.IsApi(path))
        {
            return false;
        }
        Microsoft.AspNetCore.Mvc.ProblemDetails details;
        if (exception is BadHttpRequestException bad)
        {
            details = bad.StatusCode == StatusCodes.Status400BadRequest
                ? ProblemAnswers.InvalidDetails([BindingProblem(bad)])
                : new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = bad.StatusCode };
        }
        else
        {
            log.LogError(exception, "Unhandled exception for {Path}", path);
            details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status500InternalServerError };
        }
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    /// <summary>The field and a message of our own for what minimal APIs could not bind; the bad value and type names are never echoed.</summary>
    public static Problem BindingProblem(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return ApiJson.Unreadable(json);
        }
        if (BindFailure().Match(bad.Message) is { Success: true } failed)
        {
            var (en, zh) = Expected(failed.Groups["type"].Value);
            return new Problem("query.format", new($"This value cannot be read: write {en}.", $"无法读取该值：请填写{zh}。"), failed.Groups["name"].Value);
        }
        if (Missing().Match(bad.Message) is { Success: true } missing && !bad.Message.Contains("request body", StringComparison.Ordinal))
        {
            return new Problem("required", new("This is required.", "此项必填。"), missing.Groups["name"].Value);
        }
        return bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? ApiJson.BodyRequired
            : new Problem("request", new("The request could not be read.", "无法读取该请求。"), "body");
    }

    private static (string En, string Zh) Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => ("a whole number", "整数"),
        "decimal" or "double" or "float" => ("a number", "数字"),
        "bool" or "Boolean" => ("true or false", "true 或 false"),
        "DateOnly" => ("a date as YYYY-MM-DD", "YYYY-MM-DD 格式的日期"),
        "Guid" => ("an identifier such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301", "标识符，例如 3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        _ => ("a value of the documented form", "符合说明格式的值"),
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided""")]
    private static partial Regex Missing();
}
