namespace FunAsr.Recognizer;

/// <summary>What one speaker (channel) of a call did.</summary>
/// <param name="Speaker">The channel's label (<c>agent</c>, <c>customer</c>…).</param>
/// <param name="Channel">0-based channel.</param>
/// <param name="TalkTime">Total detected speech.</param>
/// <param name="TalkRatio">Talk time over the recording's duration, 0–1.</param>
/// <param name="Turns">Runs of speech not broken by another speaker.</param>
/// <param name="LongestTurn">Longest such run.</param>
/// <param name="Interruptions">Times this speaker started while another was speaking.</param>
/// <param name="SpeakingRate">Words per minute of talk time (each CJK character counts as a word); 0 without text.</param>
public sealed record SpeakerMetrics(
    string Speaker,
    int Channel,
    TimeSpan TalkTime,
    double TalkRatio,
    int Turns,
    TimeSpan LongestTurn,
    int Interruptions,
    double SpeakingRate);
