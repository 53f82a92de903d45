using System.Globalization;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Reads an ARPA file into an <see cref="NgramLanguageModel"/> in one pass: the <c>\data\</c> counts, then each
/// <c>\N-grams:</c> section in order. Probabilities and backoffs become natural logs; errors name <c>path:line</c>.
/// </summary>
internal sealed class ArpaReader
{
    private const float Ln10 = 2.302585093f;
    private readonly string _path;
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordsBySpan;
    private NgramIndex _grams = new();
    private readonly List<float> _logProb = [0f];
    private readonly List<float> _backoff = [0f];
    private readonly List<int> _suffix = [NgramLanguageModel.RootState];
    private int _lineNumber;
    private int _unigrams;

    public ArpaReader(string path)
    {
        _path = path;
        _wordsBySpan = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public NgramLanguageModel Read(TokenTable tokens)
    {
        var declared = new List<int>();
        var order = 0;
        var section = 0;
        var inData = false;
        foreach (var raw in File.ReadLines(_path))
        {
            _lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line == "\\data\\")
            {
                inData = true;
            }
            else if (line == "\\end\\")
            {
                break;
            }
            else if (line.StartsWith('\\'))
            {
                section = SectionOrder(line);
                if (section != order + 1 || section > declared.Count)
                {
                    throw Error($"section '{line}' out of place: expected \\{order + 1}-grams: (the \\data\\ header declares {declared.Count} orders).");
                }

                if (section == 1)
                {
                    // Room for the declared grams at once rather than by doubling; a gram line takes at least 4 bytes,
                    // so a header declaring more than the file can hold is not believed.
                    var grams = (int)Math.Min(declared.Sum(c => (long)c), new FileInfo(_path).Length / 4) + 1;
                    _grams = new NgramIndex(grams);
                    _logProb.Capacity = _backoff.Capacity = _suffix.Capacity = grams;
                }

                order = section;
                inData = false;
            }
            else if (inData)
            {
                declared.Add(DeclaredCount(line, declared.Count + 1));
            }
            else if (section > 0)
            {
                AddGram(line, section);
            }
        }

        if (order == 0 || order != declared.Count)
        {
            throw Error($"expected \\data\\ and {Math.Max(declared.Count, 1)} n-gram sections; the file ends after {order}.");
        }

        return Bind(tokens, order);
    }

    private void AddGram(string line, int n)
    {
        // Fields as ranges of the line (split at any white space, as no separators means): a file has hundreds of
        // thousands of grams, and only a new word needs a string.
        Span<Range> fields = stackalloc Range[n + 3];
        var text = line.AsSpan();
        var count = text.SplitAny(fields, ReadOnlySpan<char>.Empty, StringSplitOptions.RemoveEmptyEntries);
        if (count != n + 1 && count != n + 2)
        {
            throw Error($"a {n}-gram line needs a log10 probability, {n} word(s) and an optional backoff; got '{line}'.");
        }

        var logProb = Number(text[fields[0]], line);
        var backoff = count == n + 2 ? Number(text[fields[n + 1]], line) : 0f;
        var context = NgramLanguageModel.RootState;
        for (var i = 1; i < n; i++)
        {
            if (!_wordsBySpan.TryGetValue(text[fields[i]], out var word) || !_grams.TryGet(context, word, out context))
            {
                throw Error($"the {n}-gram '{Words(text, fields, 1, n + 1)}' has no {i}-gram prefix '{Words(text, fields, 1, i + 1)}' listed before it.");
            }
        }

        var last = _wordsBySpan.TryGetValue(text[fields[n]], out var known) ? known : NewWord(text[fields[n]].ToString());
        var id = _logProb.Count;
        if (!_grams.TryAdd(context, last, id))
        {
            throw Error($"the {n}-gram '{Words(text, fields, 1, n + 1)}' is listed twice.");
        }

        _logProb.Add(logProb * Ln10);
        _backoff.Add(backoff * Ln10);
        _suffix.Add(n == 1 ? NgramLanguageModel.RootState : LongestStoredSuffix(context, last));
        if (n == 1)
        {
            _unigrams++;
        }
    }

    private static string Words(ReadOnlySpan<char> text, ReadOnlySpan<Range> fields, int from, int to)
    {
        var words = new string[to - from];
        for (var i = from; i < to; i++)
        {
            words[i - from] = text[fields[i]].ToString();
        }

        return string.Join(' ', words);
    }

    /// <summary>The n-gram id of (context without its first word) + word, or of a shorter suffix when a pruned
    /// file lacks it.</summary>
    private int LongestStoredSuffix(int context, int word)
    {
        var state = _suffix[context];
        while (true)
        {
            if (_grams.TryGet(state, word, out var gram))
            {
                return gram;
            }

            if (state == NgramLanguageModel.RootState)
            {
                return NgramLanguageModel.RootState;
            }

            state = _suffix[state];
        }
    }

    private NgramLanguageModel Bind(TokenTable tokens, int order)
    {
        var wordOfToken = new int[tokens.Count];
        for (var id = 0; id < tokens.Count; id++)
        {
            wordOfToken[id] = tokens.IsSpecial(id) ? NgramLanguageModel.SpecialToken
                : _words.TryGetValue(tokens[id], out var word) && _grams.Contains(NgramLanguageModel.RootState, word) ? word : NgramLanguageModel.UnknownToken;
        }

        var start = _words.TryGetValue("<s>", out var bos) && _grams.TryGet(NgramLanguageModel.RootState, bos, out var startGram) ? startGram : NgramLanguageModel.RootState;
        var end = _words.TryGetValue("</s>", out var eos) && _grams.Contains(NgramLanguageModel.RootState, eos) ? eos : -1;
        var unknown = _words.TryGetValue("<unk>", out var unk) && _grams.TryGet(NgramLanguageModel.RootState, unk, out var unkGram)
            ? _logProb[unkGram]
            : UnigramFloor();
        return new NgramLanguageModel(_path, order, _grams, [.. _logProb], [.. _backoff], [.. _suffix], wordOfToken, start, end, unknown);
    }

    /// <summary>The least likely unigram's log-probability (the -99 placeholders aside); unigrams are the first ids.</summary>
    private float UnigramFloor()
    {
        var floor = 0f;
        for (var gram = 1; gram <= _unigrams; gram++)
        {
            if (_logProb[gram] > -99 * Ln10)
            {
                floor = Math.Min(floor, _logProb[gram]);
            }
        }

        return floor;
    }

    private int NewWord(string word)
    {
        var id = _words.Count;
        _words.Add(word, id);
        return id;
    }

    private int SectionOrder(string line)
    {
        var suffix = "-grams:";
        return line.EndsWith(suffix, StringComparison.Ordinal)
               && int.TryParse(line.AsSpan(1, line.Length - 1 - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw Error($"expected a section header like \\1-grams:, got '{line}'.");
    }

    private int DeclaredCount(string line, int expectedOrder)
    {
        var prefix = $"ngram {expectedOrder}=";
        return line.StartsWith(prefix, StringComparison.Ordinal)
               && int.TryParse(line.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw Error($"expected '{prefix}<count>' in the \\data\\ header, got '{line}'.");
    }

    private float Number(ReadOnlySpan<char> field, string line) =>
        float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"'{field}' is not a number in '{line}'.");

    private ModelLoadException Error(string message) => new($"{_path}:{_lineNumber}", message);
}
