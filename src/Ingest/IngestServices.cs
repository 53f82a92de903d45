using FunAsr.Extractors;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Persistence;
using FunAsr.Ingest.Retry;
using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sources;
using FunAsr.Recognizer;

namespace FunAsr.Ingest;

/// <summary>
/// Builds the host's parts from validated settings: ledger, quarantine, sources and sinks (through the
/// <see cref="ComponentCatalog"/>), the rule pack, alerts and metrics. The model itself is loaded by the runner.
/// </summary>
internal sealed class IngestServices : IDisposable
{
    private readonly WebhookClients _webhooks;
    private DataFolderLock? _dataFolderLock;

    /// <param name="settings">Validated settings.</param>
    /// <param name="loggers">Where the parts log.</param>
    /// <param name="time">The clock of every retry wait, and of the sources and sinks. <value>Default: <see cref="TimeProvider.System"/>.</value></param>
    public IngestServices(IngestSettings settings, ILoggerFactory loggers, TimeProvider? time = null)
    {
        Settings = settings;
        var clock = time ?? TimeProvider.System;
        Retry = settings.Pipeline.Retry(clock);
        Loggers = loggers;
        Ledger = new RecordingLedger(settings.LedgerPath);
        Quarantine = new Quarantine(settings.QuarantineDir, loggers.CreateLogger<Quarantine>());
        Inboxes = [.. settings.Sources.Select(o => new Inbox(o.Type, o.InboxDirectory, o.HotwordPhrases()))];
        Intake = new RecordingIntake(Ledger, Quarantine, Inboxes, Queued, loggers.CreateLogger<RecordingIntake>());
        Outcomes = new RecordingOutcomes(Ledger, Quarantine, Retry, Metrics, loggers.CreateLogger<RecordingOutcomes>());
        _webhooks = new WebhookClients(settings.Alerts, Retry, Metrics.CountWebhookFailure);
        Alerts = new AlertDispatcher(settings.Alerts, Ledger, _webhooks, new AlertCounts(Metrics.CountAlert, Metrics.CountWebhookFailure), loggers.CreateLogger<AlertDispatcher>());
        var dataDir = Path.GetFullPath(settings.DataDir);
        Sources = [.. settings.Sources.Select(o => ComponentCatalog.CreateSource(o, new SourceContext(dataDir, loggers, clock)))];
        Sinks = [.. settings.Sinks.Select(o => ComponentCatalog.CreateSink(o, new SinkContext(dataDir, loggers, clock)))];
        Rules = new RulePack(settings.Rules.Resolve(), loggers.CreateLogger<RulePack>());
    }

    public IngestSettings Settings { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>The one retry policy (<c>pipeline.retry_*</c>), for recordings, sink writes and webhooks.</summary>
    public RetryPolicy Retry { get; }

    public RecordingLedger Ledger { get; }

    public Quarantine Quarantine { get; }

    public PipelineMetrics Metrics { get; } = new();

    /// <summary>The sinks failing right now, for <c>/readyz</c>.</summary>
    public SinkHealth SinkHealth { get; } = new();

    public RecordingIntake Intake { get; }

    /// <summary>Each source's folder and inbox hotwords; the intake writes them into the ledger row of each recording.</summary>
    public IReadOnlyList<Inbox> Inboxes { get; }

    /// <summary>Set by the intake when it queued a recording; wakes the pipeline's feeder.</summary>
    public QueueSignal Queued { get; } = new();

    public RecordingOutcomes Outcomes { get; }

    public AlertDispatcher Alerts { get; }

    public IReadOnlyList<ISource> Sources { get; }

    public IReadOnlyList<ISink> Sinks { get; }

    /// <summary>The rule pack, reloaded when its files change.</summary>
    public RulePack Rules { get; }

    /// <summary>The rules in use now; null when no rule pack is loaded.</summary>
    public Extractor? Extractor => Rules.Current.Extractor;

    public TranscriberOptions TranscriberOptions()
    {
        var r = Settings.Recognizer;
        var options = new TranscriberOptions
        {
            Device = r.Device,
            Language = r.Language,
            BatchSize = r.BatchSize,
            IntraOpThreads = r.IntraOpThreads,
            InterOpThreads = r.InterOpThreads,
            MaxNewTokens = r.MaxNewTokens,
            TensorRtCacheDirectory = r.TensorrtCacheDir,
            Itn = Settings.Itn.Options(),
            Hotwords = Settings.Hotwords.Options(Rules.LiteralPhrases),
            LanguageModel = Settings.LanguageModel.Options(),
            ChannelRoles = r.ChannelRoles,
            Vad = VadOptions.Default with { Method = r.Vad, ModelPath = r.VadModelDir is null ? null : Path.GetFullPath(r.VadModelDir) },
            Punctuation = Settings.Punctuation.Options(),
        };
        return r.ModelDir is null ? options : options with { ModelDirectory = Path.GetFullPath(r.ModelDir) };
    }

    /// <summary>The pipeline over these parts; it takes the data folder when it starts.</summary>
    public PipelineRunner CreateRunner() => new(PipelineParts());

    /// <summary>What the runner works with; the sources run with this host's intake.</summary>
    public PipelineParts PipelineParts() => new(
        Settings.Pipeline, Retry, Ledger, Queued, Outcomes, Metrics, SinkHealth, Rules, Alerts, Sinks,
        (once, ct) => Task.WhenAll(Sources.Select(s => s.RunAsync(Intake, once, ct))),
        TranscriberOptions, Settings.Hotwords.With, LockDataFolder, Loggers);

    /// <summary>
    /// Takes the data folder for this process (one host per folder), once; throws <see cref="DataFolderException"/>
    /// naming the process that has it. Commands that process recordings call it before they start anything.
    /// </summary>
    public void LockDataFolder() => _dataFolderLock ??= DataFolderLock.Acquire(Settings.DataDir);

    public void Dispose()
    {
        foreach (var sink in Sinks.OfType<IDisposable>()) sink.Dispose();
        Rules.Dispose();
        _webhooks.Dispose();
        _dataFolderLock?.Dispose();
        Metrics.Dispose();
    }
}
