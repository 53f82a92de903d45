namespace FunAsr.Ingest.Pipeline;

/// <summary>The <c>pipeline:</c> section: channel sizes, parallelism and retry policy.</summary>
internal sealed class PipelineSettings
{
    /// <summary>Capacity of each bounded channel between stages; a full channel makes the stage before it wait.</summary>
    public int QueueCapacity { get; set; } = 8;

    /// <summary>
    /// Recordings transcribed at once (each streamed file → speech segments → model; the key keeps its historical name).
    /// Each holds at most a few minutes of pending speech, so memory grows with this number, not with recording length.
    /// </summary>
    public int DecodeWorkers { get; set; } = 2;

    /// <summary>Documents handed to the sinks in one write.</summary>
    public int SinkBatchSize { get; set; } = 16;

    /// <summary>
    /// Documents one sink may fall behind the others (while it is down) before delivery waits for it. Until then the
    /// other sinks go on storing; the documents wait in memory, so this bounds what an outage costs.
    /// </summary>
    public int SinkBacklog { get; set; } = 256;

    /// <summary>Tries per recording (a crash of the host while it was in flight counts) before it is quarantined.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry of a failed recording or sink write; doubles each time, capped at 10 minutes.</summary>
    public double RetryBackoffSeconds { get; set; } = 10;

    /// <summary>How often the ledger is polled for work when no source has signalled any.</summary>
    public double PollSeconds { get; set; } = 1;

    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(600, RetryBackoffSeconds * Math.Pow(2, Math.Max(0, attempt - 1))));

    public IEnumerable<string> Validate()
    {
        if (QueueCapacity < 1) yield return $"pipeline.queue_capacity: must be at least 1 (got {QueueCapacity})";
        if (DecodeWorkers < 1) yield return $"pipeline.decode_workers: must be at least 1 (got {DecodeWorkers})";
        if (SinkBatchSize < 1) yield return $"pipeline.sink_batch_size: must be at least 1 (got {SinkBatchSize})";
        if (SinkBacklog < 1) yield return $"pipeline.sink_backlog: must be at least 1 (got {SinkBacklog})";
        if (MaxAttempts < 1) yield return $"pipeline.max_attempts: must be at least 1 (got {MaxAttempts})";
        if (RetryBackoffSeconds < 0) yield return $"pipeline.retry_backoff_seconds: must be 0 or more (got {RetryBackoffSeconds})";
        if (PollSeconds <= 0) yield return $"pipeline.poll_seconds: must be more than 0 (got {PollSeconds})";
    }
}
