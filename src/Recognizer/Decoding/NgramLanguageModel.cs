
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
    /// <summary>The empty history; n-gram ids start at 1.</summary>
    internal const int RootState = 0;
    internal const int SpecialToken = -2;
    internal const int UnknownToken = -1;

    private readonly NgramIndex _grams;
    private readonly float[] _logProb;
    private readonly float[] _backoff;
    private readonly int[] _suffix;
    private readonly int[] _wordOfToken;
    private readonly int _endWord;
    private readonly float _unknownLogProb;

    internal NgramLanguageModel(
        string path, int order, NgramIndex grams, float[] logProb, float[] backoff, int[] suffix,
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
            if (_grams.TryGet(state, word, out var gram))
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
}
