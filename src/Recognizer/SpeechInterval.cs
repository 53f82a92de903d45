namespace FunAsr.Recognizer;

/// <summary>A stretch of detected speech of one channel (voice activity, without padding).</summary>
/// <param name="Channel">0-based channel.</param>
/// <param name="Start">Start from the beginning of the recording.</param>
/// <param name="End">End from the beginning of the recording.</param>
public readonly record struct SpeechInterval(int Channel, TimeSpan Start, TimeSpan End)
{
    /// <summary><see cref="End"/> − <see cref="Start"/>.</summary>
    public TimeSpan Length => End - Start;
}
