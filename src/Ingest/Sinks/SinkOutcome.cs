namespace FunAsr.Ingest.Sinks;

/// <summary>What a sink did with one document. With several sinks the worst outcome wins (Rejected &gt; Retryable &gt; Delivered).</summary>
/// <param name="Kind">Delivered, retry later, or refused for good.</param>
/// <param name="Reason">Why it was not delivered; null when delivered.</param>
public sealed record SinkOutcome(SinkOutcomeKind Kind, string? Reason)
{
    /// <summary>The document is stored; the ledger may mark it done.</summary>
    public static SinkOutcome Delivered { get; } = new(SinkOutcomeKind.Delivered, null);

    /// <summary>A transient failure (connection lost, 429, 5xx): the pipeline retries with backoff.</summary>
    public static SinkOutcome Retryable(string reason) => new(SinkOutcomeKind.Retryable, reason);

    /// <summary>A permanent refusal (mapping error, 400): the recording is marked failed with this reason.</summary>
    public static SinkOutcome Rejected(string reason) => new(SinkOutcomeKind.Rejected, reason);
}
