using Microsoft.AspNetCore.Diagnostics;

namespace TitleBridge.Web.Infrastructure;

/// <summary>The safety net: an unexpected exception becomes an RFC 9457 problem, never a stack trace.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!HostSetup.IsApi(context))
        {
            return false; // pages re-execute /error/500
        }
        var badRequest = exception is BadHttpRequestException;
        if (!badRequest)
        {
            log.LogError(exception, "Unhandled exception for {Path}", context.Request.Path);
        }
        context.Response.StatusCode = badRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = badRequest
                    ? Localization.Pick("The request could not be read.", "无法读取该请求。")
                    : Localization.Pick("Something went wrong on our side. Please try again later.", "系统出现错误，请稍后重试。"),
                Detail = badRequest ? exception.Message : null,
            },
        });
    }
}
