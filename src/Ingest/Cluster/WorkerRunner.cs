using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Pipeline.Stages;
using FunAsr.Ingest.Records;
using FunAsr.Recognizer;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// The worker role: jobs from <c>{queue}.jobs</c> (at most <c>cluster.prefetch</c> unacknowledged, so the GPU's
/// batches stay full) go through the same transcribe → extract → deliver stages as the all-in-one host, on a ledger
/// of the worker's own. A job is acked only after every sink answered for it (end-to-end acknowledgement), after its
/// status message is confirmed; a failed one is put on the dead-letter queue with its reason first; a retryable
/// failure is handed back after the backoff. A worker that dies leaves its jobs unacked, so the broker redelivers them
/// to another worker, and every sink writes by recording id, so a redelivered job is stored once.
/// </summary>
internal sealed class WorkerRunner(IngestServices services, ClusterSettings cluster)
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<WorkerRunner>();
    private readonly BrokerConnection _broker = new(cluster, services.Settings.Pipeline.MaxAttempts, services.Loggers.CreateLogger<BrokerConnection>());
    private readonly ConcurrentDictionary<string, Delivery> _deliveries = new();
    private volatile bool _modelLoaded;

    public IEnumerable<string> Problems()
    {
        if (!_modelLoaded) yield return "model not loaded yet";
        if (_broker.Problem is { } problem) yield return problem;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = services.Settings.Pipeline;
        services.LockDataFolder();
        foreach (var sink in services.Sinks) await sink.CheckHealthAsync(ct);
        var options = services.TranscriberOptions();
        using var transcriber = await Task.Run(() => Transcriber.Create(options, services.Loggers.CreateLogger<Transcriber>()), ct);
        _logger.LogInformation("Model {ModelId} loaded on {Device} (asked for {Requested}).", transcriber.ModelId, transcriber.Device, options.Device);
        _modelLoaded = true;
        using var audio = cluster.FetchesAudio ? new AudioFetcher(cluster, services.Settings.DataDir) : null;

        var prefetch = cluster.Prefetch > 0 ? cluster.Prefetch : services.Settings.Recognizer.BatchSize;
        var capacity = settings.QueueCapacity;
        // The broker hands out at most `prefetch` unacked jobs, so the first channel never makes the consumer wait.
        var toTranscribe = PipelineRunner.Bounded(prefetch);
        var recognized = PipelineRunner.Bounded(capacity);
        var toExtract = PipelineRunner.Bounded(capacity);
        var extracted = PipelineRunner.Bounded(capacity);
        var toDeliver = PipelineRunner.Bounded(Math.Max(capacity, settings.SinkBatchSize));
        services.Metrics.Observe(services.Ledger);
        services.Metrics.ObserveQueues(toTranscribe.Reader, toExtract.Reader, toDeliver.Reader);
        services.Outcomes.Finished = finished => _ = FinishAsync(finished, audio, ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var transcribe = new TranscribeStage(transcriber, services.Outcomes, services.Ledger, services.Metrics);
        var extract = new ExtractStage(services.Rules, services.Outcomes, services.Ledger, services.Metrics);
        var deliver = new DeliverStage(services.Sinks, services.Outcomes, services.Alerts, settings, services.Retry, services.Metrics,
            services.SinkHealth, services.Loggers.CreateLogger<DeliverStage>());
        var alerts = services.Alerts.RunAsync(stop.Token);
        Task[] stages =
        [
            PipelineRunner.Stage(() => _broker.RunAsync((c, t) => ConsumeAsync(c, toTranscribe.Writer, prefetch, audio, t), stop.Token), toTranscribe.Writer, stop),
            PipelineRunner.Stage(() => Task.WhenAll(Enumerable.Range(0, settings.DecodeWorkers)
                .Select(_ => transcribe.RunAsync(toTranscribe.Reader, recognized.Writer, stop.Token))), recognized.Writer, stop),
            PipelineRunner.Stage(() => ReportAsync(recognized.Reader, toExtract.Writer, StatusMessage.Recognized, stop.Token), toExtract.Writer, stop),
            PipelineRunner.Stage(() => extract.RunAsync(toExtract.Reader, extracted.Writer, stop.Token), extracted.Writer, stop),
            PipelineRunner.Stage(() => ReportAsync(extracted.Reader, toDeliver.Writer, StatusMessage.Extracted, stop.Token), toDeliver.Writer, stop),
            PipelineRunner.Stage(() => deliver.RunAsync(toDeliver.Reader, stop.Token), null, stop),
        ];
        try
        {
            await PipelineRunner.AwaitStagesAsync(stages, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _logger.LogInformation("Stopping: unacknowledged jobs go back to the broker for another worker.");
        }
        finally
        {
            _modelLoaded = false;
            await stop.CancelAsync();
            await alerts.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One broker connection's consumer: every job becomes a claimed row of the worker's ledger and enters the stages.</summary>
    private async Task ConsumeAsync(IConnection connection, ChannelWriter<RecordingJob> output, int prefetch, AudioFetcher? audio, CancellationToken ct)
    {
        await using var session = await BrokerSession.OpenAsync(connection, ct);
        await session.Channel.BasicQosAsync(0, (ushort)prefetch, false, ct);
        var consumer = new AsyncEventingBasicConsumer(session.Channel);
        consumer.ReceivedAsync += (_, delivery) => ReceiveAsync(session, delivery, output, audio, ct);
        await session.Channel.BasicConsumeAsync(cluster.JobQueue, autoAck: false, consumer, ct);
        await Task.Delay(Timeout.Infinite, ct);
    }

    private async Task ReceiveAsync(BrokerSession session, BasicDeliverEventArgs delivery, ChannelWriter<RecordingJob> output, AudioFetcher? audio, CancellationToken ct)
    {
        var body = delivery.Body.ToArray();
        JobMessage message;
        RecordingJob job;
        try
        {
            message = JobMessage.Parse(body);
            var path = audio is null ? message.Path : await audio.FetchAsync(message, ct);
            var entry = services.Ledger.Adopt(message.Id, path, message.MetadataJson, message.InboxHotwords ?? [], message.Revision,
                ClusterTopology.PreviousDeliveries(delivery.BasicProperties));
            job = RecordingJob.FromRow(entry, services.Settings.Hotwords.With);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            await DeadLetterAsync(session, delivery.DeliveryTag, body, delivery.BasicProperties.MessageId ?? "unknown", $"the job cannot be read: {ex.Message}", ct);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The audio cannot be fetched from the intake, or the local ledger cannot be written: another try, maybe
            // on another worker, may do better, and the delivery limit ends it if none does.
            _logger.LogWarning("Cannot take job {MessageId} ({Reason}); handing it back.", delivery.BasicProperties.MessageId, ex.Message);
            await services.Retry.WaitAsync(services.Retry.DelayBefore(ClusterTopology.PreviousDeliveries(delivery.BasicProperties) + 1), ct);
            await session.RequeueAsync(delivery.DeliveryTag, ct);
            return;
        }
        var queued = DateTimeOffset.UtcNow - message.PublishedAt;
        _deliveries[message.Id] = new Delivery(session, delivery.DeliveryTag, message, body, job.Attempts + 1, queued, Stopwatch.StartNew());
        services.Outcomes.Claimed();
        await output.WriteAsync(job, ct);
    }

    /// <summary>Passes jobs on between two stages, telling the intake how far each got (best effort: the final word is what counts).</summary>
    private async Task ReportAsync(ChannelReader<RecordingJob> input, ChannelWriter<RecordingJob> output, string state, CancellationToken ct)
    {
        await foreach (var job in input.ReadAllAsync(ct))
        {
            if (_deliveries.TryGetValue(job.Id, out var delivery) && delivery.Session.IsOpen)
            {
                var status = Status(delivery, state) with
                {
                    ModelId = job.Transcript?.ModelId,
                    RulePackVersion = job.Document?.RulePackVersion,
                    AudioSeconds = job.Transcript?.Duration.TotalSeconds ?? 0,
                    Attempt = job.Attempts,
                };
                try
                {
                    await delivery.Session.PublishAsync(cluster.StatusQueue, job.Id, status.ToBytes(), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    _logger.LogDebug("Status {State} of {RecordingId} not sent: {Reason}", state, job.Id, ex.Message);
                }
            }
            await output.WriteAsync(job, ct);
        }
    }

    /// <summary>
    /// The recording left the stages: its status goes to the intake, then the job is acked (stored, or failed after it
    /// went to the dead-letter queue) or handed back after the backoff (retrying). If the job's connection is gone
    /// meanwhile, nothing is acked: the broker has already given the job to a worker again.
    /// </summary>
    private async Task FinishAsync(RecordingFinished finished, AudioFetcher? audio, CancellationToken ct)
    {
        if (!_deliveries.TryRemove(finished.RecordingId, out var delivery)) return;
        if (audio is not null && finished.Outcome != RecordingOutcome.Retrying) audio.Forget(delivery.Message);
        var attempt = delivery.Attempt;
        var status = Status(delivery, finished.Outcome switch
        {
            RecordingOutcome.Stored => StatusMessage.Stored,
            RecordingOutcome.Failed => StatusMessage.Failed,
            _ => StatusMessage.Retrying,
        }) with { Reason = finished.Error, AudioSeconds = finished.Duration.TotalSeconds, Attempt = attempt };
        try
        {
            if (finished.Outcome == RecordingOutcome.Failed)
            {
                await DeadLetterAsync(delivery.Session, delivery.Tag, delivery.Body, delivery.Message.Id, finished.Error ?? "failed", ct, status);
                return;
            }
            await delivery.Session.PublishAsync(cluster.StatusQueue, delivery.Message.Id, status.ToBytes(), ct);
            if (finished.Outcome == RecordingOutcome.Stored)
            {
                await delivery.Session.AckAsync(delivery.Tag, ct);
                return;
            }
            await services.Retry.WaitAsync(services.Retry.DelayBefore(Math.Max(1, attempt)), ct);
            await delivery.Session.RequeueAsync(delivery.Tag, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogWarning("Could not finish job {RecordingId} with the broker ({Reason}); the broker hands it out again.", finished.RecordingId, ex.Message);
        }
    }

    /// <summary>A poison job: onto the dead-letter queue with its reason (confirmed), the intake told, then acked.</summary>
    private async Task DeadLetterAsync(BrokerSession session, ulong tag, byte[] body, string id, string reason, CancellationToken ct, StatusMessage? status = null)
    {
        _logger.LogError("Job {RecordingId} goes to the dead-letter queue {Queue}: {Reason}", id, cluster.DeadLetterQueue, reason);
        var headers = new Dictionary<string, object?> { [ClusterTopology.ReasonHeader] = reason, [ClusterTopology.WorkerHeader] = cluster.Name };
        await session.PublishAsync(cluster.DeadLetterQueue, id, body, ct, headers);
        if (status is not null) await session.PublishAsync(cluster.StatusQueue, id, status.ToBytes(), ct);
        await session.AckAsync(tag, ct);
    }

    private StatusMessage Status(Delivery delivery, string state) => new(delivery.Message.Id, delivery.Message.Revision, state, cluster.Name)
    {
        QueueSeconds = delivery.Queued.TotalSeconds,
        ProcessingSeconds = delivery.Clock.Elapsed.TotalSeconds,
    };

    /// <summary>A job taken from the broker and not yet acked: the session that must ack it, and its timings.</summary>
    private sealed record Delivery(BrokerSession Session, ulong Tag, JobMessage Message, byte[] Body, int Attempt, TimeSpan Queued, Stopwatch Clock);
}
