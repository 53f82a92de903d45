using FunAsr.Extractors;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Persistence;
using FunAsr.Ingest.Pipeline.Stages;
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

    public IngestServices(IngestSettings settings, ILoggerFactory loggers)
    {
        Settings = settings;
        Loggers = loggers;
        Logger = loggers.CreateLogger("FunAsr.Ingest");
        Ledger = new RecordingLedger(settings.LedgerPath);
        Quarantine = new Quarantine(settings.QuarantineDir, loggers.CreateLogger<Quarantine>());
        Intake = new RecordingIntake(Ledger, Quarantine, loggers.CreateLogger<RecordingIntake>());
        Outcomes = new RecordingOutcomes(Ledger, Quarantine, settings.Pipeline, Metrics, loggers.CreateLogger<RecordingOutcomes>());
        _webhooks = new WebhookClients(settings.Alerts, TimeSpan.FromSeconds(2), Metrics.CountWebhookFailure);
        Alerts = new AlertDispatcher(settings.Alerts, Ledger, _webhooks, Metrics, loggers.CreateLogger<AlertDispatcher>());
        var context = new ComponentContext(settings, loggers);
        Sources = [.. settings.Sources.Select(o => ComponentCatalog.CreateSource(o, context))];
        Sinks = [.. settings.Sinks.Select(o => ComponentCatalog.CreateSink(o, context))];
        RecordingHotwords = new RecordingHotwords(settings);
        Rules = new RulePack(settings.Rules.Resolve(), loggers.CreateLogger<RulePack>());
    }

    public IngestSettings Settings { get; }

    public ILoggerFactory Loggers { get; }

    public ILogger Logger { get; }

    public RecordingLedger Ledger { get; }

    public Quarantine Quarantine { get; }

    public PipelineMetrics Metrics { get; } = new();

    /// <summary>The sinks failing right now, for <c>/readyz</c>.</summary>
    public SinkHealth SinkHealth { get; } = new();

    public RecordingIntake Intake { get; }

    public RecordingOutcomes Outcomes { get; }

    public AlertDispatcher Alerts { get; }

    public IReadOnlyList<ISource> Sources { get; }

    public IReadOnlyList<ISink> Sinks { get; }

    /// <summary>Each recording's inbox and own hotwords, extending the deployment list.</summary>
    public RecordingHotwords RecordingHotwords { get; }

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
            Vad = Recognizer.Vad.VadOptions.Default with { Method = r.Vad, ModelPath = r.VadModelDir is null ? null : Path.GetFullPath(r.VadModelDir) },
            Punctuation = Settings.Punctuation.Options(),
        };
        return r.ModelDir is null ? options : options with { ModelDirectory = Path.GetFullPath(r.ModelDir) };
    }

    /// <summary>Logs the device the model runs on and counts a CPU fallback when a GPU was asked for.</summary>
    public void NoteDevice(Transcriber transcriber)
    {
        var asked = Settings.Recognizer.Device;
        Metrics.CpuFallbacks = () => transcriber.CpuFallbacks;
        Logger.LogInformation("Model {ModelId} loaded on {Device} (asked for {Requested}).", transcriber.ModelId, transcriber.Device, asked);
    }

    /// <summary>
    /// Takes the data folder for this process (one host per folder), once; throws <see cref="DataFolderException"/>
    /// naming the process that has it. Commands that process recordings call it before they start anything.
    /// </summary>
    public void LockDataFolder() => _dataFolderLock ??= DataFolderLock.Acquire(Settings.DataDir);

    public DeliverStage CreateDeliverStage() =>
        new(Sinks, Outcomes, Alerts, Settings.Pipeline, Metrics, SinkHealth, Loggers.CreateLogger<DeliverStage>());

    public void Dispose()
    {
        foreach (var sink in Sinks.OfType<IDisposable>()) sink.Dispose();
        Rules.Dispose();
        _webhooks.Dispose();
        _dataFolderLock?.Dispose();
        Metrics.Dispose();
    }
}
