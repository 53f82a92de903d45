using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Retry;
using FunAsr.Ingest.Sinks;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// What the <see cref="PipelineRunner"/> works with, built by the host from its settings: the ledger and its queue
/// signal, the stages' collaborators, the sinks, and the few host decisions it needs as functions (how to run the
/// sources, the model options, a recording's hotword options, taking the data folder).
/// </summary>
internal sealed record PipelineParts(
    PipelineSettings Settings,
    RetryPolicy Retry,
    RecordingLedger Ledger,
    QueueSignal Queued,
    RecordingOutcomes Outcomes,
    PipelineMetrics Metrics,
    SinkHealth SinkHealth,
    RulePack Rules,
    AlertDispatcher Alerts,
    IReadOnlyList<ISink> Sinks,
    Func<bool, CancellationToken, Task> RunSourcesAsync,
    Func<TranscriberOptions> TranscriberOptions,
    Func<IReadOnlyList<Hotword>, HotwordOptions> HotwordOptions,
    Action LockDataFolder,
    ILoggerFactory Loggers);
