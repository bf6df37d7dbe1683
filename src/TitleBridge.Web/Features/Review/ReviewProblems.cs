using Microsoft.AspNetCore.Http.HttpResults;
using TitleBridge.Domain.Common;
using TitleBridge.Web.Infrastructure;
using TitleBridge.Web.Infrastructure.Problems;

namespace TitleBridge.Web.Features.Review;

/// <summary>The expected outcomes of expert review; their kinds become HTTP statuses in <see cref="ProblemAnswers"/> like every other.</summary>
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

    /// <summary>The problem document for the problems, through the one mapping of kinds (<see cref="ProblemAnswers"/>).</summary>
    public static IResult Http(IReadOnlyList<Problem> problems) => ProblemAnswers.Answer(problems);

    public static IResult Http<T>(Result<T> result, Func<T, IResult> ok) => result.Succeeded ? ok(result.Value) : Http(result.Problems);
}
