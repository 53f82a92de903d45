namespace FunAsr.Recognizer.Vad;

/// <summary>The per-stream state of an <see cref="ISpeechProbabilityModel"/>: consecutive windows of every channel.
/// Disposing releases what the stream holds in the runtime.</summary>
internal interface ISpeechProbabilityStream : IDisposable
{
    /// <summary>Scores the next windows of each channel, oldest first.</summary>
    /// <param name="windows">Row-major [windows, channels, WindowSamples] samples in [-1, 1].</param>
    /// <param name="probabilities">Receives [windows, channels] speech probabilities; its length says how many windows.</param>
    void Score(ReadOnlySpan<float> windows, Span<float> probabilities);
}
