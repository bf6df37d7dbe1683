using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;

namespace TitleBridge.Web.Infrastructure;

/// <summary>
/// The database is down, restarting, refusing connections or the pool has no free connection within
/// its wait (the connection string's <c>Timeout</c>): the request is answered 503 with a problem
/// document and <c>Retry-After</c>, quickly, instead of a 500 or a hang. Nothing was changed — a unit
/// of work that could not reach the database committed nothing — so the client may simply try again.
/// Registered before <see cref="ProblemDetailsExceptionHandler"/>, which handles everything else.
/// Pages get the error page with status 503 (<see cref="StatusCodeFor"/>).
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public static readonly Domain.Common.BilingualText Message = new(
        "The service is briefly unavailable. Nothing was changed; please try again in a few seconds.",
        "服务暂时不可用，本次操作未作任何更改，请稍后几秒再试。");

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }
        log.LogWarning("The database is unavailable ({Reason}); answering 503 for {Method} {Path}.",
            Innermost(exception).Message, context.Request.Method, context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path);
        // By now the middleware has set the path to the error page's; the request's own path is in the feature.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
        if (!HostSetup.IsApi(path))
        {
            return false; // pages re-execute the error page with 503 (StatusCodeFor)
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The error contract (ApiProblemDetails) adds the type (…:unavailable) and the trace id.
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = Message.Pick() };
        details.Extensions["message"] = Problems.ProblemTypes.Both(Message);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    /// <summary>For the pages' error re-execution: 503 for an unavailable database, 500 otherwise.</summary>
    public static int StatusCodeFor(Exception exception) =>
        IsDatabaseUnavailable(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    /// <summary>
    /// Unavailability, as opposed to a bug: no connection (refused, reset, timed out, pool exhausted),
    /// the server shutting down or starting up, too many connections. EF Core wraps these (DbUpdateException,
    /// InvalidOperationException), so the whole chain is searched.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg:
                    // 08 connection exception, 53300 too many connections, 57P01–57P03 shutdown / cannot connect now.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "53300" or "57P01" or "57P02" or "57P03";
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or TimeoutException or IOException:
                    return true;
                case Microsoft.Data.Sqlite.SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED: busy past the timeout
            }
        }
        return false;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }
}
