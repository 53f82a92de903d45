using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// Maps a character range of a segment's written text to audio time: written offset → spoken offset through the
/// ITN spans, then the spoken offset → the token that starts at or before it. The range ends where the token after
/// its last character starts (or at the segment end).
/// </summary>
internal sealed class SegmentTimeMap(TranscriptSegment segment)
{
    public (TimeSpan Start, TimeSpan End)? TimeOf(int writtenStart, int writtenLength)
    {
        if (segment.Tokens.Count == 0) return (segment.Start, segment.End);
        var spokenStart = ToSpoken(writtenStart, atEnd: false);
        var spokenEnd = ToSpoken(writtenStart + writtenLength, atEnd: true);
        var first = TokenAt(spokenStart);
        var after = segment.Tokens.FirstOrDefault(t => t.RawOffset >= spokenEnd);
        var start = segment.Tokens[first].Start;
        var end = after?.Start ?? segment.End;
        return (start, end < start ? start : end);
    }

    /// <summary>Written offset → spoken offset; inside a rewritten span, its start (or end for range ends).</summary>
    private int ToSpoken(int written, bool atEnd)
    {
        var shift = 0;
        foreach (var span in segment.ItnSpans.OrderBy(s => s.TargetStart))
        {
            if (written < span.TargetStart) break;
            if (written < span.TargetStart + span.TargetLength || (atEnd && written == span.TargetStart + span.TargetLength))
                return atEnd ? span.SourceStart + span.SourceLength : span.SourceStart;
            shift = span.SourceStart + span.SourceLength - (span.TargetStart + span.TargetLength);
        }
        return written + shift;
    }

    private int TokenAt(int spoken)
    {
        var index = 0;
        for (var i = 0; i < segment.Tokens.Count && segment.Tokens[i].RawOffset <= spoken; i++) index = i;
        return index;
    }
}
