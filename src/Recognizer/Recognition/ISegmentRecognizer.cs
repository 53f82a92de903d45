using FunAsr.Recognizer.Decoding;

namespace FunAsr.Recognizer.Recognition;

/// <summary>Speech segments' features in, their text out: an acoustic model with a CTC search, or the Fun-ASR-Nano LLM.
/// Made per call by <see cref="DecoderFactory"/>, since a call's hotwords change the search or the prompt.</summary>
internal interface ISegmentRecognizer
{
    /// <summary>One decoded utterance per segment, in input order. <paramref name="features"/> are row-major
    /// [frames, feature dim] each (<see cref="Features.FeaturePipeline"/>).</summary>
    IReadOnlyList<DecodedUtterance> Recognize(IReadOnlyList<float[]> features, CancellationToken ct);
}
