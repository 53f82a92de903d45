using FunAsr.Ingest.Retry;

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

    /// <summary>
    /// Longest wait before the first retry of a failed recording, sink write or webhook POST; doubles per retry, up to
    /// <see cref="RetryMaxBackoffSeconds"/>; each wait is drawn between half and all of it (<see cref="RetryPolicy"/>).
    /// </summary>
    public double RetryBackoffSeconds { get; set; } = 10;

    /// <summary>The ceiling of every retry wait.</summary>
    public double RetryMaxBackoffSeconds { get; set; } = 600;

    /// <summary>How often the ledger is polled for work when no source has signalled any.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>The retry policy these settings describe, on <paramref name="time"/>, with <see cref="MaxAttempts"/> tries.</summary>
    public RetryPolicy Retry(TimeProvider time) =>
        new(TimeSpan.FromSeconds(RetryBackoffSeconds), TimeSpan.FromSeconds(RetryMaxBackoffSeconds), MaxAttempts, time);

    public IEnumerable<string> Validate()
    {
        if (QueueCapacity < 1) yield return $"pipeline.queue_capacity: must be at least 1 (got {QueueCapacity})";
        if (DecodeWorkers < 1) yield return $"pipeline.decode_workers: must be at least 1 (got {DecodeWorkers})";
        if (SinkBatchSize < 1) yield return $"pipeline.sink_batch_size: must be at least 1 (got {SinkBatchSize})";
        if (SinkBacklog < 1) yield return $"pipeline.sink_backlog: must be at least 1 (got {SinkBacklog})";
        if (MaxAttempts < 1) yield return $"pipeline.max_attempts: must be at least 1 (got {MaxAttempts})";
        if (RetryBackoffSeconds < 0) yield return $"pipeline.retry_backoff_seconds: must be 0 or more (got {RetryBackoffSeconds})";
        if (RetryMaxBackoffSeconds < RetryBackoffSeconds)
            yield return $"pipeline.retry_max_backoff_seconds: must be at least retry_backoff_seconds ({RetryBackoffSeconds}) (got {RetryMaxBackoffSeconds})";
        if (PollSeconds <= 0) yield return $"pipeline.poll_seconds: must be more than 0 (got {PollSeconds})";
    }
}
