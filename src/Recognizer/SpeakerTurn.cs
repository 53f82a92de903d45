namespace FunAsr.Recognizer;

/// <summary>Consecutive segments of one speaker with no other speaker's segment between them.</summary>
/// <param name="Speaker">The speaker's label.</param>
/// <param name="Channel">0-based channel.</param>
/// <param name="Start">Start of the first segment.</param>
/// <param name="End">End of the last segment.</param>
/// <param name="Text">The segments' written-form text joined by spaces (none between CJK characters).</param>
public sealed record SpeakerTurn(string Speaker, int Channel, TimeSpan Start, TimeSpan End, string Text)
{
    /// <summary>The time-ordered turns of <paramref name="segments"/> (ordered by start).</summary>
    public static IReadOnlyList<SpeakerTurn> Merge(IReadOnlyList<TranscriptSegment> segments)
    {
        var turns = new List<SpeakerTurn>();
        foreach (var segment in segments.OrderBy(s => s.Start).ThenBy(s => s.Channel))
        {
            var speaker = segment.Speaker ?? $"channel-{segment.Channel}";
            if (turns.Count > 0 && turns[^1].Channel == segment.Channel)
            {
                var last = turns[^1];
                turns[^1] = last with { End = segment.End > last.End ? segment.End : last.End, Text = Join(last.Text, segment.Text) };
            }
            else
            {
                turns.Add(new SpeakerTurn(speaker, segment.Channel, segment.Start, segment.End, segment.Text));
            }
        }

        return turns;
    }

    private static string Join(string left, string right) =>
        left.Length == 0 || right.Length == 0 ? left + right
        : IsCjk(left[^1]) && IsCjk(right[0]) ? left + right
        : left + " " + right;

    internal static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';
}
