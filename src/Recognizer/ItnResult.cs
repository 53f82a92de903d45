namespace FunAsr.Recognizer;

/// <summary>The written form of a spoken-form text, with the replacements that turned one into the other.</summary>
/// <param name="Written">The written form ("4008881234").</param>
/// <param name="Spoken">The input, unchanged ("四零零八八八一二三四").</param>
/// <param name="Spans">Every replacement, in text order, non-overlapping.</param>
public sealed record ItnResult(string Written, string Spoken, IReadOnlyList<ItnSpan> Spans)
{
    /// <summary>
    /// Maps a range of the written form back to the spoken form. A range that touches a replacement is widened to
    /// the whole replacement, because a part of "4008881234" has no exact spoken counterpart.
    /// </summary>
    /// <param name="writtenStart">Start of the range in <see cref="Written"/>.</param>
    /// <param name="writtenLength">Length of the range in <see cref="Written"/> (0 maps a position).</param>
    /// <returns>The start and length of the matching range in <see cref="Spoken"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside <see cref="Written"/>.</exception>
    public (int Start, int Length) ToSpokenRange(int writtenStart, int writtenLength)
    {
        if (writtenStart < 0 || writtenLength < 0 || writtenStart + writtenLength > Written.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(writtenStart),
                $"Range {writtenStart}+{writtenLength} is outside the written text (length {Written.Length}).");
        }

        int start = ToSpoken(writtenStart, isEnd: false);
        int end = ToSpoken(writtenStart + writtenLength, isEnd: true);
        return (start, Math.Max(0, end - start));
    }

    private int ToSpoken(int writtenOffset, bool isEnd)
    {
        int delta = 0;
        foreach (var span in Spans)
        {
            int targetEnd = span.TargetStart + span.TargetLength;
            if (writtenOffset <= span.TargetStart)
            {
                return writtenOffset == span.TargetStart ? span.SourceStart : writtenOffset + delta;
            }

            if (writtenOffset < targetEnd)
            {
                return isEnd ? span.SourceStart + span.SourceLength : span.SourceStart;
            }

            delta = span.SourceStart + span.SourceLength - targetEnd;
        }

        return writtenOffset + delta;
    }
}
