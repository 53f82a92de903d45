using System.Numerics.Tensors;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Greedy (best path) CTC: the argmax of each frame; a token is emitted when it is not blank and differs from the
/// previous frame's argmax (sherpa-onnx <c>offline-ctc-greedy-search-decoder.cc</c>). Thread-safe.
/// </summary>
internal sealed class GreedyCtcDecoder : ICtcDecoder
{
    /// <summary>Creates the decoder.</summary>
    /// <param name="blankId">CTC blank id; <value>0</value> for SenseVoice.</param>
    public GreedyCtcDecoder(int blankId = 0)
    {
        BlankId = blankId;
    }

    /// <summary>CTC blank id.</summary>
    public int BlankId { get; }

    /// <inheritdoc />
    public IReadOnlyList<CtcToken> Decode(ReadOnlySpan<float> logits, int vocabSize)
    {
        if (vocabSize <= 0 || logits.Length % vocabSize != 0)
        {
            throw new ArgumentException($"Logits of length {logits.Length} are not a whole number of {vocabSize}-wide frames.", nameof(logits));
        }

        var tokens = new List<CtcToken>();
        var previous = -1;
        for (var frame = 0; frame < logits.Length / vocabSize; frame++)
        {
            var best = TensorPrimitives.IndexOfMax(logits.Slice(frame * vocabSize, vocabSize));
            if (best != BlankId && best != previous)
            {
                tokens.Add(new CtcToken(best, frame));
            }

            previous = best;
        }

        return tokens;
    }
}
