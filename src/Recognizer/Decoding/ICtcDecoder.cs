namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Turns one utterance's CTC scores into token ids with the frame where each starts. Greedy search now; a prefix beam
/// search with hotword biasing (issue #9) plugs in here, taking its context graph at construction.
/// </summary>
public interface ICtcDecoder
{
    /// <summary>Decodes <paramref name="logits"/>, row-major [frames, vocabSize] (raw scores or log-probabilities).</summary>
    /// <returns>Emitted tokens in order; blanks and repeats already removed.</returns>
    IReadOnlyList<CtcToken> Decode(ReadOnlySpan<float> logits, int vocabSize);
}
