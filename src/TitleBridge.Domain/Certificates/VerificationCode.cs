using System.Security.Cryptography;

namespace TitleBridge.Domain.Certificates;

/// <summary>
/// The verification code printed on a certificate beside its number: 10 characters of Crockford's base-32
/// alphabet (no I, L, O, U), shown as two groups <c>XXXXX-XXXXX</c>, drawn from the operating system's
/// cryptographic random source — 50 bits, so that knowing a number (which is sequential) does not let
/// anyone read the register entry (docs/decisions/0025-certificate-number-and-code.md).
/// </summary>
public static class VerificationCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return Display(new string(chars));
    }

    /// <summary>Groups a normalised code for reading aloud and printing.</summary>
    public static string Display(string normalised) =>
        normalised.Length == Length ? $"{normalised[..5]}-{normalised[5..]}" : normalised;

    /// <summary>
    /// The code as typed, in its canonical form: case and hyphens or spaces ignored, and the letters people
    /// confuse with digits read as those digits (O → 0, I and L → 1), as Crockford's scheme intends. Null
    /// when what remains is not a code.
    /// </summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }
        Span<char> chars = stackalloc char[Length];
        var n = 0;
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (n == Length || !Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            chars[n++] = c;
        }
        return n == Length ? Display(new string(chars)) : null;
    }

    /// <summary>Compares in constant time, so the time an answer takes says nothing about how much of a guess was right.</summary>
    public static bool Matches(string stored, string? typed) =>
        Normalise(typed) is { } given
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(given));
}
