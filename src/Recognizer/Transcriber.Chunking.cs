namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    private static readonly TimeSpan s_quietWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Cuts one channel into pieces of at most <paramref name="maxLength"/>, each cut placed at the quietest
    /// 100 ms window (lowest energy) in the second half of the allowed span, so words are rarely split and memory per
    /// model run stays bounded. Returns (start, length) in samples.
    /// </summary>
    internal static IReadOnlyList<(int Start, int Length)> PlanChunks(ReadOnlySpan<float> samples, int sampleRateHz, TimeSpan maxLength)
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
