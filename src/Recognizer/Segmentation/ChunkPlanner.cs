using FunAsr.Recognizer.Audio;

namespace FunAsr.Recognizer.Segmentation;

/// <summary>
/// Segments without voice activity detection: each channel of a whole recording cut into pieces of at most the
/// maximum segment length, each cut placed at the quietest 100 ms window (lowest energy) in the second half of the
/// allowed span, so words are rarely split and memory per model run stays bounded.
/// </summary>
internal static class ChunkPlanner
{
    private static readonly TimeSpan s_quietWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>The pieces of every channel of every clip, clip by clip and channel by channel.</summary>
    public static IEnumerable<SpeechPiece> Pieces(IReadOnlyList<AudioClip> clips, TimeSpan maxLength)
    {
        for (var c = 0; c < clips.Count; c++)
        {
            var clip = clips[c];
            for (var channel = 0; channel < clip.ChannelCount; channel++)
            {
                var samples = clip.Channel(channel);
                foreach (var (start, length) in Plan(samples.Span, clip.SampleRateHz, maxLength))
                {
                    yield return new SpeechPiece(c, channel, start, samples.Slice(start, length));
                }
            }
        }
    }

    /// <summary>Cuts of one channel as (start, length) in samples.</summary>
    public static IReadOnlyList<(int Start, int Length)> Plan(ReadOnlySpan<float> samples, int sampleRateHz, TimeSpan maxLength)
    {
        var maxSamples = (int)Math.Min(int.MaxValue, maxLength.TotalSeconds * sampleRateHz);
        var window = Math.Max(1, (int)(s_quietWindow.TotalSeconds * sampleRateHz));
        var hop = Math.Max(1, window / 10);
        var chunks = new List<(int, int)>();
        var start = 0;
        while (samples.Length - start > maxSamples)
        {
            var searchFrom = start + maxSamples / 2;
            var searchTo = start + maxSamples - window;
            var bestCut = start + maxSamples;
            var bestEnergy = double.MaxValue;
            for (var w = searchFrom; w <= searchTo; w += hop)
            {
                var energy = 0.0;
                foreach (var s in samples.Slice(w, window))
                {
                    energy += s * s;
                }

                if (energy < bestEnergy)
                {
                    bestEnergy = energy;
                    bestCut = w + window / 2;
                }
            }

            chunks.Add((start, bestCut - start));
            start = bestCut;
        }

        if (samples.Length > start)
        {
            chunks.Add((start, samples.Length - start));
        }

        return chunks;
    }
}
