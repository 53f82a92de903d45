using FunAsr.Recognizer.Itn;

namespace FunAsr.Recognizer;

/// <summary>
/// A stretch of one channel recognised in one model pass: a speech segment found by voice activity detection
/// (<see cref="TranscriberOptions.Vad"/>, padding included), or with VAD off a piece of at most
/// <see cref="TranscriberOptions.MaxSegmentDuration"/> cut at the quietest point.
/// </summary>
/// <param name="Start">Start from the beginning of the recording.</param>
/// <param name="End">End from the beginning of the recording.</param>
/// <param name="Channel">0-based channel (stereo call recordings: agent and customer).</param>
/// <param name="Speaker">The channel's speaker label (<see cref="TranscriberOptions.ChannelRoles"/> or the recording's own roles).</param>
/// <param name="Language">Language tag the model emitted (<c>zh</c>, <c>en</c>…), or the requested one.</param>
/// <param name="Text">Written form (after ITN); equals <paramref name="RawText"/> when ITN is off.</param>
/// <param name="RawText">Spoken form as recognised.</param>
/// <param name="Tokens">Tokens with onsets; <see cref="TranscriptToken.RawOffset"/> indexes <paramref name="RawText"/>.</param>
/// <param name="ItnSpans">ITN replacements mapping <paramref name="RawText"/> ranges to <paramref name="Text"/> ranges.</param>
public sealed record TranscriptSegment(
    TimeSpan Start,
    TimeSpan End,
    int Channel,
    string? Speaker,
    string Language,
    string Text,
    string RawText,
    IReadOnlyList<TranscriptToken> Tokens,
    IReadOnlyList<ItnSpan> ItnSpans)
{
    /// <summary>Emotion tag from the model (<c>NEUTRAL</c>, <c>HAPPY</c>, <c>ANGRY</c>…), or empty.</summary>
    public string Emotion { get; init; } = "";

    /// <summary>The <see cref="Timestamps"/> of segments whose token onsets are spread evenly over the audio.</summary>
    public const string ApproximateTimestamps = "approximate";

    /// <summary><see cref="ApproximateTimestamps"/> when token onsets are spread evenly over the segment rather than aligned
    /// to the audio (the Fun-ASR-Nano LLM emits no alignment; positions in the text then map to the segment's whole time
    /// span); null when they are aligned.</summary>
    public string? Timestamps { get; init; }

    /// <summary>Audio event tag from the model (<c>Speech</c>, <c>BGM</c>, <c>Laughter</c>…), or empty.</summary>
    public string Event { get; init; } = "";
}
