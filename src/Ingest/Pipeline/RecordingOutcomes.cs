using System.Diagnostics;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Retry;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Records how each claimed recording ends: stored, requeued with backoff, or failed and quarantined once it has
/// used its attempts (or at once for problems a retry cannot fix). Counts what is in flight so a <c>--once</c>
/// run knows when it is done.
/// </summary>
internal sealed class RecordingOutcomes(
    RecordingLedger ledger, Quarantine quarantine, RetryPolicy retry, PipelineMetrics metrics, ILogger<RecordingOutcomes> logger)
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Called for every finished recording (from any stage's thread).</summary>
    public Action<RecordingFinished>? Finished { get; set; }

    public void Claimed() => Interlocked.Increment(ref _inFlight);

    /// <summary>
    /// Every sink took the document; its alerts' webhook notices go to the ledger's outbox with it. Returns false when the file changed while it was processed: the recording is
    /// then queued again for its newer version instead of counting as stored.
    /// </summary>
    public bool Stored(RecordingJob job, IReadOnlyList<WebhookNotice> alertNotices)
    {
        var doc = job.Document!;
        if (!ledger.MarkStored(job.Id, job.Entry.Revision, alertNotices))
        {
            logger.LogInformation("Recording {RecordingId} changed on disk while it was processed; queued again for the newer version.", job.Id);
            End(job, new RecordingFinished(job.Id, job.Path, RecordingOutcome.Retrying, TimeSpan.Zero, 0, 0, null));
            return false;
        }
        metrics.CountStored(doc.Transcript.Duration, job.Clock.Elapsed);
        logger.LogInformation("Stored recording {RecordingId} ({Seconds:F1} s of audio, {Fields} fields, {Alerts} alerts).",
            job.Id, doc.Transcript.Duration.TotalSeconds, doc.Fields.Count, doc.Alerts.Count);
        End(job, new RecordingFinished(job.Id, job.Path, RecordingOutcome.Stored, doc.Transcript.Duration, doc.Fields.Count, doc.Alerts.Count, null));
        return true;
    }

    /// <summary>
    /// A failed attempt. <paramref name="permanent"/> problems (corrupt or empty audio) quarantine at once; others are
    /// retried after the backoff until <c>pipeline.max_attempts</c> is used up.
    /// </summary>
    public void Failed(RecordingJob job, string reason, bool permanent)
    {
        if (permanent || !retry.AllowsAnotherAfter(job.Attempts))
        {
            quarantine.Put(job.Path, job.Id, reason, job.Attempts);
            ledger.MarkFailed(job.Id, reason);
            metrics.CountFailed();
            End(job, new RecordingFinished(job.Id, job.Path, RecordingOutcome.Failed, job.Transcript?.Duration ?? TimeSpan.Zero, 0, 0, reason));
            return;
        }
        // A recording delivered from its kept transcript (after `retry`) fails before any attempt was counted.
        var delay = retry.DelayBefore(Math.Max(1, job.Attempts));
        logger.LogWarning("Recording {RecordingId} failed (attempt {Attempt} of {MaxAttempts}), retried in {Delay}: {Reason}.",
            job.Id, job.Attempts, retry.MaxAttempts, delay, reason);
        ledger.Requeue(job.Id, reason, delay);
        End(job, new RecordingFinished(job.Id, job.Path, RecordingOutcome.Retrying, TimeSpan.Zero, 0, 0, reason));
    }

    /// <summary>
    /// A sink could not take the document yet and it is retried after <paramref name="retryIn"/>: the ledger row keeps
    /// its state and shows the reason and the next try (for <c>status</c> and <c>GET /v1/recordings/{id}</c>); no
    /// attempt is used up, because the recording itself is fine.
    /// </summary>
    public void DeliveryDelayed(RecordingJob job, string reason, TimeSpan retryIn) =>
        ledger.NoteRetry(job.Id, $"waiting for a sink: {reason}", retryIn);

    /// <summary>
    /// A sink refused the document for good: failed in the ledger with the reason, its transcript kept for <c>retry</c>;
    /// the audio is not quarantined.
    /// </summary>
    public void Rejected(RecordingJob job, string reason)
    {
        logger.LogError("Sinks rejected recording {RecordingId}: {Reason}.", job.Id, reason);
        ledger.MarkFailed(job.Id, reason, keepTranscript: true);
        metrics.CountFailed();
        End(job, new RecordingFinished(job.Id, job.Path, RecordingOutcome.Failed, job.Transcript?.Duration ?? TimeSpan.Zero, 0, 0, reason));
    }

    /// <summary>The recording leaves the pipeline for now: its trace ends (failed unless stored) and progress displays hear of it.</summary>
    private void End(RecordingJob job, RecordingFinished finished)
    {
        if (finished.Outcome != RecordingOutcome.Stored) job.Trace?.SetStatus(ActivityStatusCode.Error, finished.Error ?? finished.Outcome.ToString());
        job.Trace?.SetTag("funasr.outcome", finished.Outcome.ToString().ToLowerInvariant());
        job.Trace?.Dispose();
        Interlocked.Decrement(ref _inFlight);
        Finished?.Invoke(finished);
    }
}
