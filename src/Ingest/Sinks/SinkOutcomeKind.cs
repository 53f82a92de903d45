namespace FunAsr.Ingest.Sinks;

/// <summary>Outcome kinds ordered from best to worst, so the worst of several sinks is the maximum.</summary>
public enum SinkOutcomeKind
{
    /// <summary>Stored.</summary>
    Delivered = 0,

    /// <summary>Not stored this time; try again later.</summary>
    Retryable = 1,

    /// <summary>Refused for good.</summary>
    Rejected = 2,
}
