namespace FunAsr.Recognizer.Decoding;

/// <summary>What one emitted token adds to a beam hypothesis under <see cref="LanguageModelOptions"/>: weighted LM
/// log-probability plus the token bonus (tags of the prompt frames add nothing).</summary>
internal sealed class LanguageModelFusion(NgramLanguageModel model, LanguageModelOptions options)
{
    private readonly float _weight = options.Weight;
    private readonly float _tokenBonus = options.TokenBonus;

    public NgramLanguageModel Model => model;

    public int BeamSize { get; } = options.BeamSize;

    public int StartState => model.StartState;

    public (float Score, int State) Step(int state, int token)
    {
        if (model.IsTag(token))
        {
            return (0f, state);
        }

        var (logProb, next) = model.Score(state, token);
        return (_weight * logProb + _tokenBonus, next);
    }

    /// <summary>The weighted <c>&lt;/s&gt;</c> score that closes an utterance.</summary>
    public float Finish(int state) => _weight * model.ScoreEnd(state);
}
