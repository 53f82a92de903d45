namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Turns one utterance's CTC scores into token ids with the frame where each starts: <see cref="GreedyCtcDecoder"/>, or
/// <see cref="PrefixBeamCtcDecoder"/> with a hotword context graph and/or a language model given at construction.
/// </summary>
internal interface ICtcDecoder
{
    /// <summary>Decodes <paramref name="logits"/>, row-major [frames, vocabSize] (raw scores or log-probabilities).</summary>
    /// <returns>Emitted tokens in order; blanks and repeats already removed.</returns>
    IReadOnlyList<CtcToken> Decode(ReadOnlySpan<float> logits, int vocabSize);
}
