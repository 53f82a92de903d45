using System.Globalization;
using FunAsr.Recognizer.Models;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// A backoff n-gram language model read from an ARPA file (as written by KenLM, SRILM or
/// <c>tools/demo-model/build_lm.py</c>) whose words are the acoustic model's tokens: Chinese characters and
/// <c>▁word</c> pieces, so the beam search scores each emitted token without re-tokenizing. A state is the n-gram
/// id of the longest history suffix the model holds; scoring a token that extends no stored n-gram backs off
/// through the suffixes, adding their backoff weights. Immutable and thread-safe once loaded.
/// </summary>
internal sealed class NgramLanguageModel
{
    private const int RootState = 0;
    private const int SpecialToken = -2;
    private const int UnknownToken = -1;

    private readonly Dictionary<(int Context, int Word), int> _grams;
    private readonly float[] _logProb;
    private readonly float[] _backoff;
    private readonly int[] _suffix;
    private readonly int[] _wordOfToken;
    private readonly int _endWord;
    private readonly float _unknownLogProb;

    private NgramLanguageModel(
        string path, int order, Dictionary<(int, int), int> grams, float[] logProb, float[] backoff, int[] suffix,
        int[] wordOfToken, int startState, int endWord, float unknownLogProb)
    {
        Path = path;
        Order = order;
        _grams = grams;
        _logProb = logProb;
        _backoff = backoff;
        _suffix = suffix;
        _wordOfToken = wordOfToken;
        StartState = startState;
        _endWord = endWord;
        _unknownLogProb = unknownLogProb;
    }

    public string Path { get; }

    /// <summary>Longest n-gram order in the file.</summary>
    public int Order { get; }

    /// <summary>The state after <c>&lt;s&gt;</c>: where each utterance starts.</summary>
    public int StartState { get; }

    /// <summary>Natural-log probability of <paramref name="token"/> after <paramref name="state"/>, and the state
    /// after it. Tag tokens (<c>&lt;|zh|&gt;</c>…) score 0 and leave the state alone; a token the file lacks scores
    /// as <c>&lt;unk&gt;</c> (else as the rarest unigram) and restarts the history.</summary>
    public (float LogProb, int State) Score(int state, int token) => _wordOfToken[token] switch
    {
        SpecialToken => (0f, state),
        UnknownToken => (_unknownLogProb, RootState),
        var word => ScoreWord(state, word),
    };

    /// <summary>True for the tag tokens that <see cref="Score"/> passes over.</summary>
    public bool IsTag(int token) => _wordOfToken[token] == SpecialToken;

    /// <summary>Natural-log probability of <c>&lt;/s&gt;</c> after <paramref name="state"/>.</summary>
    public float ScoreEnd(int state) => _endWord < 0 ? 0f : ScoreWord(state, _endWord).LogProb;

    private (float LogProb, int State) ScoreWord(int state, int word)
    {
        var penalty = 0f;
        while (true)
        {
            if (_grams.TryGetValue((state, word), out var gram))
            {
                return (penalty + _logProb[gram], gram);
            }

            if (state == RootState)
            {
                return (penalty + _unknownLogProb, RootState);
            }

            penalty += _backoff[state];
            state = _suffix[state];
        }
    }

    /// <summary>Reads an ARPA file and binds its words to <paramref name="tokens"/>.</summary>
    /// <exception cref="ModelLoadException">Missing file or malformed content (named <c>path:line</c>).</exception>
    public static NgramLanguageModel Load(string path, TokenTable tokens)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, "language model not found: pass an ARPA file (language_model.file, --lm FILE) or leave it unset.");
        }

        return new ArpaReader(path).Read(tokens);
    }

    /// <summary>One pass over the file: the <c>\data\</c> counts, then each <c>\N-grams:</c> section in order.</summary>
    private sealed class ArpaReader(string path)
    {
        private const float Ln10 = 2.302585093f;
        private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
        private readonly Dictionary<(int, int), int> _grams = [];
        private readonly List<float> _logProb = [0f];
        private readonly List<float> _backoff = [0f];
        private readonly List<int> _suffix = [RootState];
        private int _lineNumber;

        public NgramLanguageModel Read(TokenTable tokens)
        {
            var declared = new List<int>();
            var order = 0;
            var section = 0;
            var inData = false;
            foreach (var raw in File.ReadLines(path))
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
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != n + 1 && fields.Length != n + 2)
            {
                throw Error($"a {n}-gram line needs a log10 probability, {n} word(s) and an optional backoff; got '{line}'.");
            }

            var logProb = Number(fields[0], line);
            var backoff = fields.Length == n + 2 ? Number(fields[^1], line) : 0f;
            var context = RootState;
            for (var i = 1; i < n; i++)
            {
                if (!_words.TryGetValue(fields[i], out var word) || !_grams.TryGetValue((context, word), out context))
                {
                    throw Error($"the {n}-gram '{string.Join(' ', fields[1..(n + 1)])}' has no {i}-gram prefix '{string.Join(' ', fields[1..(i + 1)])}' listed before it.");
                }
            }

            var last = WordId(fields[n]);
            var id = _logProb.Count;
            if (!_grams.TryAdd((context, last), id))
            {
                throw Error($"the {n}-gram '{string.Join(' ', fields[1..(n + 1)])}' is listed twice.");
            }

            _logProb.Add(logProb * Ln10);
            _backoff.Add(backoff * Ln10);
            _suffix.Add(n == 1 ? RootState : LongestStoredSuffix(context, last));
        }

        /// <summary>The n-gram id of (context without its first word) + word, or of a shorter suffix when a pruned
        /// file lacks it.</summary>
        private int LongestStoredSuffix(int context, int word)
        {
            var state = _suffix[context];
            while (true)
            {
                if (_grams.TryGetValue((state, word), out var gram))
                {
                    return gram;
                }

                if (state == RootState)
                {
                    return RootState;
                }

                state = _suffix[state];
            }
        }

        private NgramLanguageModel Bind(TokenTable tokens, int order)
        {
            var wordOfToken = new int[tokens.Count];
            for (var id = 0; id < tokens.Count; id++)
            {
                wordOfToken[id] = tokens.IsSpecial(id) ? SpecialToken
                    : _words.TryGetValue(tokens[id], out var word) && _grams.ContainsKey((RootState, word)) ? word : UnknownToken;
            }

            var start = _words.TryGetValue("<s>", out var bos) && _grams.TryGetValue((RootState, bos), out var startGram) ? startGram : RootState;
            var end = _words.TryGetValue("</s>", out var eos) && _grams.ContainsKey((RootState, eos)) ? eos : -1;
            var unknown = _words.TryGetValue("<unk>", out var unk) && _grams.TryGetValue((RootState, unk), out var unkGram)
                ? _logProb[unkGram]
                : UnigramFloor();
            return new NgramLanguageModel(path, order, _grams, [.. _logProb], [.. _backoff], [.. _suffix], wordOfToken, start, end, unknown);
        }

        private float UnigramFloor()
        {
            var floor = 0f;
            foreach (var ((context, _), gram) in _grams)
            {
                if (context == RootState && _logProb[gram] > -99 * Ln10)
                {
                    floor = Math.Min(floor, _logProb[gram]);
                }
            }

            return floor;
        }

        private int WordId(string word)
        {
            if (!_words.TryGetValue(word, out var id))
            {
                id = _words.Count;
                _words.Add(word, id);
            }

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

        private float Number(string field, string line) =>
            float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"'{field}' is not a number in '{line}'.");

        private ModelLoadException Error(string message) => new($"{path}:{_lineNumber}", message);
    }
}
