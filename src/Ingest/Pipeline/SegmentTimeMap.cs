using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Maps a character range of a segment's written text to audio time: written range → spoken range through the
/// ITN spans (<see cref="ItnResult.ToSpokenRange"/>, widened to whole replacements), then the spoken start → the
/// token that starts at or before it. The range ends where the token after its last character starts (or at the
/// segment end). Segments whose token times are only spread over the audio (the Fun-ASR-Nano LLM) map to their whole span.
/// </summary>
internal sealed class SegmentTimeMap(TranscriptSegment segment)
{
    private readonly ItnResult _itn = new(segment.Text, segment.RawText, segment.ItnSpans);

    public (TimeSpan Start, TimeSpan End)? TimeOf(int writtenStart, int writtenLength)
    {
        if (segment.Tokens.Count == 0 || segment.Timestamps == TranscriptSegment.ApproximateTimestamps) return (segment.Start, segment.End);
        var (spokenStart, spokenLength) = _itn.ToSpokenRange(writtenStart, writtenLength);
        var spokenEnd = spokenStart + spokenLength;
        var first = TokenAt(spokenStart);
        var after = segment.Tokens.FirstOrDefault(t => t.RawOffset >= spokenEnd);
        var start = segment.Tokens[first].Start;
        var end = after?.Start ?? segment.End;
        return (start, end < start ? start : end);
    }

    private int TokenAt(int spoken)
    {
        var index = 0;
        for (var i = 0; i < segment.Tokens.Count && segment.Tokens[i].RawOffset <= spoken; i++) index = i;
        return index;
    }
}
