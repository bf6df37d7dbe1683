using System.Globalization;
using System.Text;

namespace TitleBridge.Domain.Catalogue.Search;

/// <summary>What a character is for search after folding.</summary>
internal enum CharClass : byte
{
    /// <summary>Whitespace and punctuation that separates words: spaces, brackets, commas, colons.</summary>
    Space,

    /// <summary>Punctuation that links parts of one code: hyphens and dashes, _ / . + &amp; ' (AZ-305, P.Eng., GD&amp;T).</summary>
    Joiner,

    /// <summary>Letters and digits of alphabetic scripts, lower-cased without diacritics.</summary>
    Word,

    /// <summary>Chinese characters, kana and hangul: written without spaces, so indexed as unigrams and bigrams.</summary>
    Cjk,
}

/// <summary>A token of normalised text: a run of word characters or a run of CJK characters.</summary>
internal readonly record struct TextToken(int Start, int Length, bool IsCjk, bool JoinedToPrevious);

/// <summary>
/// The one normalisation used for both the index and the query, so that they always agree:
/// NFKC (full-width letters and digits become ASCII), lower case, diacritics removed from Latin letters
/// (TÜV = tuv), Traditional and Japanese forms folded to Simplified, dashes and other punctuation as
/// separators. A per-character table keeps the per-keystroke path free of allocations for ASCII input.
/// </summary>
internal static class SearchText
{
    public const int MaxQueryChars = 256;
    public const int MaxTokens = 32;

    private static readonly char[] FoldTable = new char[char.MaxValue + 1];
    private static readonly CharClass[] ClassTable = new CharClass[char.MaxValue + 1];

    static SearchText()
    {
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            (ClassTable[i], FoldTable[i]) = Classify(c);
        }
    }

    private static (CharClass, char) Classify(char c)
    {
        if (IsCjk(c))
        {
            return (CharClass.Cjk, ChineseScriptFold.Fold(c));
        }
        if (char.IsSurrogate(c) || char.IsWhiteSpace(c))
        {
            return (CharClass.Space, ' ');
        }
        if (char.IsLetterOrDigit(c))
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is >= '\u00C0' and <= '\u024F')
            {
                // Why: people type "tuv" for TÜV and "mecanico" for Mecânico.
                var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
                if (decomposed.Length > 0 && decomposed[0] < '\u0080' && char.IsLetter(decomposed[0]))
                {
                    lower = decomposed[0];
                }
            }
            return (CharClass.Word, lower);
        }
        var category = char.GetUnicodeCategory(c);
        var isJoiner = category == UnicodeCategory.DashPunctuation
            || c is '_' or '/' or '.' or '+' or '&' or '\'' or '\u2019' or '\u00B7' or '\u30FB';
        return (isJoiner ? CharClass.Joiner : CharClass.Space, isJoiner ? '-' : ' ');
    }

    public static bool IsCjk(char c) =>
        c is (>= '\u3400' and <= '\u4DBF')
            or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uF900' and <= '\uFAFF')
            or (>= '\u3041' and <= '\u30FA')
            or (>= '\u30FC' and <= '\u30FF')
            or (>= '\u31F0' and <= '\u31FF')
            or (>= '\uAC00' and <= '\uD7AF');

    /// <summary>
    /// Normalises <paramref name="text"/> into <paramref name="buffer"/> and splits it into tokens.
    /// Returns the number of tokens written; the text is cut at the buffer's length.
    /// </summary>
    public static int Tokenise(string text, Span<char> buffer, Span<TextToken> tokens, out int length)
    {
        var source = ToNfkc(text);
        var n = Math.Min(source.Length, buffer.Length);
        var count = 0;
        var tokenStart = -1;
        var tokenIsCjk = false;
        var joined = false;
        var gapOnlyJoiners = false;
        var sawGap = false;
        for (var i = 0; i < n; i++)
        {
            var c = source[i];
            var cls = ClassTable[c];
            buffer[i] = FoldTable[c];
            var isTokenChar = cls is CharClass.Word or CharClass.Cjk;
            if (tokenStart >= 0 && (!isTokenChar || (cls == CharClass.Cjk) != tokenIsCjk))
            {
                if (count < tokens.Length)
                {
                    tokens[count++] = new TextToken(tokenStart, i - tokenStart, tokenIsCjk, joined);
                }
                tokenStart = -1;
                sawGap = false;
                gapOnlyJoiners = true;
            }
            if (isTokenChar)
            {
                if (tokenStart < 0)
                {
                    // Joined when the previous token ended in joiners only (AZ-305), not at a script change.
                    joined = count > 0 && sawGap && gapOnlyJoiners && !tokenIsCjk && cls == CharClass.Word;
                    tokenStart = i;
                    tokenIsCjk = cls == CharClass.Cjk;
                }
            }
            else
            {
                sawGap = true;
                if (cls == CharClass.Space)
                {
                    gapOnlyJoiners = false;
                }
            }
        }
        if (tokenStart >= 0 && count < tokens.Length)
        {
            tokens[count++] = new TextToken(tokenStart, n - tokenStart, tokenIsCjk, joined);
        }
        length = n;
        return count;
    }

    private static string ToNfkc(string text)
    {
        // Why the check first: IsNormalized does not allocate, and almost every query is already NFKC.
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate (half an emoji cut by a keystroke) cannot be normalised; its characters
            // become separators below, so the rest of the query still searches.
            return text;
        }
    }

    /// <summary>The tokens of a field at index time, as strings (allocations do not matter there).</summary>
    public static (string Normalised, TextToken[] Tokens) TokeniseField(string text)
    {
        // NFKC can lengthen text (ligatures, squared units), so size the buffer after normalising.
        var normalisedSource = ToNfkc(text);
        var buffer = new char[normalisedSource.Length];
        var tokens = new TextToken[Math.Max(normalisedSource.Length, 1)];
        var count = Tokenise(normalisedSource, buffer, tokens, out var length);
        return (new string(buffer, 0, length), tokens[..count]);
    }

    /// <summary>All token characters with separators removed: "AZ 305", "az-305" and "AZ305" agree.</summary>
    public static string Compact(string text)
    {
        var (normalised, tokens) = TokeniseField(text);
        var builder = new StringBuilder(normalised.Length);
        foreach (var token in tokens)
        {
            builder.Append(normalised, token.Start, token.Length);
        }
        return builder.ToString();
    }
}
