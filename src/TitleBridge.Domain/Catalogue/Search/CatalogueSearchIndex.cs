using System.Buffers;
using System.Numerics;

namespace TitleBridge.Domain.Catalogue.Search;

/// <summary>
/// The one search box over a catalogue edition: English and Chinese names, abbreviations, aliases,
/// exam codes, notes in both languages, issuers and countries or regions, forgiving of typos, word order, spacing, case,
/// full-width characters, dashes and Traditional/Japanese character forms.
/// Immutable once built, so one instance serves every request concurrently; each query works in
/// pooled buffers because it runs on every keystroke.
/// </summary>
public sealed class CatalogueSearchIndex
{
    // Ranking tiers (documented here once; tests pin the order, not the numbers).
    // A whole-query match of a code, abbreviation or alias beats a whole-name match, which beats an
    // exam code named in the notes, which beats any word-by-word match.
    private const float ExactKeyBonus = 1000f;
    private const float ExactNameBonus = 800f;
    private const float NotesCodeBonus = 600f;

    // Word-by-word: matching every word of the query beats matching some of them.
    private const float AllTokensBonus = 300f;
    private const float CoverageWeight = 100f;
    private const float QualityWeight = 100f;

    // How good one word match is: exact, then completion of a word being typed, then typos.
    private const float ExactQuality = 1f;
    private const float PrefixQuality = 0.8f;
    private const float OneEditQuality = 0.6f;
    private const float TwoEditQuality = 0.45f;
    private const float PartialCjkPenalty = 0.7f;

    // How much a field counts: what a qualification is called outranks who issues it and the notes.
    private const float NameWeight = 1f;
    private const float AliasWeight = 0.9f;
    private const float IssuerWeight = 0.7f;
    private const float CountryWeight = 0.5f;
    private const float CodeWeight = 0.5f;
    private const float NotesWeight = 0.4f;

    private readonly CatalogueEntry[] _entries;
    private readonly Posting[][] _postings;

    // Chinese bigrams also keep the field they come from: a phrase has to be found in one field.
    private const int MaxFieldsPerEntry = 32;
    private readonly FieldPosting[][] _fieldPostings;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _terms;
    private readonly Dictionary<string, Posting[]>.AlternateLookup<ReadOnlySpan<char>> _keys;

    // Word terms sorted ordinally (for prefix ranges) with their term ids and letter masks (for typos).
    private readonly string[] _words;
    private readonly int[] _wordIds;
    private readonly ulong[] _wordMasks;

    public CatalogueSearchIndex(IEnumerable<CatalogueEntry> entries, ReferenceData? referenceData = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // Sorted by code so that equal scores fall back to code order, stably.
        _entries = [.. entries.OrderBy(e => e.Code, StringComparer.Ordinal)];

        var terms = new Dictionary<string, Dictionary<int, float>>(StringComparer.Ordinal);
        var bigramFields = new Dictionary<string, Dictionary<int, float>>(StringComparer.Ordinal);
        var keys = new Dictionary<string, Dictionary<int, float>>(StringComparer.Ordinal);
        for (var e = 0; e < _entries.Length; e++)
        {
            IndexEntry(e, _entries[e], referenceData, new FieldSink(e, terms, bigramFields), keys);
        }

        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        _postings = new Posting[terms.Count][];
        foreach (var (term, postings) in terms)
        {
            var id = termIds.Count;
            termIds.Add(term, id);
            _postings[id] = ToPostings(postings);
        }
        _fieldPostings = new FieldPosting[terms.Count][];
        foreach (var (term, id) in termIds)
        {
            _fieldPostings[id] = bigramFields.TryGetValue(term, out var slots)
                ? [.. slots.OrderBy(p => p.Key).Select(p => new FieldPosting(p.Key / MaxFieldsPerEntry, p.Key, p.Value))]
                : [];
        }
        _terms = termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _keys = keys.ToDictionary(k => k.Key, k => ToPostings(k.Value), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

        _words = [.. termIds.Keys.Where(t => !IsCjkTerm(t)).Order(StringComparer.Ordinal)];
        _wordIds = [.. _words.Select(w => termIds[w])];
        _wordMasks = [.. _words.Select(w => LetterMask(w))];
    }

    public int Count => _entries.Length;

    /// <summary>
    /// The entries matching <paramref name="query"/>, best first, at most <paramref name="limit"/>.
    /// An empty or blank query finds nothing. Equal scores are ordered by code.
    /// </summary>
    public IReadOnlyList<CatalogueSearchHit> Search(string? query, int limit)
    {
        if (limit <= 0 || string.IsNullOrWhiteSpace(query) || _entries.Length == 0)
        {
            return [];
        }

        Span<char> text = stackalloc char[SearchText.MaxQueryChars];
        Span<TextToken> tokens = stackalloc TextToken[SearchText.MaxTokens];
        var n = SearchText.Tokenise(query, text, tokens, out var length);
        if (n == 0)
        {
            return [];
        }

        var entryCount = _entries.Length;
        var pool = ArrayPool<float>.Shared;
        var matches = pool.Rent(entryCount * n);
        var bonus = pool.Rent(entryCount);
        var scratch = pool.Rent(entryCount * MaxFieldsPerEntry);
        try
        {
            Array.Clear(matches, 0, entryCount * n);
            Array.Clear(bonus, 0, entryCount);
            Array.Clear(scratch, 0, entryCount * MaxFieldsPerEntry);

            ScoreWholeQuery(text, tokens[..n], length, bonus);
            for (var i = 0; i < n; i++)
            {
                var token = tokens[i];
                var span = text.Slice(token.Start, token.Length);
                if (token.IsCjk)
                {
                    ScoreCjk(span, matches, i, n, scratch);
                }
                else
                {
                    ScoreWord(span, matches, i, n);
                }
            }
            return Rank(matches, bonus, n, Math.Min(limit, entryCount));
        }
        finally
        {
            pool.Return(matches);
            pool.Return(bonus);
            pool.Return(scratch);
        }
    }

    private void ScoreWholeQuery(ReadOnlySpan<char> text, ReadOnlySpan<TextToken> tokens, int length, float[] bonus)
    {
        Span<char> compact = stackalloc char[length];
        var written = 0;
        foreach (var token in tokens)
        {
            text.Slice(token.Start, token.Length).CopyTo(compact[written..]);
            written += token.Length;
        }
        if (_keys.TryGetValue(compact[..written], out var postings))
        {
            foreach (var posting in postings)
            {
                bonus[posting.Entry] = posting.Weight;
            }
        }
    }

    private void ScoreWord(ReadOnlySpan<char> word, float[] matches, int token, int tokenCount)
    {
        var exact = _terms.TryGetValue(word, out var id);
        if (exact)
        {
            Apply(id, ExactQuality, matches, token, tokenCount);
        }

        // Completion of a word still being typed ("archit" → architect); one letter is too little.
        if (word.Length >= 2)
        {
            for (var k = LowerBound(word); k < _words.Length && _words[k].AsSpan().StartsWith(word, StringComparison.Ordinal); k++)
            {
                if (_words[k].Length > word.Length)
                {
                    Apply(_wordIds[k], PrefixQuality, matches, token, tokenCount);
                }
            }
        }

        // Typos only when the word is not itself in the index: a real word was meant as typed.
        var allowed = DamerauLevenshtein.AllowedEdits(word);
        if (exact || allowed == 0)
        {
            return;
        }
        var mask = LetterMask(word);
        for (var k = 0; k < _words.Length; k++)
        {
            var candidate = _words[k];
            // One edit changes at most two letters of the letter set, a swap none: a cheap filter.
            if (Math.Abs(candidate.Length - word.Length) > allowed
                || BitOperations.PopCount(mask ^ _wordMasks[k]) > 2 * allowed)
            {
                continue;
            }
            var distance = DamerauLevenshtein.Distance(word, candidate, allowed);
            if (distance <= allowed)
            {
                Apply(_wordIds[k], distance == 1 ? OneEditQuality : TwoEditQuality, matches, token, tokenCount);
            }
        }
    }

    private void ScoreCjk(ReadOnlySpan<char> run, float[] matches, int token, int tokenCount, float[] scratch)
    {
        if (run.Length == 1)
        {
            if (_terms.TryGetValue(run, out var unigram))
            {
                Apply(unigram, ExactQuality, matches, token, tokenCount);
            }
            return;
        }

        // A Chinese run matches through its bigrams, counted within one field at a time, so a phrase
        // must come from one name or alias (香港注册建筑师), not from scattered characters of several;
        // all bigrams present is a full match, at least half a partial one (a wrong or extra character).
        var bigrams = run.Length - 1;
        var counts = scratch;
        for (var b = 0; b < bigrams; b++)
        {
            if (_terms.TryGetValue(run.Slice(b, 2), out var id))
            {
                foreach (var posting in _fieldPostings[id])
                {
                    counts[posting.Slot]++;
                }
            }
        }
        // Second pass: score each touched field once and reset its counter, leaving the scratch clean.
        for (var b = 0; b < bigrams; b++)
        {
            if (!_terms.TryGetValue(run.Slice(b, 2), out var id))
            {
                continue;
            }
            foreach (var posting in _fieldPostings[id])
            {
                var found = counts[posting.Slot];
                if (found == 0f)
                {
                    continue;
                }
                counts[posting.Slot] = 0f;
                if (found * 2 < bigrams)
                {
                    continue;
                }
                var quality = posting.Weight * (found >= bigrams ? 1f : PartialCjkPenalty * found / bigrams);
                ref var slot = ref matches[(posting.Entry * tokenCount) + token];
                slot = Math.Max(slot, quality);
            }
        }
    }

    private void Apply(int termId, float quality, float[] matches, int token, int tokenCount)
    {
        foreach (var posting in _postings[termId])
        {
            ref var slot = ref matches[(posting.Entry * tokenCount) + token];
            slot = Math.Max(slot, quality * posting.Weight);
        }
    }

    private CatalogueSearchHit[] Rank(float[] matches, float[] bonus, int tokenCount, int limit)
    {
        var intPool = ArrayPool<int>.Shared;
        var floatPool = ArrayPool<float>.Shared;
        var top = intPool.Rent(limit);
        var topScores = floatPool.Rent(limit);
        try
        {
            var found = 0;
            for (var e = 0; e < _entries.Length; e++)
            {
                var matched = 0;
                var quality = 0f;
                var row = e * tokenCount;
                for (var i = 0; i < tokenCount; i++)
                {
                    var value = matches[row + i];
                    if (value > 0f)
                    {
                        matched++;
                        quality += value;
                    }
                }
                if (matched == 0 && bonus[e] == 0f)
                {
                    continue;
                }
                var score = bonus[e]
                    + (matched == tokenCount ? AllTokensBonus : 0f)
                    + (CoverageWeight * matched / tokenCount)
                    + (QualityWeight * quality / tokenCount);

                // Insertion into a short sorted list; entries arrive in code order, and a later entry
                // only passes an earlier one on a strictly higher score, which keeps ties in code order.
                if (found == limit && score <= topScores[found - 1])
                {
                    continue;
                }
                var position = found == limit ? limit - 1 : found++;
                while (position > 0 && topScores[position - 1] < score)
                {
                    top[position] = top[position - 1];
                    topScores[position] = topScores[position - 1];
                    position--;
                }
                top[position] = e;
                topScores[position] = score;
            }

            var hits = new CatalogueSearchHit[found];
            for (var h = 0; h < found; h++)
            {
                hits[h] = new CatalogueSearchHit(_entries[top[h]], topScores[h]);
            }
            return hits;
        }
        finally
        {
            intPool.Return(top);
            floatPool.Return(topScores);
        }
    }

    private int LowerBound(ReadOnlySpan<char> prefix)
    {
        int low = 0, high = _words.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_words[middle].AsSpan().SequenceCompareTo(prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static ulong LetterMask(ReadOnlySpan<char> word)
    {
        var mask = 0UL;
        foreach (var c in word)
        {
            mask |= 1UL << (c % 64);
        }
        return mask;
    }

    private static bool IsCjkTerm(string term) => term.Length > 0 && SearchText.IsCjk(term[0]);

    private static void IndexEntry(
        int e,
        CatalogueEntry entry,
        ReferenceData? referenceData,
        FieldSink terms,
        Dictionary<string, Dictionary<int, float>> keys)
    {
        AddField(entry.NameEn, NameWeight, terms);
        AddField(entry.NameZh, NameWeight, terms);
        AddField(entry.Abbreviation, NameWeight, terms);
        AddField(entry.Code, CodeWeight, terms);
        AddField(entry.IssuerEn, IssuerWeight, terms);
        AddField(entry.IssuerZh, IssuerWeight, terms);
        AddField(entry.Notes.En, NotesWeight, terms);
        AddField(entry.Notes.Zh, NotesWeight, terms);
        foreach (var alias in entry.Aliases)
        {
            AddField(alias, AliasWeight, terms);
        }
        var country = referenceData?.FindCountryRegion(entry.CountryRegion);
        if (country is not null)
        {
            AddField(country.Name.En, CountryWeight, terms);
            AddField(country.Name.Zh, CountryWeight, terms);
        }

        AddKey(e, entry.Code, ExactKeyBonus, keys);
        AddKey(e, entry.Abbreviation, ExactKeyBonus, keys);
        foreach (var alias in entry.Aliases)
        {
            AddKey(e, alias, ExactKeyBonus, keys);
        }
        AddKey(e, entry.NameEn, ExactNameBonus, keys);
        AddKey(e, entry.NameZh, ExactNameBonus, keys);
        foreach (var examCode in CodesIn(entry.Notes.En).Concat(CodesIn(entry.Notes.Zh)))
        {
            Add(keys, examCode, e, NotesCodeBonus);
        }
    }

    private static void AddField(string text, float weight, FieldSink sink)
    {
        var field = sink.NextField();
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        var e = sink.Entry;
        var terms = sink.Terms;
        var (normalised, tokens) = SearchText.TokeniseField(text);
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.IsCjk)
            {
                for (var c = 0; c < token.Length; c++)
                {
                    Add(terms, normalised.Substring(token.Start + c, 1), e, weight);
                    if (c + 1 < token.Length)
                    {
                        var bigram = normalised.Substring(token.Start + c, 2);
                        Add(terms, bigram, e, weight);
                        Add(sink.BigramFields, bigram, (e * MaxFieldsPerEntry) + field, weight);
                    }
                }
                continue;
            }
            Add(terms, normalised.Substring(token.Start, token.Length), e, weight);

            // Parts joined by dashes or dots are also one word: AZ-305 → az305, P.Eng. → peng.
            if (!token.JoinedToPrevious && t + 1 < tokens.Length && tokens[t + 1].JoinedToPrevious)
            {
                var joined = normalised.Substring(token.Start, token.Length);
                for (var next = t + 1; next < tokens.Length && tokens[next].JoinedToPrevious; next++)
                {
                    joined += normalised.Substring(tokens[next].Start, tokens[next].Length);
                    Add(terms, joined, e, weight);
                }
            }
        }
    }

    private static void AddKey(int e, string text, float bonus, Dictionary<string, Dictionary<int, float>> keys)
    {
        var compact = SearchText.Compact(text);
        if (compact.Length > 0)
        {
            Add(keys, compact, e, bonus);
        }
    }

    /// <summary>Exam codes in the notes ("exam SAA-C03", "350-401 ENCOR"): joined parts with a digit.</summary>
    private static IEnumerable<string> CodesIn(string notes)
    {
        if (string.IsNullOrWhiteSpace(notes))
        {
            yield break;
        }
        var (normalised, tokens) = SearchText.TokeniseField(notes);
        for (var t = 0; t < tokens.Length; t++)
        {
            if (tokens[t].IsCjk || tokens[t].JoinedToPrevious || t + 1 >= tokens.Length || !tokens[t + 1].JoinedToPrevious)
            {
                continue;
            }
            var joined = normalised.Substring(tokens[t].Start, tokens[t].Length);
            var next = t + 1;
            for (; next < tokens.Length && tokens[next].JoinedToPrevious; next++)
            {
                joined += normalised.Substring(tokens[next].Start, tokens[next].Length);
            }
            if (joined.Any(char.IsAsciiDigit))
            {
                yield return joined;
            }
        }
    }

    private static void Add(Dictionary<string, Dictionary<int, float>> map, string term, int e, float weight)
    {
        if (!map.TryGetValue(term, out var postings))
        {
            map[term] = postings = [];
        }
        postings[e] = Math.Max(postings.GetValueOrDefault(e), weight);
    }

    private static Posting[] ToPostings(Dictionary<int, float> postings) =>
        [.. postings.OrderBy(p => p.Key).Select(p => new Posting(p.Key, p.Value))];

    private readonly record struct Posting(int Entry, float Weight);

    /// <summary>A bigram in one field of one entry; <c>Slot</c> = entry × MaxFieldsPerEntry + field.</summary>
    private readonly record struct FieldPosting(int Entry, int Slot, float Weight);

    /// <summary>Collects one entry's terms at build time and numbers its fields.</summary>
    private sealed class FieldSink(
        int entry,
        Dictionary<string, Dictionary<int, float>> terms,
        Dictionary<string, Dictionary<int, float>> bigramFields)
    {
        private int _fields;

        public int Entry => entry;
        public Dictionary<string, Dictionary<int, float>> Terms => terms;
        public Dictionary<string, Dictionary<int, float>> BigramFields => bigramFields;

        // Fields beyond the limit share the last slot: harmless, it only merges their bigram counts.
        public int NextField() => Math.Min(_fields++, MaxFieldsPerEntry - 1);
    }
}
