namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// One prefix in the beam at a frame (WeNet <c>PrefixScore</c>): the log-probability of all alignments ending in blank
/// and in its last token, the best single alignment of each (Viterbi, whose frames become the token timestamps), and
/// the hotword context.
/// </summary>
internal sealed class PrefixHypothesis(CtcPrefix prefix, ContextState context, float contextScore)
{
    public CtcPrefix Prefix { get; } = prefix;

    public ContextState Context { get; } = context;

    /// <summary>Sum of the context graph's bonuses along the prefix.</summary>
    public float ContextScore { get; } = contextScore;

    public double Blank { get; set; } = double.NegativeInfinity;

    public double NonBlank { get; set; } = double.NegativeInfinity;

    public double ViterbiBlank { get; set; } = double.NegativeInfinity;

    public double ViterbiNonBlank { get; set; } = double.NegativeInfinity;

    public FrameTrail? TrailBlank { get; set; }

    public FrameTrail? TrailNonBlank { get; set; }

    /// <summary>log(P(prefix)) over all alignments.</summary>
    public double Acoustic => LogAdd(Blank, NonBlank);

    /// <summary>What the beam ranks by: acoustic score plus context bonus.</summary>
    public double Total => Acoustic + ContextScore;

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
