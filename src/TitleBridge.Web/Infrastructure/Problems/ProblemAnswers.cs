using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// The one place that turns the kinds of expected refusal (<see cref="ProblemKind"/>) into answers: HTTP
/// statuses and RFC 9457 documents for the API, and status codes or the error page for Razor Pages. Use
/// cases say what kind a problem is where they create it; nothing else keeps lists of codes.
/// </summary>
public static class ProblemAnswers
{
    /// <summary>The kind that decides the answer when a use case reports several problems.</summary>
    public static ProblemKind KindOf(IReadOnlyList<Problem> problems) =>
        problems.Any(p => p.Kind == ProblemKind.NotFound) ? ProblemKind.NotFound
        : problems.Any(p => p.Kind == ProblemKind.Forbidden) ? ProblemKind.Forbidden
        : problems.Any(p => p.Kind == ProblemKind.Conflict) ? ProblemKind.Conflict
        : problems.Any(p => p.Kind == ProblemKind.Unprocessable) ? ProblemKind.Unprocessable
        : ProblemKind.Invalid;

    /// <summary>The API's status: 404, 403, 409, 422 for what cannot be done with what there is, or 400 for bad input.</summary>
    public static int StatusFor(ProblemKind kind) => kind switch
    {
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    public static int StatusFor(IReadOnlyList<Problem> problems) => StatusFor(KindOf(problems));

    // ---- API ---------------------------------------------------------------------------------------

    /// <summary>Any failure as its problem document: <see cref="Refusal"/> for 404/403/409/422, else <see cref="Invalid"/>.</summary>
    public static IResult Answer(IReadOnlyList<Problem> problems) => Refusal(problems) is { } refusal ? refusal : Invalid(problems);

    /// <summary>
    /// A refusal (404, 403, 409 or 422) as a problem document carrying the first problem's <c>code</c> and message in
    /// both languages, and every problem in <c>problems</c> (so an infeasible assignment explains each shortage);
    /// null when the problems are all about the input (answer those with <see cref="Invalid"/>).
    /// </summary>
    public static ProblemHttpResult? Refusal(IReadOnlyList<Problem> problems) => Refusal(problems, null);

    private static ProblemHttpResult? Refusal(IReadOnlyList<Problem> problems, BilingualText? detail)
    {
        var kind = KindOf(problems);
        if (kind == ProblemKind.Invalid)
        {
            return null;
        }
        var status = StatusFor(kind);
        var first = problems.First(p => p.Kind == kind);
        var others = problems.Where(p => !ReferenceEquals(p, first)).Select(p => p.Message.Pick()).ToList();
        return TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Type = ProblemTypes.For(status),
            Title = first.Message.Pick(),
            Detail = detail?.Pick() ?? (others.Count > 0 ? string.Join(" ", others) : null),
            Extensions =
            {
                ["code"] = first.Code,
                ["message"] = ProblemTypes.Both(first.Message),
                ["problems"] = ProblemList(problems),
            },
        });
    }

    /// <summary>A refusal of a kind, for an answer that has no use-case problem behind it (e.g. "not approved yet").</summary>
    public static ProblemHttpResult Refusal(Problem problem, BilingualText? detail = null) => Refusal([problem], detail)
        ?? throw new ArgumentException("An input problem is answered with Invalid, not Refusal.", nameof(problem));

    /// <summary>
    /// Bad input: 400 with <c>errors</c> keyed by the request's own field paths (<c>qualifications[0].obtainedOn</c>)
    /// in the reader's language, and <c>problems</c> listing each with its code and message in both languages.
    /// </summary>
    public static ValidationProblem Invalid(IEnumerable<Problem> problems)
    {
        var details = InvalidDetails(problems);
        return TypedResults.ValidationProblem(details.Errors, title: details.Title, type: details.Type, extensions: details.Extensions);
    }

    /// <summary>The document of <see cref="Invalid"/>, for writers outside an endpoint (the exception handler).</summary>
    public static HttpValidationProblemDetails InvalidDetails(IEnumerable<Problem> problems)
    {
        var list = problems.ToList();
        var message = ProblemTypes.MessageFor(StatusCodes.Status400BadRequest);
        return new HttpValidationProblemDetails(
            list.GroupBy(FieldOf).ToDictionary(g => g.Key, g => g.Select(p => p.Message.Pick()).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = message.Pick(),
            Type = ProblemTypes.Validation,
            Extensions =
            {
                ["message"] = ProblemTypes.Both(message),
                ["problems"] = ProblemList(list),
            },
        };
    }

    private static List<Dictionary<string, object?>> ProblemList(IEnumerable<Problem> problems) =>
        problems.Select(p => new Dictionary<string, object?>
        {
            ["field"] = FieldOf(p),
            ["code"] = p.Code,
            ["message"] = ProblemTypes.Both(p.Message),
        }).ToList();

    /// <summary>A problem about the request as a whole (no field, or the document's root) is about its "body".</summary>
    private static string FieldOf(Problem p) => string.IsNullOrEmpty(p.Field) ? "body" : p.Field;

    // ---- Pages -------------------------------------------------------------------------------------

    /// <summary>
    /// What a page answers instead of showing itself: the bilingual 404 page for something the reader may not
    /// see, 403 for what they may not do; null when the page should show the problems (see <see cref="PageStatus"/>).
    /// </summary>
    public static IActionResult? PageRefusal(IReadOnlyList<Problem> problems) => KindOf(problems) switch
    {
        ProblemKind.NotFound => new NotFoundResult(),
        ProblemKind.Forbidden => new StatusCodeResult(StatusCodes.Status403Forbidden),
        _ => null,
    };

    /// <summary>The status of a page shown again with its problems: 409 for a refused or concurrent change, 422 for bad input or what cannot be done.</summary>
    public static int PageStatus(IReadOnlyList<Problem> problems) =>
        KindOf(problems) == ProblemKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
}
