using System.Text.Json;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Pipeline;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// The intake role: the configured sources fill the ledger as in the all-in-one host; each due row is published as a
/// <see cref="JobMessage"/> and stays claimed (on the broker) only once the broker confirmed it, else it goes back to
/// the queue for the next connection. The workers' <see cref="StatusMessage"/>s are written to the ledger by the
/// <see cref="StatusRecorder"/>. No model is loaded here.
/// </summary>
internal sealed class IntakeRunner(IngestServices services, ClusterSettings cluster)
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<IntakeRunner>();
    private readonly BrokerConnection _broker = new(cluster, services.Settings.Pipeline.MaxAttempts, services.Loggers.CreateLogger<BrokerConnection>());
    private readonly StatusRecorder _status = new(services.Ledger, services.Quarantine, services.Metrics, services.Loggers.CreateLogger<StatusRecorder>());

    public IEnumerable<string> Problems() => _broker.Problem is { } problem ? [problem] : [];

    public async Task RunAsync(CancellationToken ct)
    {
        var ledger = services.Ledger;
        services.LockDataFolder();
        // Rows published before the intake stopped are published again: a worker may have them, but every sink
        // writes by recording id, so a second run stores the same document once.
        var (resumed, _) = ledger.RecoverInFlight(graceful: true, services.Settings.Pipeline.MaxAttempts);
        if (resumed > 0)
            _logger.LogWarning("Publishing {Count} recording(s) again that were on the broker when the intake last stopped.", resumed);
        services.Metrics.Observe(ledger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sources = Task.WhenAll(services.Sources.Select(s => s.RunAsync(services.Intake, once: false, stop.Token)));
        var broker = _broker.RunAsync(SessionAsync, stop.Token);
        try
        {
            await await Task.WhenAny(sources, broker);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(sources, broker).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task SessionAsync(IConnection connection, CancellationToken ct)
    {
        await using var jobs = await BrokerSession.OpenAsync(connection, ct);
        await using var statuses = await BrokerSession.OpenAsync(connection, ct);
        await statuses.Channel.BasicQosAsync(0, 256, false, ct);
        var consumer = new AsyncEventingBasicConsumer(statuses.Channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                _status.Apply(StatusMessage.Parse(delivery.Body.Span));
            }
            catch (JsonException ex)
            {
                _logger.LogWarning("Dropped a status message that cannot be read: {Reason}", ex.Message);
            }
            await statuses.AckAsync(delivery.DeliveryTag, ct);
        };
        await statuses.Channel.BasicConsumeAsync(cluster.StatusQueue, autoAck: false, consumer, ct);
        await DispatchAsync(jobs, ct);
    }

    /// <summary>Publishes due ledger rows, one confirmed message each, waking on intake signals or the poll interval.</summary>
    private async Task DispatchAsync(BrokerSession session, CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(services.Settings.Pipeline.PollSeconds);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (services.Ledger.ClaimNext(alone: true) is not { } entry)
            {
                await services.Queued.WaitAsync(poll, ct);
                continue;
            }
            var job = new JobMessage(entry.Id, entry.Revision, entry.Path, entry.MetadataJson, entry.InboxHotwords, DateTimeOffset.UtcNow);
            try
            {
                await session.PublishAsync(cluster.JobQueue, entry.Id, job.ToBytes(), ct);
            }
            catch (Exception ex)
            {
                services.Ledger.Requeue(entry.Id, $"broker: the job was not confirmed ({ex.Message}); published again once the broker is back", TimeSpan.Zero);
                throw;
            }
        }
    }
}
