using System.Collections.Concurrent;
using System.Globalization;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// The sinks failing right now: a sink whose last write had to be retried, until a write goes through. Read by
/// <c>/readyz</c>, which is not ready while a sink is failing even though the other sinks go on delivering.
/// </summary>
internal sealed class SinkHealth
{
    private readonly ConcurrentDictionary<string, (string Reason, DateTimeOffset Since)> _failing = new(StringComparer.Ordinal);

    public void Failing(string sinkId, string reason) =>
        _failing.AddOrUpdate(sinkId, _ => (reason, DateTimeOffset.UtcNow), (_, was) => (reason, was.Since));

    public void Recovered(string sinkId) => _failing.TryRemove(sinkId, out _);

    /// <summary>One line per failing sink, naming it, since when, and its last reason; empty when all deliver.</summary>
    public IReadOnlyList<string> Problems() =>
        [.. _failing.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"sink {f.Key} failing since {f.Value.Since.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}: {f.Value.Reason}")];
}
