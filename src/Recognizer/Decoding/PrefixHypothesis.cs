namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// One prefix in the beam at a frame (WeNet <c>PrefixScore</c>): the log-probability of all alignments ending in blank
/// and in its last token, the best single alignment of each (Viterbi, whose frames become the token timestamps), and
/// the hotword context and the language model state. Pooled by <see cref="PrefixBeamCtcDecoder"/>: <see cref="Reset"/>
/// makes a used one new.
/// </summary>
internal sealed class PrefixHypothesis
{
    public CtcPrefix Prefix { get; private set; } = null!;

    public ContextState Context { get; private set; } = null!;

    /// <summary>Sum of the context graph's bonuses along the prefix.</summary>
    public float ContextScore { get; private set; }

    /// <summary>The <see cref="NgramLanguageModel"/> state after the prefix (0 without a language model).</summary>
    public int LmState { get; private set; }

    /// <summary>Sum of the <see cref="LanguageModelFusion"/> scores along the prefix.</summary>
    public float LmScore { get; private set; }

    public double Blank { get; set; }

    public double NonBlank { get; set; }

    public double ViterbiBlank { get; set; }

    public double ViterbiNonBlank { get; set; }

    public FrameTrail? TrailBlank { get; set; }

    public FrameTrail? TrailNonBlank { get; set; }

    /// <summary>log(P(prefix)) over all alignments.</summary>
    public double Acoustic => LogAdd(Blank, NonBlank);

    /// <summary>What the beam ranks by: acoustic score plus context bonus plus language model score.</summary>
    public double Total => Acoustic + ContextScore + LmScore;

    public double Viterbi => Math.Max(ViterbiBlank, ViterbiNonBlank);

    public FrameTrail? Trail => ViterbiBlank >= ViterbiNonBlank ? TrailBlank : TrailNonBlank;

    /// <summary>Makes this the hypothesis of <paramref name="prefix"/> with no alignment yet.</summary>
    public PrefixHypothesis Reset(CtcPrefix prefix, ContextState context, float contextScore, int lmState, float lmScore)
    {
        (Prefix, Context, ContextScore, LmState, LmScore) = (prefix, context, contextScore, lmState, lmScore);
        (Blank, NonBlank, ViterbiBlank, ViterbiNonBlank) = (double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity);
        (TrailBlank, TrailNonBlank) = (null, null);
        return this;
    }

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
