using System.Diagnostics;

namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// Completes every problem document the API writes (RFC 9457): a stable <c>type</c> by status where the
/// writer gave none of ours, the message in the reader's language (<c>title</c>) and in both
/// (<c>message</c>), and the trace id to quote to the bureau. Framework answers (404 for an unknown
/// address, 405, 401/403 at the door, 415, 413, 429, 500) get the generic message for their status.
/// </summary>
public static class ApiProblemDetails
{
    public static void Customize(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        details.Status = status;
        if (details.Type is null || !details.Type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal))
        {
            details.Type = ProblemTypes.For(status);
        }
        if (!details.Extensions.ContainsKey("message"))
        {
            var message = ProblemTypes.MessageFor(status);
            details.Title = message.Pick();
            details.Extensions["message"] = ProblemTypes.Both(message);
        }
        details.Extensions.Remove("exception");
        details.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }
}
