namespace FunAsr.Recognizer.Decoding;

/// <summary>What one emitted token adds to a beam hypothesis under <see cref="LanguageModelOptions"/>: weighted LM
/// log-probability plus the token bonus (tags of the prompt frames add nothing). With
/// <see cref="LanguageModelOptions.Languages"/> set, a hypothesis whose language tag (the first prompt frame) is not
/// listed leaves the LM for the rest of the utterance and is decoded on its acoustics alone.</summary>
internal sealed class LanguageModelFusion
{
    /// <summary>The state of a hypothesis that left the LM.</summary>
    private const int Off = -1;

    private readonly NgramLanguageModel _model;
    private readonly float _weight;
    private readonly float _tokenBonus;
    private readonly HashSet<int> _unlistedLanguageTags;

    /// <param name="model">The n-gram model.</param>
    /// <param name="options">Weights, beam and languages.</param>
    /// <param name="languageTags">The model's language tag token ids by language (zh → id of <c>&lt;|zh|&gt;</c>).</param>
    public LanguageModelFusion(NgramLanguageModel model, LanguageModelOptions options, IReadOnlyDictionary<string, int> languageTags)
    {
        _model = model;
        _weight = options.Weight;
        _tokenBonus = options.TokenBonus;
        BeamSize = options.BeamSize;
        _unlistedLanguageTags = options.Languages is { } languages
            ? languageTags.Where(t => !languages.Contains(t.Key, StringComparer.OrdinalIgnoreCase)).Select(t => t.Value).ToHashSet()
            : [];
    }

    public NgramLanguageModel Model => _model;

    public int BeamSize { get; }

    public int StartState => _model.StartState;

    /// <summary>The most one emitted token can add (the token bonus; the weighted log-probability is never positive).</summary>
    public float MaxTokenScore => Math.Max(0f, _tokenBonus);

    public (float Score, int State) Step(int state, int token)
    {
        if (state == Off || _unlistedLanguageTags.Contains(token))
        {
            return (0f, Off);
        }

        if (_model.IsTag(token))
        {
            return (0f, state);
        }

        var (logProb, next) = _model.Score(state, token);
        return (_weight * logProb + _tokenBonus, next);
    }

    /// <summary>The weighted <c>&lt;/s&gt;</c> score that closes an utterance.</summary>
    public float Finish(int state) => state == Off ? 0f : _weight * _model.ScoreEnd(state);
}
