namespace FunAsr.Recognizer.Vad;

/// <summary>The per-stream state of an <see cref="ISpeechProbabilityModel"/>: consecutive windows of every channel.
/// Disposing releases what the stream holds in the runtime.</summary>
internal interface ISpeechProbabilityStream : IDisposable
{
    /// <summary>Scores the next window of each channel.</summary>
    /// <param name="windows">Row-major [channels, WindowSamples] samples in [-1, 1].</param>
    /// <param name="probabilities">Receives one speech probability per channel.</param>
    void Score(ReadOnlySpan<float> windows, Span<float> probabilities);
}
