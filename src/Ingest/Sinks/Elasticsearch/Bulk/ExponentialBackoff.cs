namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>
/// Randomised exponential backoff ("equal jitter"): attempt n waits between half and all of
/// <c>min(max, initial · 2^(n-1))</c>, so many hosts retrying after the same 429 spread out.
/// </summary>
internal sealed class ExponentialBackoff(TimeSpan initial, TimeSpan max, Random random)
{
    /// <summary>The wait before retry number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        double jitter;
        lock (random) jitter = random.NextDouble();
        return TimeSpan.FromMilliseconds(ceiling / 2 + jitter * ceiling / 2);
    }
}
