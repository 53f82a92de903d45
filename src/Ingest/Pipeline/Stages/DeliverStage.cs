using System.Threading.Channels;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Retry;
using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Records;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// Hands documents to every sink, each sink on its own lane: a sink that answers Retryable (or throws) gets the same
/// documents again after the <see cref="RetryPolicy"/>'s wait (on its clock; it never gives up, since the recording is
/// fine and only the sink is not) while the other sinks go on delivering, so an Elasticsearch outage does not
/// hold back the embedded store. A recording is finished once every sink has answered for it for good (the worst
/// answer decides the ledger state); meanwhile its ledger row shows the sink it waits for and the next try, and
/// <see cref="SinkHealth"/> names the failing sink for <c>/readyz</c>. A lane holds at most
/// <c>pipeline.sink_backlog</c> documents; a sink that falls that far behind makes this stage wait, which pushes back
/// on the stages before it.
/// </summary>
internal sealed class DeliverStage(
    IReadOnlyList<ISink> sinks, RecordingOutcomes outcomes, AlertDispatcher alerts, PipelineSettings settings, RetryPolicy retryPolicy,
    PipelineMetrics metrics, SinkHealth health, ILogger<DeliverStage> logger)
{
    /// <summary>The shortest wait between writes to a sink that is down: a zero backoff (as tests set) would spin.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(ChannelReader<RecordingJob> input, CancellationToken ct)
    {
        var lanes = sinks.Select(sink => (Sink: sink, Queue: Channel.CreateBounded<PendingDelivery>(
            new BoundedChannelOptions(settings.SinkBacklog) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }))).ToList();
        var running = lanes.Select(lane => RunLaneAsync(lane.Sink, lane.Queue, ct)).ToList();
        await foreach (var job in input.ReadAllAsync(ct))
        {
            var delivery = new PendingDelivery(job, lanes.Count, new StageTimer("deliver", job, metrics));
            foreach (var (_, queue) in lanes) await queue.Writer.WriteAsync(delivery, ct);
        }
        foreach (var (_, queue) in lanes) queue.Writer.TryComplete();
        await Task.WhenAll(running);
    }

    private async Task RunLaneAsync(ISink sink, Channel<PendingDelivery> queue, CancellationToken ct)
    {
        try
        {
            var batch = new List<PendingDelivery>();
            while (await queue.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < settings.SinkBatchSize && queue.Reader.TryRead(out var delivery)) batch.Add(delivery);
                await DeliverAsync(sink, batch, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unblocks the fan-out waiting on this lane, so the fault reaches the runner instead of a hang.
            queue.Writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Writes one batch to one sink, again and again for the Retryable part, until each document has a final answer.</summary>
    private async Task DeliverAsync(ISink sink, IReadOnlyList<PendingDelivery> batch, CancellationToken ct)
    {
        var pending = batch;
        for (var round = 1; ; round++)
        {
            var results = await WriteAsync(sink, [.. pending.Select(d => d.Job.Document!)], ct);
            var retry = new List<PendingDelivery>();
            for (var k = 0; k < pending.Count; k++)
            {
                if (results[k].Kind == SinkOutcomeKind.Retryable) retry.Add(pending[k]);
                else if (pending[k].Answer(results[k] with { Reason = Attributed(sink, results[k].Reason) }))
                    Finish(pending[k]);
            }
            if (retry.Count == 0)
            {
                health.Recovered(sink.Id);
                return;
            }
            var reason = Attributed(sink, results.First(r => r.Kind == SinkOutcomeKind.Retryable).Reason);
            var delay = retryPolicy.DelayBefore(round);
            if (delay < MinimumWait) delay = MinimumWait;
            health.Failing(sink.Id, reason);
            logger.LogWarning("Sink {SinkId} could not take {Count} document(s) (round {Round}); retrying in {Delay} while the other sinks go on: {Reason}.",
                sink.Id, retry.Count, round, delay, reason);
            foreach (var delivery in retry) outcomes.DeliveryDelayed(delivery.Job, reason, delay);
            await retryPolicy.WaitAsync(delay, ct);
            pending = retry;
        }
    }

    /// <summary>Every sink has answered: stored (and its alerts sent), or failed with the rejecting sink's reason.</summary>
    private void Finish(PendingDelivery delivery)
    {
        using (delivery.Timer)
        {
            if (delivery.Outcome is { Kind: SinkOutcomeKind.Rejected } rejected)
            {
                delivery.Timer.Fail(rejected.Reason!);
                outcomes.Rejected(delivery.Job, rejected.Reason!);
                return;
            }
        }
        if (outcomes.Stored(delivery.Job, alerts.Notices(delivery.Job.Document!, delivery.Job.Entry.Revision)))
            alerts.Raised(delivery.Job.Document!);
    }

    /// <summary>A reason that starts with the sink's id, so the ledger and <c>retry --sink</c> can tell which sink it was.</summary>
    private static string Attributed(ISink sink, string? reason) =>
        reason is null ? sink.Id
        : reason.StartsWith(sink.Id, StringComparison.Ordinal) ? reason
        : $"{sink.Id}: {reason}";

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
