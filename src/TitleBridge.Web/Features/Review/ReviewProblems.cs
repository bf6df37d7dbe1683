using Microsoft.AspNetCore.Http.HttpResults;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Review;

/// <summary>The expected outcomes of expert review and how they become HTTP statuses (404, 409, 422 or 400).</summary>
public static class ReviewProblems
{
    public const string NotFoundCode = "review.not-found";
    public const string AlreadyVotedCode = "review.already-voted";
    public const string BallotNotOpenCode = "review.ballot-not-open";
    public const string StateCode = "review.state";
    public const string InfeasibleCode = "review.assignment-infeasible";

    /// <summary>Like a file that does not exist: also what a conflicted expert gets (policy.md §5.4: a recused expert does not see the file).</summary>
    public static Problem NotFound() => Problem.NotFound(NotFoundCode, new("There is no such item among those you may see.", "您可查看的内容中没有该项。"));

    public static Problem State(string en, string zh) => new(StateCode, new(en, zh)) { Kind = ProblemKind.Conflict };

    public static Problem Required(string field, string en, string zh) => new("required", new(en, zh), field);

    public static int StatusFor(IReadOnlyList<Problem> problems) =>
        problems.Any(p => p.Code == NotFoundCode || p.Kind == ProblemKind.NotFound) ? StatusCodes.Status404NotFound
        : problems.Any(p => p.Kind == ProblemKind.Conflict) || problems.Any(p => p.Code is AlreadyVotedCode or BallotNotOpenCode or StateCode
            or Applications.ApplicationTransitions.ChangedCode
            or Domain.Applications.ApplicationWorkflow.NotAllowedCode or Domain.Applications.ApplicationWorkflow.GuardFailedCode
            or Domain.Applications.ApplicationWorkflow.RoleNotAllowedCode) ? StatusCodes.Status409Conflict
        : problems.Any(p => p.Code.StartsWith("assignment.", StringComparison.Ordinal) || p.Code.StartsWith("committee.", StringComparison.Ordinal)) ? StatusCodes.Status422UnprocessableEntity
        : StatusCodes.Status400BadRequest;

    /// <summary>Problem details carrying every problem's code and message (in the reader's language), so an infeasible assignment explains itself.</summary>
    public static IResult Http(IReadOnlyList<Problem> problems)
    {
        var status = StatusFor(problems);
        if (status == StatusCodes.Status400BadRequest)
        {
            return ProblemAnswers.Invalid(problems);
        }
        return TypedResults.Problem(statusCode: status, title: problems[0].Message.Pick(),
            extensions: new Dictionary<string, object?>
            {
                ["code"] = problems[0].Code,
                ["problems"] = problems.Select(p => new { code = p.Code, field = p.Field, message = p.Message.Pick() }).ToList(),
            });
    }

    public static IResult Http<T>(Result<T> result, Func<T, IResult> ok) => result.Succeeded ? ok(result.Value) : Http(result.Problems);
}
