using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Applications;

/// <summary>
/// The reference people quote for an application: <c>GZ-{evaluation year}-{6-digit sequence}</c>,
/// e.g. <c>GZ-2026-000123</c>. The evaluation year is the cycle's (policy.md §5: one cycle per
/// evaluation year); the sequence counts applications within it from 1.
/// </summary>
/// <remarks><c>default</c> is not a valid reference; obtain one from <see cref="Create"/> or <see cref="Parse(string?)"/>.</remarks>
public readonly record struct ApplicationReference : IComparable<ApplicationReference>, IParsable<ApplicationReference>
{
    public const string Prefix = "GZ";
    public const int MinYear = 2000;
    public const int MaxYear = 9999;
    public const int MaxSequence = 999_999;

    private ApplicationReference(int evaluationYear, int sequence)
    {
        EvaluationYear = evaluationYear;
        Sequence = sequence;
    }

    public int EvaluationYear { get; }
    public int Sequence { get; }

    public static Result<ApplicationReference> Create(int evaluationYear, int sequence)
    {
        var problems = new List<Problem>();
        if (evaluationYear is < MinYear or > MaxYear)
        {
            problems.Add(new Problem(
                "reference.year-out-of-range",
                new BilingualText(
                    $"The evaluation year {evaluationYear} is not between {MinYear} and {MaxYear}.",
                    $"评审年度 {evaluationYear} 不在 {MinYear} 至 {MaxYear} 之间。"),
                Field: nameof(EvaluationYear)));
        }
        if (sequence is < 1 or > MaxSequence)
        {
            problems.Add(new Problem(
                "reference.sequence-out-of-range",
                new BilingualText(
                    $"The sequence number {sequence} is not between 1 and {MaxSequence}.",
                    $"序号 {sequence} 不在 1 至 {MaxSequence} 之间。"),
                Field: nameof(Sequence)));
        }
        return problems.Count == 0
            ? Result<ApplicationReference>.Success(new ApplicationReference(evaluationYear, sequence))
            : Result<ApplicationReference>.Failure(problems);
    }

    /// <summary>
    /// Reads a reference as people type it: surrounding spaces and a lower-case "gz" are forgiven;
    /// anything else must be exact (four-digit year, six-digit sequence, ASCII digits, hyphens).
    /// </summary>
    public static Result<ApplicationReference> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<ApplicationReference>.Failure(new Problem(
                "reference.empty",
                new BilingualText("Enter an application reference, like GZ-2026-000123.", "请输入申请编号，例如 GZ-2026-000123。")));
        }

        var s = text.AsSpan().Trim();
        // "GZ-" + 4 + "-" + 6 = 14 characters.
        if (s.Length != 14
            || !s[..2].Equals(Prefix, StringComparison.OrdinalIgnoreCase)
            || s[2] != '-' || s[7] != '-'
            || !AllAsciiDigits(s[3..7]) || !AllAsciiDigits(s[8..]))
        {
            return Result<ApplicationReference>.Failure(new Problem(
                "reference.format",
                new BilingualText(
                    $"“{text.Trim()}” is not an application reference. It looks like GZ-2026-000123: GZ, the evaluation year and a six-digit number.",
                    $"“{text.Trim()}”不是有效的申请编号。格式如 GZ-2026-000123：GZ、评审年度和六位序号。")));
        }

        return Create(
            int.Parse(s[3..7], NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(s[8..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out ApplicationReference reference)
    {
        var result = Parse(text);
        reference = result.Succeeded ? result.Value : default;
        return result.Succeeded;
    }

    // IParsable lets ASP.NET Core bind a reference from a route or query string directly.
    static ApplicationReference IParsable<ApplicationReference>.Parse(string s, IFormatProvider? provider)
    {
        var result = Parse(s);
        return result.Succeeded ? result.Value : throw new FormatException(result.Problems[0].Message.En);
    }

    static bool IParsable<ApplicationReference>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ApplicationReference result) =>
        TryParse(s, out result);

    public int CompareTo(ApplicationReference other)
    {
        var byYear = EvaluationYear.CompareTo(other.EvaluationYear);
        return byYear != 0 ? byYear : Sequence.CompareTo(other.Sequence);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{EvaluationYear:D4}-{Sequence:D6}");

    private static bool AllAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
