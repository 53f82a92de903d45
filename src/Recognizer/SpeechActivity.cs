
namespace FunAsr.Recognizer;

/// <summary>What voice activity detection found in one recording.</summary>
/// <param name="SourcePath">The recording.</param>
/// <param name="Duration">Its length.</param>
/// <param name="Channels">Its channel count.</param>
/// <param name="Speech">Detected speech of every channel (without padding), ordered by start.</param>
public sealed record SpeechActivity(string SourcePath, TimeSpan Duration, int Channels, IReadOnlyList<SpeechInterval> Speech);
