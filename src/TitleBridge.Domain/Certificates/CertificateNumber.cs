using System.Globalization;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Certificates;

/// <summary>
/// The number of an electronic title certificate: <c>GZZC-{year}-{sequence}-{check}</c>, e.g.
/// <c>GZZC-2026-000001-7</c> (docs/decisions/0025-certificate-number-and-code.md). GZ = Guangzhou, ZC = 职称;
/// the year is the evaluation year; the sequence counts certificates of that year from 1 (six digits, at most
/// 999 999); the check character is ISO 7064 MOD 11-2 over the ten digits, so a mistyped digit or two
/// swapped digits are answered "no such number" by a typo check before the register is asked.
/// </summary>
public readonly record struct CertificateNumber(int Year, int Sequence)
{
    public const string Prefix = "GZZC";
    public const string FormatCode = "certificate.number.format";
    public const int MaxSequence = 999_999;

    public static Result<CertificateNumber> Create(int year, int sequence) =>
        year is < 2000 or > 9999 || sequence is < 1 or > MaxSequence
            ? Result<CertificateNumber>.Failure(new Problem(FormatCode, new(
                $"A certificate number needs a year 2000–9999 and a sequence 1–{MaxSequence}.", $"证书编号须包含 2000–9999 的年份和 1–{MaxSequence} 的序号。")))
            : Result<CertificateNumber>.Success(new CertificateNumber(year, sequence));

    public char Check => CheckCharacter(Digits(Year, Sequence));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Sequence:D6}-{Check}");

    /// <summary>Reads a number as people type it: any case, surrounding spaces. Null when it is not a well-formed number.</summary>
    /// <summary>
    /// The text has the number's shape (GZZC-YYYY-NNNNNN-C) whether or not its check character fits: a reader who
    /// mistyped a digit is told the check failed, not that the format is wrong.
    /// </summary>
    public static bool HasTheShape(string? text) =>
        System.Text.RegularExpressions.Regex.IsMatch((text ?? "").Trim().ToUpperInvariant(), "^" + Prefix + "-[0-9]{4}-[0-9]{6}-[0-9X]$");

    public static CertificateNumber? TryParse(string? text)
    {
        var t = (text ?? "").Trim().ToUpperInvariant();
        // GZZC-YYYY-NNNNNN-C : 4 + 1 + 4 + 1 + 6 + 1 + 1 = 18
        if (t.Length != 18 || !t.StartsWith(Prefix + "-", StringComparison.Ordinal) || t[9] != '-' || t[16] != '-')
        {
            return null;
        }
        if (!int.TryParse(t.AsSpan(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(t.AsSpan(10, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }
        var created = Create(year, sequence);
        return created.Succeeded && created.Value.Check == t[17] ? created.Value : null;
    }

    private static string Digits(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:D4}{sequence:D6}");

    /// <summary>ISO 7064 MOD 11-2 (the check of the Chinese resident identity number): 0–9 or X.</summary>
    internal static char CheckCharacter(string digits)
    {
        var p = 0;
        foreach (var c in digits)
        {
            p = (p + (c - '0')) * 2 % 11;
        }
        var check = (12 - p) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }
}
