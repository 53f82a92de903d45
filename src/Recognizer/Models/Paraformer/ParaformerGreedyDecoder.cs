using System.Text;
using FunAsr.Recognizer.Decoding;

namespace FunAsr.Recognizer.Models.Paraformer;

/// <summary>
/// Paraformer output → text. Greedy: the argmax of each CIF token position, at most <c>token_num − predictor_bias</c>
/// of them (FunASR) and stopping at <c>&lt;/s&gt;</c> (sherpa-onnx); <c>&lt;blank&gt;</c> is dropped. Pieces are joined
/// as sherpa-onnx's <c>offline-recognizer-paraformer-impl.h</c> does: a piece ending in <c>@@</c> glues to the next;
/// other ASCII pieces and <c>@@</c> pieces are preceded by a space, and a non-ASCII piece after an ASCII one too. Onsets: the peaks of
/// <c>us_cif_peak</c> (the last one ends the utterance) when there is one per token, else spread evenly over the segment.
/// </summary>
internal sealed class ParaformerGreedyDecoder(TokenTable tokens, int predictorBias)
{
    private const float PeakThreshold = 1 - 1e-4f;
    private const string Continuation = "@@";
    private readonly int _eos = tokens.TryGetId("</s>", out var eos) ? eos : 2;
    private readonly int _blank = tokens.TryGetId("<blank>", out var blank) ? blank : 0;

    public DecodedUtterance Decode(ReadOnlySpan<float> logits, int vocabSize, ReadOnlyMemory<float>? peaks, TimeSpan duration)
    {
        var ids = new List<int>();
        var limit = logits.Length / vocabSize - predictorBias;
        for (var k = 0; k < limit; k++)
        {
            var row = logits.Slice(k * vocabSize, vocabSize);
            var id = ArgMax(row);
            if (id == _eos)
            {
                break;
            }

            if (id != _blank)
            {
                ids.Add(id);
            }
        }

        var onsets = peaks is { } p ? PeakOnsets(p.Span, ids.Count) : null;
        var text = new StringBuilder();
        var decoded = new List<DecodedToken>(ids.Count);
        var glue = false;
        for (var i = 0; i < ids.Count; i++)
        {
            var piece = tokens[ids[i]];
            var continues = piece.EndsWith(Continuation, StringComparison.Ordinal) && piece.Length > Continuation.Length;
            var word = continues ? piece[..^Continuation.Length] : piece;
            var previousAscii = i > 0 && tokens[ids[i - 1]][0] < 0x80;
            var space = continues || word[0] < 0x80 ? !glue : previousAscii;
            if (text.Length > 0 && space)
            {
                text.Append(' ');
            }

            glue = continues;
            var onset = onsets?[i] ?? duration * i / Math.Max(ids.Count, 1);
            decoded.Add(new DecodedToken(ids[i], word, onset, text.Length));
            text.Append(word);
        }

        return new DecodedUtterance("", "", "", text.ToString(), decoded);
    }

    private static TimeSpan[]? PeakOnsets(ReadOnlySpan<float> peaks, int tokenCount)
    {
        var onsets = new List<TimeSpan>();
        for (var k = 0; k < peaks.Length; k++)
        {
            if (peaks[k] > PeakThreshold)
            {
                onsets.Add(CifPeaks.FrameDuration * k);
            }
        }

        return onsets.Count == tokenCount + 1 ? onsets.Take(tokenCount).ToArray() : null;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var v = 1; v < row.Length; v++)
        {
            if (row[v] > row[best])
            {
                best = v;
            }
        }

        return best;
    }
}
