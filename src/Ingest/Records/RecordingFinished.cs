namespace FunAsr.Ingest.Records;

/// <summary>What became of one recording in this run; reported to progress displays and summaries.</summary>
internal sealed record RecordingFinished(
    string RecordingId,
    string Path,
    RecordingOutcome Outcome,
    TimeSpan Duration,
    int Fields,
    int Alerts,
    string? Error);

/// <summary>Stored; failed for good (quarantined or rejected); or put back in the queue for a later attempt.</summary>
internal enum RecordingOutcome
{
    Stored,
    Failed,
    Retrying,
}
