using System.Threading.Channels;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// Hands documents to every sink in batches. A sink that answers Retryable (or throws) gets the same documents
/// again after a growing backoff, without re-sending to sinks that already took them; this stage waits meanwhile,
/// which pushes back on the stages before it, and each waiting recording's ledger row shows the reason and the next
/// try. The worst outcome over all sinks decides the ledger state.
/// </summary>
internal sealed class DeliverStage(
    IReadOnlyList<ISink> sinks, RecordingOutcomes outcomes, AlertDispatcher alerts, PipelineSettings settings,
    PipelineMetrics metrics, ILogger<DeliverStage> logger)
{
    public async Task RunAsync(ChannelReader<RecordingJob> input, CancellationToken ct)
    {
        var batch = new List<RecordingJob>();
        while (await input.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Count < settings.SinkBatchSize && input.TryRead(out var job)) batch.Add(job);
            var results = await DeliverAsync(batch, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i] is { Kind: SinkOutcomeKind.Rejected } rejected)
                {
                    outcomes.Rejected(batch[i], rejected.Reason ?? "rejected by a sink");
                    continue;
                }
                if (outcomes.Stored(batch[i], alerts.Notices(batch[i].Document!, batch[i].Entry.Revision)))
                    alerts.Raised(batch[i].Document!);
            }
        }
    }

    /// <summary>Returns the worst final outcome per document (never Retryable: those are retried until done or cancelled).</summary>
    private async Task<SinkOutcome[]> DeliverAsync(IReadOnlyList<RecordingJob> batch, CancellationToken ct)
    {
        var worst = batch.Select(_ => SinkOutcome.Delivered).ToArray();
        var pending = sinks.ToDictionary(s => s, _ => Enumerable.Range(0, batch.Count).ToList());
        for (var round = 1; pending.Count > 0; round++)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Max(100, settings.Backoff(round).TotalMilliseconds));
            foreach (var (sink, indexes) in pending.ToList())
            {
                var results = await WriteAsync(sink, [.. indexes.Select(i => batch[i].Document!)], ct);
                var retry = new List<int>();
                for (var k = 0; k < indexes.Count; k++)
                {
                    var result = results[k];
                    if (result.Kind == SinkOutcomeKind.Retryable) retry.Add(indexes[k]);
                    else if (result.Kind > worst[indexes[k]].Kind) worst[indexes[k]] = result;
                }
                if (retry.Count == 0) pending.Remove(sink);
                else
                {
                    pending[sink] = retry;
                    var reason = results.First(r => r.Kind == SinkOutcomeKind.Retryable).Reason;
                    logger.LogWarning("Sink {SinkId} could not take {Count} document(s) (round {Round}); retrying in {Delay}: {Reason}.",
                        sink.Id, retry.Count, round, delay, reason);
                    foreach (var i in retry) outcomes.DeliveryDelayed(batch[i], $"{sink.Id}: {reason}", delay);
                }
            }
            if (pending.Count > 0)
                await Task.Delay(delay, ct);
        }
        return worst;
    }

    private async Task<IReadOnlyList<SinkOutcome>> WriteAsync(ISink sink, IReadOnlyList<RecordingDocument> documents, CancellationToken ct)
    {
        IReadOnlyList<SinkOutcome> results;
        try
        {
            results = await sink.WriteAsync(documents, ct);
            if (results.Count != documents.Count)
                throw new InvalidOperationException($"sink {sink.Id} returned {results.Count} outcomes for {documents.Count} documents");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Sinks let exceptions propagate (Serilog's contract); here they mean "try again later".
            var outcome = SinkOutcome.Retryable($"{sink.Id}: {ex.GetType().Name}: {ex.Message}");
            results = [.. documents.Select(_ => outcome)];
        }
        foreach (var r in results.Where(r => r.Kind != SinkOutcomeKind.Delivered)) metrics.CountSinkError(sink.Id);
        return results;
    }
}
