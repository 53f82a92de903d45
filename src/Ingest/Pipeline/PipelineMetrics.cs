using System.Diagnostics.Metrics;
using System.Threading.Channels;
using FunAsr.Ingest.Ledger;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// The host's metrics as .NET <see cref="Meter"/> instruments (meter <see cref="MeterName"/>), which OpenTelemetry
/// exports as Prometheus text on <c>/metrics</c> and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The
/// observable ones (ledger states, queue depths) are read live at each collection; the model's CPU fallbacks are the
/// recognizer's own counter (<see cref="FunAsr.Recognizer.RecognizerMetrics"/>), exported beside these.
/// </summary>
internal sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "FunAsr.Pipeline";

    /// <summary>From a short voicemail's extraction (milliseconds) to a long call's transcription (minutes).</summary>
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _stored;
    private readonly Counter<long> _failed;
    private readonly Counter<double> _audio;
    private readonly Counter<long> _sinkErrors;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _webhookFailures;
    private readonly Histogram<double> _stageDuration;
    private readonly Histogram<double> _recordingDuration;

    public PipelineMetrics()
    {
        _stored = _meter.CreateCounter<long>("funasr.recordings.stored", "{recording}", "Recordings stored since the host started.");
        _failed = _meter.CreateCounter<long>("funasr.recordings.failed", "{recording}", "Recordings failed for good since the host started.");
        _audio = _meter.CreateCounter<double>("funasr.audio", "s", "Seconds of audio stored since the host started.");
        _sinkErrors = _meter.CreateCounter<long>("funasr.sink.errors", "{document}", "Documents a sink did not take (retryable or rejected).");
        _alerts = _meter.CreateCounter<long>("funasr.alerts", "{alert}", "Alerts raised by rules since the host started.");
        _webhookFailures = _meter.CreateCounter<long>("funasr.webhook.failures", "{request}", "Failed webhook requests (each attempt).");
        _stageDuration = _meter.CreateHistogram("funasr.stage.duration", "s", "Time one recording spent in a stage (transcribe, extract, deliver).",
            advice: SecondsBuckets);
        _recordingDuration = _meter.CreateHistogram("funasr.recording.duration", "s", "Wall-clock time from claim to storage of one recording.",
            advice: SecondsBuckets);
        _meter.CreateObservableGauge("funasr.queue.depth", () => QueueDepths().Select(kv => new Measurement<int>(kv.Value, new KeyValuePair<string, object?>("stage", kv.Key))),
            "{recording}", "Recordings waiting in each stage's input channel.");
        _meter.CreateObservableGauge("funasr.recordings", () => LedgerStates().Select(kv => new Measurement<int>(kv.Value, new KeyValuePair<string, object?>("state", kv.Key))),
            "{recording}", "Recordings in the ledger by state.");
    }

    /// <summary>The meter itself, for listeners that watch this host only (several hosts can share a process in tests).</summary>
    public Meter Meter => _meter;

    /// <summary>Items waiting in each stage's input channel (<see cref="ObserveQueues"/>).</summary>
    public Func<IReadOnlyDictionary<string, int>> QueueDepths { get; private set; } = () => new Dictionary<string, int>();

    /// <summary>Ledger rows by state name (<see cref="Observe"/>).</summary>
    public Func<IReadOnlyDictionary<string, int>> LedgerStates { get; private set; } = () => new Dictionary<string, int>();

    /// <summary>Reports <paramref name="ledger"/>'s rows by state as <c>funasr.recordings</c>.</summary>
    public void Observe(RecordingLedger ledger) =>
        LedgerStates = () => ledger.Counts().ByState.ToDictionary(kv => RecordingLedger.Name(kv.Key), kv => kv.Value);

    /// <summary>Reports what waits before each stage as <c>funasr.queue.depth</c>.</summary>
    public void ObserveQueues(ChannelReader<RecordingJob> transcribe, ChannelReader<RecordingJob> extract, ChannelReader<RecordingJob> deliver) =>
        QueueDepths = () => new Dictionary<string, int>
        {
            ["transcribe"] = transcribe.Count, ["extract"] = extract.Count, ["deliver"] = deliver.Count,
        };

    public void CountStored(TimeSpan audio, TimeSpan processing)
    {
        _stored.Add(1);
        _audio.Add(audio.TotalSeconds);
        _recordingDuration.Record(processing.TotalSeconds);
    }

    public void CountFailed() => _failed.Add(1);

    public void CountSinkError(string sinkId) => _sinkErrors.Add(1, new KeyValuePair<string, object?>("sink", sinkId));

    public void CountAlert() => _alerts.Add(1);

    public void CountWebhookFailure() => _webhookFailures.Add(1);

    /// <summary>Records how long one recording spent in <paramref name="stage"/>.</summary>
    public void RecordStage(string stage, TimeSpan elapsed) => _stageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    public void Dispose() => _meter.Dispose();
}
