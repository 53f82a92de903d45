using System.Numerics.Tensors;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// CTC prefix beam search with optional hotword biasing (WeNet <c>ctc_prefix_beam_search.cc</c> with its context graph).
/// Each frame, the <see cref="BeamSize"/> likeliest tokens extend the <see cref="BeamSize"/> best prefixes; prefixes are
/// ranked by the log-probability of all their alignments plus their <see cref="ContextGraph"/> bonus, and at the end the
/// bonus of an unfinished hotword is taken back; with a <see cref="LanguageModelFusion"/>, its score of each emitted token
/// is added too, and its end-of-utterance score at the end. A token's frame is where the best alignment of the winning prefix
/// emits it, so timestamps mean what they mean with <see cref="GreedyCtcDecoder"/>. Thread-safe (state is per call).
/// </summary>
internal sealed class PrefixBeamCtcDecoder : ICtcDecoder
{
    /// <summary>How far behind (in nats, 0.001 in probability) a prefix grown through a token may start, beyond what
    /// hotword and LM bonuses can give that token back, and still be tried: see <see cref="TokenFloorLogProb"/>.</summary>
    private static readonly float s_tokenMargin = MathF.Log(0.001f);

    private readonly ContextGraph? _context;
    private readonly LanguageModelFusion? _languageModel;

    /// <param name="beamSize">Prefixes kept, and tokens tried, per frame.</param>
    /// <param name="context">Hotwords; null decodes without bias.</param>
    /// <param name="blankId">CTC blank id; 0 for SenseVoice.</param>
    /// <param name="languageModel">N-gram shallow fusion; null decodes without a language model.</param>
    public PrefixBeamCtcDecoder(int beamSize, ContextGraph? context = null, int blankId = 0, LanguageModelFusion? languageModel = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(beamSize, 1, "beam size");
        BeamSize = beamSize;
        _context = context;
        BlankId = blankId;
        _languageModel = languageModel;
        TokenFloorLogProb = s_tokenMargin - (context?.MaxTokenScore ?? 0f) - (languageModel?.MaxTokenScore ?? 0f);
    }

    public int BeamSize { get; }

    public int BlankId { get; }

    /// <summary>A token less likely than this in a frame is not tried there: a prefix grown through it starts 7 nats
    /// behind, plus the most that a hotword's and the LM's bonus for the token can make up. Most CTC frames are blank
    /// at 0.999 or more and so only carry the beam forward; the others try the few likely tokens instead of
    /// <see cref="BeamSize"/>, so the beam's cost follows the tokens spoken rather than the frames.</summary>
    public float TokenFloorLogProb { get; }

    public IReadOnlyList<CtcToken> Decode(ReadOnlySpan<float> logits, int vocabSize)
    {
        if (vocabSize <= 0 || logits.Length % vocabSize != 0)
        {
            throw new ArgumentException($"Logits of length {logits.Length} are not a whole number of {vocabSize}-wide frames.", nameof(logits));
        }

        var root = _context?.Root ?? new ContextState(-1, 0);
        var hypotheses = new HypothesisPool();
        var beam = new List<PrefixHypothesis>
        {
            hypotheses.Rent().Reset(CtcPrefix.Empty(), root, 0f, _languageModel?.StartState ?? 0, 0f),
        };
        beam[0].Blank = 0;
        beam[0].ViterbiBlank = 0;
        var logProbs = new float[vocabSize];
        var scratch = new float[vocabSize];
        var candidates = new int[Math.Min(BeamSize, vocabSize)];
        var next = new Dictionary<CtcPrefix, PrefixHypothesis>();
        var ranking = new BeamRanking();
        for (var frame = 0; frame < logits.Length / vocabSize; frame++)
        {
            LogSoftmax(logits.Slice(frame * vocabSize, vocabSize), logProbs, scratch);
            next.Clear();
            var count = TopTokens(logProbs, candidates);
            foreach (var hypothesis in beam)
            {
                for (var c = 0; c < count; c++)
                {
                    Extend(hypothesis, candidates[c], logProbs[candidates[c]], frame, next, hypotheses);
                }
            }

            hypotheses.Return(beam);
            ranking.Best(next.Values, BeamSize, beam, hypotheses);
        }

        var best = beam.MaxBy(h => h.Total + (_context?.Finalize(h.Context) ?? 0f) + (_languageModel?.Finish(h.LmState) ?? 0f))!;
        return Tokens(best);
    }

    private void Extend(PrefixHypothesis from, int token, float logProb, int frame, Dictionary<CtcPrefix, PrefixHypothesis> next, HypothesisPool hypotheses)
    {
        if (token == BlankId)
        {
            var same = Same(next, from, hypotheses);
            same.Blank = PrefixHypothesis.LogAdd(same.Blank, from.Acoustic + logProb);
            if (from.Viterbi + logProb > same.ViterbiBlank)
            {
                same.ViterbiBlank = from.Viterbi + logProb;
                same.TrailBlank = from.Trail;
            }

            return;
        }

        double viaScore, viaViterbi;
        FrameTrail? viaTrail;
        if (token == from.Prefix.Token)
        {
            // A repeat without a blank between collapses into the same prefix…
            var same = Same(next, from, hypotheses);
            same.NonBlank = PrefixHypothesis.LogAdd(same.NonBlank, from.NonBlank + logProb);
            if (from.ViterbiNonBlank + logProb > same.ViterbiNonBlank)
            {
                same.ViterbiNonBlank = from.ViterbiNonBlank + logProb;
                same.TrailNonBlank = from.TrailNonBlank;
            }

            // …and only a path ending in blank emits the token again.
            (viaScore, viaViterbi, viaTrail) = (from.Blank, from.ViterbiBlank, from.TrailBlank);
            if (double.IsNegativeInfinity(viaScore))
            {
                return;
            }
        }
        else
        {
            (viaScore, viaViterbi, viaTrail) = (from.Acoustic, from.Viterbi, from.Trail);
        }

        var prefix = from.Prefix.Extend(token);
        var hypothesis = next.GetValueOrDefault(prefix);
        if (hypothesis is null)
        {
            var (bonus, context) = _context?.Step(from.Context, token) ?? (0f, from.Context);
            var (lmScore, lmState) = _languageModel?.Step(from.LmState, token) ?? (0f, from.LmState);
            hypothesis = hypotheses.Rent().Reset(prefix, context, from.ContextScore + bonus, lmState, from.LmScore + lmScore);
            next.Add(prefix, hypothesis);
        }

        hypothesis.NonBlank = PrefixHypothesis.LogAdd(hypothesis.NonBlank, viaScore + logProb);
        if (viaViterbi + logProb > hypothesis.ViterbiNonBlank)
        {
            hypothesis.ViterbiNonBlank = viaViterbi + logProb;
            hypothesis.TrailNonBlank = new FrameTrail(frame, viaTrail);
        }
    }

    /// <summary>The next frame's hypothesis for <paramref name="from"/>'s own prefix (a blank or a collapsed repeat).</summary>
    private static PrefixHypothesis Same(Dictionary<CtcPrefix, PrefixHypothesis> next, PrefixHypothesis from, HypothesisPool hypotheses)
    {
        if (!next.TryGetValue(from.Prefix, out var hypothesis))
        {
            hypothesis = hypotheses.Rent().Reset(from.Prefix, from.Context, from.ContextScore, from.LmState, from.LmScore);
            next.Add(from.Prefix, hypothesis);
        }

        return hypothesis;
    }

    private static IReadOnlyList<CtcToken> Tokens(PrefixHypothesis best)
    {
        var tokens = new CtcToken[best.Prefix.Length];
        var prefix = best.Prefix;
        var trail = best.Trail;
        for (var i = tokens.Length - 1; i >= 0; i--)
        {
            tokens[i] = new CtcToken(prefix!.Token, trail!.Frame);
            prefix = prefix.Parent;
            trail = trail.Previous;
        }

        return tokens;
    }

    /// <summary>log softmax of one frame (a no-op up to rounding when the model already outputs log-probabilities).</summary>
    private static void LogSoftmax(ReadOnlySpan<float> scores, Span<float> destination, Span<float> scratch)
    {
        TensorPrimitives.Subtract(scores, TensorPrimitives.Max(scores), destination);
        TensorPrimitives.Exp(destination, scratch);
        TensorPrimitives.Subtract(destination, MathF.Log(TensorPrimitives.Sum(scratch)), destination);
    }

    /// <summary>Fills <paramref name="best"/> with the ids of the highest <paramref name="logProbs"/> at or above
    /// <see cref="TokenFloorLogProb"/> (at least the likeliest one), best first; returns how many.</summary>
    private int TopTokens(ReadOnlySpan<float> logProbs, int[] best)
    {
        var count = 0;
        var floor = Math.Min(TokenFloorLogProb, TensorPrimitives.Max(logProbs));
        for (var id = 0; id < logProbs.Length; id++)
        {
            var value = logProbs[id];
            if (value < floor || (count == best.Length && value <= logProbs[best[count - 1]]))
            {
                continue;
            }

            var position = count == best.Length ? count - 1 : count++;
            while (position > 0 && logProbs[best[position - 1]] < value)
            {
                best[position] = best[position - 1];
                position--;
            }

            best[position] = id;
        }

        return count;
    }
}
