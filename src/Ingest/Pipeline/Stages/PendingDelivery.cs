using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// One recording on its way to every sink: counts the sinks still to answer and keeps the worst answer. Its
/// <see cref="Timer"/> (the <c>deliver</c> span and duration) runs until the last sink answered.
/// </summary>
internal sealed class PendingDelivery(RecordingJob job, int sinks, StageTimer timer)
{
    private readonly Lock _lock = new();
    private int _unanswered = sinks;

    public RecordingJob Job { get; } = job;

    public StageTimer Timer { get; } = timer;

    /// <summary>The worst final answer so far (Delivered until a sink rejects the document).</summary>
    public SinkOutcome Outcome { get; private set; } = SinkOutcome.Delivered;

    /// <summary>Records one sink's final answer (never Retryable); true when it was the last sink to answer.</summary>
    public bool Answer(SinkOutcome outcome)
    {
        lock (_lock)
        {
            if (outcome.Kind > Outcome.Kind) Outcome = outcome;
            return --_unanswered == 0;
        }
    }
}
