using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// A speaker's adjacent segments whose gaps are short, joined into one segment, so a number read with pauses that
/// voice activity detection cut into pieces ("one eight hundred" / "four two three" / "seven seven zero zero") is
/// seen whole. The spoken forms are joined with a space and normalized again (the written pieces alone would read
/// "one 800 423 7700"); the tokens keep their times, so a field found in the join spans the audio of its pieces.
/// </summary>
/// <param name="Segment">The joined segment: first start to last end, the pieces' tokens with shifted offsets.</param>
/// <param name="PieceStarts">Where each piece starts in <see cref="TranscriptSegment.RawText"/> of the join.</param>
internal sealed record JoinedSegments(TranscriptSegment Segment, IReadOnlyList<int> PieceStarts)
{
    /// <summary>The joins of two segments or more in <paramref name="segments"/> (each channel on its own).</summary>
    public static IEnumerable<JoinedSegments> Of(IReadOnlyList<TranscriptSegment> segments, TimeSpan maxGap, InverseNormalizer itn)
    {
        foreach (var channel in segments.GroupBy(s => (s.Channel, s.Speaker)))
        {
            var run = new List<TranscriptSegment>();
            foreach (var segment in channel.OrderBy(s => s.Start))
            {
                if (run.Count > 0 && segment.Start - run[^1].End > maxGap)
                {
                    if (run.Count > 1) yield return Join(run, itn);
                    run = [];
                }
                run.Add(segment);
            }
            if (run.Count > 1) yield return Join(run, itn);
        }
    }

    /// <summary>True when the written range of the join covers spoken text of more than one piece.</summary>
    public bool Spans(int writtenStart, int writtenLength)
    {
        var (start, length) = new ItnResult(Segment.Text, Segment.RawText, Segment.ItnSpans).ToSpokenRange(writtenStart, writtenLength);
        return PieceAt(start) != PieceAt(start + Math.Max(length, 1) - 1);
    }

    private int PieceAt(int spoken)
    {
        var piece = 0;
        while (piece + 1 < PieceStarts.Count && PieceStarts[piece + 1] <= spoken) piece++;
        return piece;
    }

    private static JoinedSegments Join(List<TranscriptSegment> run, InverseNormalizer itn)
    {
        var starts = new List<int>();
        var tokens = new List<TranscriptToken>();
        var raw = new System.Text.StringBuilder();
        foreach (var piece in run)
        {
            if (raw.Length > 0) raw.Append(' ');
            starts.Add(raw.Length);
            tokens.AddRange(piece.Tokens.Select(t => t with { RawOffset = t.RawOffset + raw.Length }));
            raw.Append(piece.RawText);
        }
        var language = run.All(s => s.Language == run[0].Language) && run[0].Language is "zh" or "en" ? run[0].Language : "auto";
        var normalized = itn.Normalize(raw.ToString(), language);
        var first = run[0];
        return new JoinedSegments(
            first with { End = run[^1].End, Language = language, Text = normalized.Written, RawText = normalized.Spoken, Tokens = tokens, ItnSpans = normalized.Spans },
            starts);
    }
}
