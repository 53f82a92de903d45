
namespace FunAsr.Recognizer.Vad;

/// <summary>A final speech span of one channel with its audio (16 kHz, padding included).</summary>
internal sealed record SpeechChunk(int Channel, SpeechSpan Span, float[] Samples)
{
    /// <summary>The detected speech (without padding) in time.</summary>
    public SpeechInterval ToInterval() => new(
        Channel,
        TimeSpan.FromSeconds((double)Span.SpeechStart / VoiceActivityDetector.SampleRateHz),
        TimeSpan.FromSeconds((double)Span.SpeechEnd / VoiceActivityDetector.SampleRateHz));
}
