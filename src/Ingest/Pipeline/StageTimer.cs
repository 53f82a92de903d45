using System.Diagnostics;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// One recording's pass through one stage: a span under the recording's trace and, when disposed, a sample of the
/// stage-duration histogram.
/// </summary>
internal sealed class StageTimer : IDisposable
{
    private readonly string _stage;
    private readonly PipelineMetrics _metrics;
    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();

    public StageTimer(string stage, RecordingJob job, PipelineMetrics metrics)
    {
        _stage = stage;
        _metrics = metrics;
        _span = PipelineTracing.StartStage(stage, job.Trace);
    }

    /// <summary>Marks the span failed with the reason (the recording did not get through this stage).</summary>
    public void Fail(string reason) => _span?.SetStatus(ActivityStatusCode.Error, reason);

    public void Dispose()
    {
        _metrics.RecordStage(_stage, Stopwatch.GetElapsedTime(_started));
        _span?.Dispose();
    }
}
