using System.Collections.Concurrent;

namespace FunAsr.Ingest.Pipeline;

/// <summary>Counters for <c>/metrics</c> and the summary: audio and processing seconds, sink errors, fallbacks, alerts.</summary>
internal sealed class PipelineMetrics
{
    private readonly ConcurrentDictionary<string, long> _sinkErrors = new();
    private long _audioMilliseconds;
    private long _processingMilliseconds;
    private long _recordingsStored;
    private long _recordingsFailed;
    private long _alerts;
    private long _webhookFailures;

    public double AudioSeconds => Interlocked.Read(ref _audioMilliseconds) / 1000.0;

    public double ProcessingSeconds => Interlocked.Read(ref _processingMilliseconds) / 1000.0;

    /// <summary>Processing time over audio time for the recordings stored so far (below 1 is faster than real time).</summary>
    public double RealTimeFactor => AudioSeconds > 0 ? ProcessingSeconds / AudioSeconds : 0;

    public long RecordingsStored => Interlocked.Read(ref _recordingsStored);

    public long RecordingsFailed => Interlocked.Read(ref _recordingsFailed);

    public long Alerts => Interlocked.Read(ref _alerts);

    public long WebhookFailures => Interlocked.Read(ref _webhookFailures);

    /// <summary>1 when a GPU was asked for and the model runs on the CPU instead.</summary>
    public int CpuFallbacks { get; set; }

    /// <summary>Items waiting in each stage's input channel, set by the runner.</summary>
    public Func<IReadOnlyDictionary<string, int>> QueueDepths { get; set; } = () => new Dictionary<string, int>();

    public IReadOnlyDictionary<string, long> SinkErrors => _sinkErrors;

    public void CountStored(TimeSpan audio, TimeSpan processing)
    {
        Interlocked.Increment(ref _recordingsStored);
        Interlocked.Add(ref _audioMilliseconds, (long)audio.TotalMilliseconds);
        Interlocked.Add(ref _processingMilliseconds, (long)processing.TotalMilliseconds);
    }

    public void CountFailed() => Interlocked.Increment(ref _recordingsFailed);

    public void CountSinkError(string sinkId) => _sinkErrors.AddOrUpdate(sinkId, 1, (_, n) => n + 1);

    public void CountAlert() => Interlocked.Increment(ref _alerts);

    public void CountWebhookFailure() => Interlocked.Increment(ref _webhookFailures);
}
