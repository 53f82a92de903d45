using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline.Stages;
using FunAsr.Ingest.Sources;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Moves recordings from the ledger through transcribe → extract → deliver, joined by bounded channels
/// (a full channel makes the stage before it wait). It only moves jobs and outcomes; the stages do the work.
/// On cancellation in-flight recordings are left queued in the ledger for the next start.
/// </summary>
internal sealed class PipelineRunner(IngestServices services)
{
    private Transcriber? _transcriber;

    /// <summary>True once the model is loaded and every sink passed its health check.</summary>
    public bool Ready { get; private set; }

    /// <summary>
    /// Loads the model now (otherwise <see cref="RunAsync"/> does), so that <c>run</c> stops with one error naming the
    /// model before anything is served when the model is missing or broken.
    /// </summary>
    public async Task LoadModelAsync(CancellationToken ct) =>
        _transcriber ??= await Task.Run(() => Transcriber.Create(services.TranscriberOptions(), services.Loggers.CreateLogger<Transcriber>()), ct);

    /// <summary>
    /// Runs until <paramref name="ct"/> is cancelled or, with <paramref name="once"/>, until the sources have offered
    /// what they have and every recording in the ledger is stored or failed.
    /// </summary>
    public async Task RunAsync(bool once, CancellationToken ct)
    {
        var settings = services.Settings;
        var ledger = services.Ledger;
        services.LockDataFolder();
        Recover(settings.Pipeline.MaxAttempts);

        foreach (var sink in services.Sinks) await sink.CheckHealthAsync(ct);
        await LoadModelAsync(ct);
        using var transcriber = _transcriber!;
        _transcriber = null;
        services.NoteDevice(transcriber);
        Ready = true;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var capacity = settings.Pipeline.QueueCapacity;
        var toTranscribe = Bounded(capacity);
        var toExtract = Bounded(capacity);
        var toDeliver = Bounded(Math.Max(capacity, settings.Pipeline.SinkBatchSize));
        services.Metrics.LedgerStates = () => ledger.Counts().ByState.ToDictionary(kv => RecordingLedger.Name(kv.Key), kv => kv.Value);
        services.Metrics.QueueDepths = () => new Dictionary<string, int>
        {
            ["transcribe"] = toTranscribe.Reader.Count,
            ["extract"] = toExtract.Reader.Count, ["deliver"] = toDeliver.Reader.Count,
        };

        var sources = Task.WhenAll(services.Sources.Select(s => s.RunAsync(services.Intake, once, stop.Token)));
        var transcribe = new TranscribeStage(transcriber, services.Outcomes, ledger, services.Metrics);
        var extract = new ExtractStage(services.Rules, services.Outcomes, ledger, services.Metrics);
        var deliver = services.CreateDeliverStage();
        var alerts = services.Alerts.RunAsync(stop.Token);

        Task[] stages =
        [
            Stage(() => FeedAsync(toTranscribe.Writer, sources, once, stop.Token), toTranscribe.Writer, stop),
            Stage(() => Task.WhenAll(Enumerable.Range(0, settings.Pipeline.DecodeWorkers)
                .Select(_ => transcribe.RunAsync(toTranscribe.Reader, toExtract.Writer, stop.Token))), toExtract.Writer, stop),
            Stage(() => extract.RunAsync(toExtract.Reader, toDeliver.Writer, stop.Token), toDeliver.Writer, stop),
            Stage(() => deliver.RunAsync(toDeliver.Reader, stop.Token), null, stop),
        ];
        try
        {
            await Task.WhenAll(stages);
            services.Alerts.Complete();
            await alerts;
            await sources;
        }
        catch when (!ct.IsCancellationRequested)
        {
            // Other stages end with cancellation once one faults; surface the fault itself.
            var fault = stages.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (fault is not null) ExceptionDispatchInfo.Throw(fault);
            throw;
        }
        catch (OperationCanceledException)
        {
            services.Logger.LogInformation("Stopping: recordings in flight stay queued in the ledger for the next start.");
        }
        finally
        {
            Ready = false;
            await stop.CancelAsync();
            ledger.RecoverInFlight(graceful: true, settings.Pipeline.MaxAttempts);
        }
    }

    /// <summary>
    /// Puts back what a host that died left in flight (see <see cref="RecordingLedger.RecoverInFlight"/>); a recording
    /// that was transcribed on its own each time the host died, <c>max_attempts</c> times, fails and is quarantined.
    /// </summary>
    private void Recover(int maxAttempts)
    {
        var (resumed, crashedAlone) = services.Ledger.RecoverInFlight(graceful: false, maxAttempts);
        if (resumed > 0)
            services.Logger.LogWarning("Resuming {Count} recording(s) that were in flight when the host last stopped; any that was being transcribed is retried on its own first.", resumed);
        foreach (var entry in crashedAlone)
        {
            services.Outcomes.Claimed();
            services.Outcomes.Failed(new RecordingJob(entry, RecordingMetadata.None),
                $"the host stopped {entry.Attempts} time(s) while transcribing this recording on its own; last error: {entry.LastError ?? "none"}", permanent: true);
        }
    }

    /// <summary>
    /// Claims due ledger rows into the first channel, waking on intake signals or the poll interval. A suspect of an
    /// earlier crash is claimed only when nothing else is in flight, and nothing else is claimed until it is done.
    /// </summary>
    private async Task FeedAsync(ChannelWriter<RecordingJob> output, Task sources, bool once, CancellationToken ct)
    {
        var settings = services.Settings.Pipeline;
        var poll = TimeSpan.FromSeconds(settings.PollSeconds);
        var suspectInFlight = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (sources.IsFaulted) await sources;
            var alone = services.Outcomes.InFlight == 0;
            if (alone) suspectInFlight = false;
            if (!suspectInFlight && services.Ledger.ClaimNext(alone) is { } entry)
            {
                services.Outcomes.Claimed();
                suspectInFlight = entry.Suspect;
                var metadata = ParseMetadata(entry);
                var job = new RecordingJob(entry, metadata)
                {
                    Hotwords = services.RecordingHotwords.For(entry.Path, metadata),
                    Transcript = KeptTranscriptOf(entry),
                    Trace = PipelineTracing.StartRecording(entry.Id, entry.Path),
                };
                await output.WriteAsync(job, ct);
                continue;
            }
            var wait = suspectInFlight ? TimeSpan.FromMilliseconds(100) : poll;
            if (once && sources.IsCompleted && services.Outcomes.InFlight == 0)
            {
                var (pending, nextDue) = services.Ledger.Pending();
                if (pending == 0) return;
                if (nextDue is { } due && due - DateTimeOffset.UtcNow is var untilDue && untilDue > TimeSpan.Zero && untilDue < wait)
                    wait = untilDue;
            }
            await services.Intake.WaitForWorkAsync(wait, ct);
        }
    }

    /// <summary>The transcript the ledger kept for a recording resumed after recognition; null (transcribe again) if unreadable.</summary>
    private Transcript? KeptTranscriptOf(LedgerEntry entry)
    {
        if (entry.TranscriptJson is null) return null;
        try
        {
            return KeptTranscript.Deserialize(entry.TranscriptJson);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            services.Logger.LogWarning("The kept transcript of recording {RecordingId} cannot be read ({Reason}); transcribing it again.", entry.Id, ex.Message);
            return null;
        }
    }

    internal static RecordingMetadata ParseMetadata(LedgerEntry entry) =>
        entry.MetadataJson is null ? RecordingMetadata.None : SidecarFile.Parse(entry.MetadataJson, $"metadata of {entry.Path}");

    internal static Channel<RecordingJob> Bounded(int capacity) => Channel.CreateBounded<RecordingJob>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });

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
