namespace TitleBridge.Domain.Common;

/// <summary>
/// An expected outcome: a value, or the problems that prevented it. Bugs are exceptions, not results.
/// </summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<Problem> problems)
    {
        _value = value;
        Problems = problems;
    }

    public bool Succeeded => Problems.Count == 0;
    public IReadOnlyList<Problem> Problems { get; }

    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException("The result failed; read Problems instead of Value.");

    public static Result<T> Success(T value) => new(value, []);

    public static Result<T> Failure(IReadOnlyList<Problem> problems) =>
        problems.Count == 0
            ? throw new ArgumentException("A failure needs at least one problem.", nameof(problems))
            : new Result<T>(default, problems);

    public static Result<T> Failure(Problem problem) => Failure([problem]);
}

/// <summary>
/// One thing wrong with an input: where (row and column when the input is a table, otherwise a field
/// path) and why, in both languages. <paramref name="Code"/> is stable for programs and tests.
/// </summary>
public sealed record Problem(string Code, BilingualText Message, string? Field = null, int? Row = null)
{
    /// <summary>What kind of refusal this is; the web host maps kinds to HTTP statuses and page answers in one place.</summary>
    public ProblemKind Kind { get; init; } = ProblemKind.Invalid;

    /// <summary>The thing asked for does not exist, or is not the asker's to see (its existence is not acknowledged).</summary>
    public static Problem NotFound(string code, BilingualText message) => new(code, message) { Kind = ProblemKind.NotFound };

    /// <summary>The request was understood but the thing is in the wrong state, or changed meanwhile.</summary>
    public static Problem Conflict(string code, BilingualText message, string? field = null) => new(code, message, field) { Kind = ProblemKind.Conflict };

    /// <summary>The asker may not do this (beyond what the role check at the door decides).</summary>
    public static Problem Forbidden(string code, BilingualText message) => new(code, message) { Kind = ProblemKind.Forbidden };

    /// <summary>The request is well formed but cannot be carried out with what there is (no feasible review groups, a pool too small).</summary>
    public static Problem Unprocessable(string code, BilingualText message, string? field = null) => new(code, message, field) { Kind = ProblemKind.Unprocessable };
}

/// <summary>The kinds of expected refusal. Most problems are about the input (<see cref="Invalid"/>).</summary>
public enum ProblemKind
{
    /// <summary>Something in the input is wrong; the problem names the field.</summary>
    Invalid,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>The input is valid, but what it asks cannot be done with what there is (HTTP 422).</summary>
    Unprocessable,
}
