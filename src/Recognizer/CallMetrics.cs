using System.Globalization;

namespace FunAsr.Recognizer;

/// <summary>
/// Talk and silence of one call, from the voice activity of each channel (speech without padding) and the recognised
/// text. Rule conditions see them through <see cref="ToDictionary"/> (<c>when: metrics: { silence_ratio: { gt: 0.4 } }</c>).
/// </summary>
/// <param name="Duration">Length of the recording.</param>
/// <param name="TalkTime">Time during which at least one speaker talks.</param>
/// <param name="SilenceTime">Non-talk time: <paramref name="Duration"/> − <paramref name="TalkTime"/>.</param>
/// <param name="OverlapTime">Time during which two or more speakers talk at once.</param>
/// <param name="Interruptions">Speech starts while another speaker is talking, over all speakers.</param>
/// <param name="LongestSilence">Longest stretch with nobody talking, from the start of the recording to the last speech
/// (the tail after the last word is left out: recorders keep running after the goodbye).</param>
/// <param name="Speakers">Per speaker (channel), in channel order.</param>
public sealed record CallMetrics(
    TimeSpan Duration,
    TimeSpan TalkTime,
    TimeSpan SilenceTime,
    TimeSpan OverlapTime,
    int Interruptions,
    TimeSpan LongestSilence,
    IReadOnlyList<SpeakerMetrics> Speakers)
{
    /// <summary>Non-talk time over duration, 0–1.</summary>
    public double SilenceRatio => Duration > TimeSpan.Zero ? SilenceTime / Duration : 0;

    /// <summary>
    /// The metrics as flat numbers for rule conditions and stores, in seconds and ratios: <c>talk_seconds</c>,
    /// <c>silence_seconds</c>, <c>silence_ratio</c>, <c>overlap_seconds</c>, <c>interruptions</c>,
    /// <c>longest_silence_seconds</c>, and per speaker <c>&lt;speaker&gt;_talk_seconds</c>, <c>_talk_ratio</c>,
    /// <c>_turns</c>, <c>_longest_turn_seconds</c>, <c>_interruptions</c>, <c>_speaking_rate</c> (e.g.
    /// <c>customer_talk_ratio</c>).
    /// </summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["talk_seconds"] = Math.Round(TalkTime.TotalSeconds, 3),
            ["silence_seconds"] = Math.Round(SilenceTime.TotalSeconds, 3),
            ["silence_ratio"] = Math.Round(SilenceRatio, 4),
            ["overlap_seconds"] = Math.Round(OverlapTime.TotalSeconds, 3),
            ["interruptions"] = Interruptions,
            ["longest_silence_seconds"] = Math.Round(LongestSilence.TotalSeconds, 3),
        };
        foreach (var s in Speakers)
        {
            var prefix = s.Speaker.ToLowerInvariant().Replace(' ', '_') + "_";
            values[prefix + "talk_seconds"] = Math.Round(s.TalkTime.TotalSeconds, 3);
            values[prefix + "talk_ratio"] = Math.Round(s.TalkRatio, 4);
            values[prefix + "turns"] = s.Turns;
            values[prefix + "longest_turn_seconds"] = Math.Round(s.LongestTurn.TotalSeconds, 3);
            values[prefix + "interruptions"] = s.Interruptions;
            values[prefix + "speaking_rate"] = Math.Round(s.SpeakingRate, 1);
        }

        return values;
    }

    /// <summary>Computes the metrics of a call.</summary>
    /// <param name="duration">Length of the recording.</param>
    /// <param name="speakers">Label of each channel (see <see cref="ChannelRoles.For"/>).</param>
    /// <param name="speech">Detected speech of every channel, in any order.</param>
    /// <param name="segments">Recognised segments, for the speaking rate (their <see cref="TranscriptSegment.RawText"/>).</param>
    public static CallMetrics Compute(TimeSpan duration, IReadOnlyList<string> speakers, IReadOnlyList<SpeechInterval> speech, IReadOnlyList<TranscriptSegment> segments)
    {
        var ordered = speech.Where(s => s.End > s.Start).OrderBy(s => s.Start).ThenBy(s => s.Channel).ToArray();
        var union = Union(ordered);
        var talk = union.Aggregate(TimeSpan.Zero, (sum, u) => sum + (u.End - u.Start));
        var longestSilence = TimeSpan.Zero;
        var previousEnd = TimeSpan.Zero;
        foreach (var (start, end) in union)
        {
            longestSilence = Max(longestSilence, start - previousEnd);
            previousEnd = end;
        }

        if (union.Count == 0)
        {
            longestSilence = duration;
        }

        var interruptionsBy = new int[speakers.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            var s = ordered[i];
            if (ordered.Take(i).Any(o => o.Channel != s.Channel && o.Start < s.Start && o.End > s.Start) && s.Channel < speakers.Count)
            {
                interruptionsBy[s.Channel]++;
            }
        }

        var perSpeaker = new List<SpeakerMetrics>();
        for (var ch = 0; ch < speakers.Count; ch++)
        {
            var own = ordered.Where(s => s.Channel == ch).ToArray();
            var ownTalk = own.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Length);
            var turns = Turns(ordered, ch);
            var words = segments.Where(s => s.Channel == ch).Sum(s => CountWords(s.RawText));
            perSpeaker.Add(new SpeakerMetrics(
                speakers[ch], ch, ownTalk,
                duration > TimeSpan.Zero ? ownTalk / duration : 0,
                turns.Count,
                turns.Count == 0 ? TimeSpan.Zero : turns.Max(),
                interruptionsBy[ch],
                ownTalk > TimeSpan.Zero ? words / ownTalk.TotalMinutes : 0));
        }

        var channelTalk = perSpeaker.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.TalkTime);
        return new CallMetrics(duration, talk, Max(TimeSpan.Zero, duration - talk), channelTalk - talk - SameChannelOverlap(ordered),
            interruptionsBy.Sum(), longestSilence, perSpeaker);
    }

    /// <summary>Words in <paramref name="text"/>: runs of letters or digits, each CJK character counting as one.</summary>
    internal static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (SpeakerTurn.IsCjk(c) && char.IsLetter(c))
            {
                words++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c) || c == '\'')
            {
                words += inWord ? 0 : 1;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }

        return words;
    }

    private static List<(TimeSpan Start, TimeSpan End)> Union(IEnumerable<SpeechInterval> ordered)
    {
        var union = new List<(TimeSpan Start, TimeSpan End)>();
        foreach (var s in ordered)
        {
            if (union.Count > 0 && s.Start <= union[^1].End)
            {
                union[^1] = (union[^1].Start, Max(union[^1].End, s.End));
            }
            else
            {
                union.Add((s.Start, s.End));
            }
        }

        return union;
    }

    // A channel's own intervals do not overlap after VAD, but metrics may be computed from other sources; overlap is
    // between speakers only.
    private static TimeSpan SameChannelOverlap(SpeechInterval[] ordered) =>
        ordered.GroupBy(s => s.Channel).Aggregate(TimeSpan.Zero, (sum, g) =>
            sum + g.Aggregate(TimeSpan.Zero, (t, s) => t + s.Length) - Union(g).Aggregate(TimeSpan.Zero, (t, u) => t + (u.End - u.Start)));

    /// <summary>Lengths of the channel's turns: its intervals grouped while no other channel's interval starts between them.</summary>
    private static List<TimeSpan> Turns(SpeechInterval[] ordered, int channel)
    {
        var turns = new List<TimeSpan>();
        TimeSpan? turnStart = null;
        var turnEnd = TimeSpan.Zero;
        foreach (var s in ordered)
        {
            if (s.Channel != channel)
            {
                if (turnStart is { } open && s.Start >= turnEnd)
                {
                    turns.Add(turnEnd - open);
                    turnStart = null;
                }

                continue;
            }

            turnStart ??= s.Start;
            turnEnd = Max(turnEnd, s.End);
        }

        if (turnStart is { } last)
        {
            turns.Add(turnEnd - last);
        }

        return turns;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"talk {TalkTime.TotalSeconds:0.0} s, silence {SilenceTime.TotalSeconds:0.0} s ({SilenceRatio:P0}), overlap {OverlapTime.TotalSeconds:0.0} s, {Interruptions} interruptions");
}
