
namespace FunAsr.Recognizer;

/// <summary>The recognition result of one recording.</summary>
/// <param name="SourcePath">The recording's path, or null for generated audio.</param>
/// <param name="Duration">Length of the recording.</param>
/// <param name="Channels">Channel count of the recording.</param>
/// <param name="Language">The language most of the text was recognised in (<c>zh</c>, <c>en</c>…); empty when nothing was recognised.</param>
/// <param name="Segments">Segments ordered by start time, then channel; segments without text are left out.</param>
/// <param name="Text">Written form: the segments' <see cref="TranscriptSegment.Text"/> joined by newlines.</param>
/// <param name="RawText">Spoken form: the segments' <see cref="TranscriptSegment.RawText"/> joined by newlines.</param>
/// <param name="Device">The device that ran the model: <c>cpu</c> or <c>cuda:N</c>.</param>
/// <param name="ModelId">The model directory name, e.g. <c>demo-callcentre</c>.</param>
public sealed record Transcript(
    string? SourcePath,
    TimeSpan Duration,
    int Channels,
    string Language,
    IReadOnlyList<TranscriptSegment> Segments,
    string Text,
    string RawText,
    string Device,
    string ModelId)
{
    /// <summary>The segments merged into time-ordered speaker turns (consecutive segments of one channel).</summary>
    public IReadOnlyList<SpeakerTurn> Turns { get; init; } = [];

    /// <summary>Talk, silence, overlap and per-speaker metrics from voice activity; null when VAD is off.</summary>
    public CallMetrics? Metrics { get; init; }

    /// <summary>What segmented the recording: <c>silero-v4</c>, <c>silero-v5</c>, <c>energy</c> or <c>off</c>.</summary>
    public string VadMethod { get; init; } = "off";
}
