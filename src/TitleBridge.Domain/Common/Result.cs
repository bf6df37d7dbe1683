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
public sealed record Problem(string Code, BilingualText Message, string? Field = null, int? Row = null);
