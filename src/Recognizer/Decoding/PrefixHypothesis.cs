namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// One prefix in the beam at a frame (WeNet <c>PrefixScore</c>): the log-probability of all alignments ending in blank
/// and in its last token, the best single alignment of each (Viterbi, whose frames become the token timestamps), and
/// the hotword context and the language model state.
/// </summary>
internal sealed class PrefixHypothesis(CtcPrefix prefix, ContextState context, float contextScore, int lmState = 0, float lmScore = 0f)
{
    public CtcPrefix Prefix { get; } = prefix;

    public ContextState Context { get; } = context;

    /// <summary>Sum of the context graph's bonuses along the prefix.</summary>
    public float ContextScore { get; } = contextScore;

    /// <summary>The <see cref="NgramLanguageModel"/> state after the prefix (0 without a language model).</summary>
    public int LmState { get; } = lmState;

    /// <summary>Sum of the <see cref="LanguageModelFusion"/> scores along the prefix.</summary>
    public float LmScore { get; } = lmScore;

    public double Blank { get; set; } = double.NegativeInfinity;

    public double NonBlank { get; set; } = double.NegativeInfinity;

    public double ViterbiBlank { get; set; } = double.NegativeInfinity;

    public double ViterbiNonBlank { get; set; } = double.NegativeInfinity;

    public FrameTrail? TrailBlank { get; set; }

    public FrameTrail? TrailNonBlank { get; set; }

    /// <summary>log(P(prefix)) over all alignments.</summary>
    public double Acoustic => LogAdd(Blank, NonBlank);

    /// <summary>What the beam ranks by: acoustic score plus context bonus plus language model score.</summary>
    public double Total => Acoustic + ContextScore + LmScore;

    public double Viterbi => Math.Max(ViterbiBlank, ViterbiNonBlank);

    public FrameTrail? Trail => ViterbiBlank >= ViterbiNonBlank ? TrailBlank : TrailNonBlank;

    public static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        var max = Math.Max(a, b);
        return max + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
    }
}
