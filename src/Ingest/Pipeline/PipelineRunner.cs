using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline.Stages;
using FunAsr.Ingest.Records;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Moves recordings from the ledger through transcribe → extract → deliver, joined by bounded channels
/// (a full channel makes the stage before it wait). It only moves jobs and outcomes; the stages do the work.
/// On cancellation in-flight recordings are left queued in the ledger for the next start.
/// </summary>
internal sealed class PipelineRunner(PipelineParts parts)
{
    private readonly ILogger _logger = parts.Loggers.CreateLogger<PipelineRunner>();
    private Transcriber? _transcriber;

    /// <summary>True once the model is loaded and every sink passed its health check.</summary>
    public bool Ready { get; private set; }

    /// <summary>
    /// Loads the model now (otherwise <see cref="RunAsync"/> does), so that <c>run</c> stops with one error naming the
    /// model before anything is served when the model is missing or broken.
    /// </summary>
    public async Task LoadModelAsync(CancellationToken ct)
    {
        if (_transcriber is not null) return;
        var options = parts.TranscriberOptions();
        var transcriber = await Task.Run(() => Transcriber.Create(options, parts.Loggers.CreateLogger<Transcriber>()), ct);
        _logger.LogInformation("Model {ModelId} loaded on {Device} (asked for {Requested}).", transcriber.ModelId, transcriber.Device, options.Device);
        _transcriber = transcriber;
    }

    /// <summary>
    /// Runs until <paramref name="ct"/> is cancelled or, with <paramref name="once"/>, until the sources have offered
    /// what they have and every recording in the ledger is stored or failed.
    /// </summary>
    public async Task RunAsync(bool once, CancellationToken ct)
    {
        var settings = parts.Settings;
        var ledger = parts.Ledger;
        parts.LockDataFolder();
        Recover(settings.MaxAttempts);

        foreach (var sink in parts.Sinks) await sink.CheckHealthAsync(ct);
        await LoadModelAsync(ct);
        using var transcriber = _transcriber!;
        _transcriber = null;
        Ready = true;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var capacity = settings.QueueCapacity;
        var toTranscribe = Bounded(capacity);
        var toExtract = Bounded(capacity);
        var toDeliver = Bounded(Math.Max(capacity, settings.SinkBatchSize));
        parts.Metrics.Observe(ledger);
        parts.Metrics.ObserveQueues(toTranscribe.Reader, toExtract.Reader, toDeliver.Reader);

        var sources = parts.RunSourcesAsync(once, stop.Token);
        var feeder = new LedgerFeeder(parts, _logger);
        var transcribe = new TranscribeStage(transcriber, parts.Outcomes, ledger, parts.Metrics);
        var extract = new ExtractStage(parts.Rules, parts.Outcomes, ledger, parts.Metrics);
        var deliver = new DeliverStage(parts.Sinks, parts.Outcomes, parts.Alerts, settings, parts.Retry, parts.Metrics, parts.SinkHealth, parts.Loggers.CreateLogger<DeliverStage>());
        var alerts = parts.Alerts.RunAsync(stop.Token);

        Task[] stages =
        [
            Stage(() => feeder.RunAsync(toTranscribe.Writer, sources, once, stop.Token), toTranscribe.Writer, stop),
            Stage(() => Task.WhenAll(Enumerable.Range(0, settings.DecodeWorkers)
                .Select(_ => transcribe.RunAsync(toTranscribe.Reader, toExtract.Writer, stop.Token))), toExtract.Writer, stop),
            Stage(() => extract.RunAsync(toExtract.Reader, toDeliver.Writer, stop.Token), toDeliver.Writer, stop),
            Stage(() => deliver.RunAsync(toDeliver.Reader, stop.Token), null, stop),
        ];
        try
        {
            await AwaitStagesAsync(stages, ct);
            parts.Alerts.Complete();
            await alerts;
            await sources;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _logger.LogInformation("Stopping: recordings in flight stay queued in the ledger for the next start.");
        }
        finally
        {
            Ready = false;
            await stop.CancelAsync();
            ledger.RecoverInFlight(graceful: true, settings.MaxAttempts);
        }
    }

    /// <summary>
    /// Puts back what a host that died left in flight (see <see cref="RecordingLedger.RecoverInFlight"/>); a recording
    /// that was transcribed on its own each time the host died, <c>max_attempts</c> times, fails and is quarantined.
    /// </summary>
    private void Recover(int maxAttempts)
    {
        var (resumed, crashedAlone) = parts.Ledger.RecoverInFlight(graceful: false, maxAttempts);
        if (resumed > 0)
            _logger.LogWarning("Resuming {Count} recording(s) that were in flight when the host last stopped; any that was being transcribed is retried on its own first.", resumed);
        foreach (var entry in crashedAlone)
        {
            parts.Outcomes.Claimed();
            parts.Outcomes.Failed(new RecordingJob(entry, RecordingMetadata.None),
                $"the host stopped {entry.Attempts} time(s) while transcribing this recording on its own; last error: {entry.LastError ?? "none"}", permanent: true);
        }
    }

    internal static Channel<RecordingJob> Bounded(int capacity) => Channel.CreateBounded<RecordingJob>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// Waits for every stage. Once one faults the others end with cancellation, so unless <paramref name="ct"/> asked
    /// for the stop, the fault itself is thrown rather than the cancellations it caused.
    /// </summary>
    internal static async Task AwaitStagesAsync(Task[] stages, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(stages);
        }
        catch when (!ct.IsCancellationRequested)
        {
            var fault = stages.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (fault is not null) ExceptionDispatchInfo.Throw(fault);
            throw;
        }
    }

    /// <summary>Runs one stage; when it ends, completes its output so the next stage drains; a fault stops the pipeline.</summary>
    internal static async Task Stage(Func<Task> body, ChannelWriter<RecordingJob>? output, CancellationTokenSource stop)
    {
        try
        {
            await body();
            output?.TryComplete();
        }
        catch (Exception ex)
        {
            output?.TryComplete(ex);
            await stop.CancelAsync();
            throw;
        }
    }
}
