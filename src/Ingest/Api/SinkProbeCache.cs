using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Api;

/// <summary>
/// The last answer of each sink's health check, reused for <see cref="Ttl"/>: a readiness probe every second (or a
/// hundred at once) asks Elasticsearch at most once per period. Concurrent callers share one probe.
/// </summary>
internal sealed class SinkProbeCache(TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _probing = new(1, 1);
    private readonly Dictionary<string, (DateTimeOffset At, string? Problem)> _last = new(StringComparer.Ordinal);

    /// <summary>Null when the sink answered its last check well, else what was wrong.</summary>
    public async Task<string?> ProblemAsync(ISink sink, CancellationToken ct)
    {
        await _probing.WaitAsync(ct);
        try
        {
            if (_last.TryGetValue(sink.Id, out var last) && time.GetUtcNow() - last.At < Ttl) return last.Problem;
            string? problem = null;
            try
            {
                await sink.CheckHealthAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problem = $"sink {sink.Id}: {ex.Message}";
            }
            _last[sink.Id] = (time.GetUtcNow(), problem);
            return problem;
        }
        finally
        {
            _probing.Release();
        }
    }
}
