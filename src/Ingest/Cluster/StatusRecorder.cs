using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// The intake's side of the workers' status messages: each moves the recording's ledger row (recognized, extracted,
/// stored, or failed and quarantined here as in the all-in-one host), so <c>status</c>, <c>GET /v1/recordings/{id}</c>
/// and <c>/metrics</c> on the intake describe the whole cluster. A message about an older revision of the file, or one
/// that would move a finished row back (a redelivered job's late "recognized"), is ignored.
/// </summary>
internal sealed class StatusRecorder(RecordingLedger ledger, Quarantine quarantine, PipelineMetrics metrics, ILogger logger)
{
    public void Apply(StatusMessage status)
    {
        if (ledger.Get(status.Id) is not { } entry || entry.Revision != status.Revision) return;
        var finished = entry.State is LedgerState.Stored or LedgerState.Failed;
        switch (status.State)
        {
            case StatusMessage.Recognized when !finished:
                ledger.Advance(status.Id, LedgerState.Recognized, modelId: status.ModelId);
                break;
            case StatusMessage.Extracted when !finished:
                ledger.Advance(status.Id, LedgerState.Extracted, rulePackVersion: status.RulePackVersion);
                break;
            case StatusMessage.Retrying when !finished:
                ledger.NoteRetry(status.Id, $"{status.Worker}: {status.Reason}", TimeSpan.Zero);
                break;
            case StatusMessage.Stored when entry.State != LedgerState.Stored:
                if (!ledger.MarkStored(status.Id, status.Revision, [])) return;
                metrics.CountStored(TimeSpan.FromSeconds(status.AudioSeconds), TimeSpan.FromSeconds(status.QueueSeconds + status.ProcessingSeconds));
                logger.LogInformation(
                    "Stored recording {RecordingId} on worker {Worker} ({Seconds:F1} s of audio; queued {QueueSeconds:F3} s, processed in {ProcessingSeconds:F3} s).",
                    status.Id, status.Worker, status.AudioSeconds, status.QueueSeconds, status.ProcessingSeconds);
                break;
            case StatusMessage.Failed when !finished:
                var reason = $"{status.Worker}: {status.Reason}";
                quarantine.Put(entry.Path, entry.Id, reason, status.Attempt);
                ledger.MarkFailed(status.Id, reason);
                metrics.CountFailed();
                break;
        }
    }
}
