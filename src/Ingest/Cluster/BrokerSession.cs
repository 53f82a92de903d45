using RabbitMQ.Client;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// A channel with publisher confirms: <see cref="PublishAsync"/> returns once the broker has the message (durably, on a
/// quorum queue) and throws when it refuses or cannot route it. Acks and nacks go through the same channel, so they
/// only count while this session's connection lives; after a reconnect the broker redelivers instead.
/// </summary>
internal sealed class BrokerSession(IChannel channel) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IChannel Channel => channel;

    public bool IsOpen => channel.IsOpen;

    public static async Task<BrokerSession> OpenAsync(IConnection connection, CancellationToken ct) =>
        new(await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct));

    public Task PublishAsync(string queue, string messageId, byte[] body, CancellationToken ct, IDictionary<string, object?>? headers = null) =>
        GatedAsync(() => channel.BasicPublishAsync("", queue, mandatory: true, ClusterTopology.Persistent(messageId, headers), body, ct).AsTask(), ct);

    public Task AckAsync(ulong deliveryTag, CancellationToken ct) =>
        GatedAsync(() => channel.BasicAckAsync(deliveryTag, multiple: false, ct).AsTask(), ct);

    public Task RequeueAsync(ulong deliveryTag, CancellationToken ct) =>
        GatedAsync(() => channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true, ct).AsTask(), ct);

    private async Task GatedAsync(Func<Task> operation, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await operation();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (channel.IsOpen)
        {
            try
            {
                await channel.CloseAsync();
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or OperationCanceledException)
            {
                // The connection is going anyway; its broker forgets the channel with it.
            }
        }
        channel.Dispose();
        _gate.Dispose();
    }
}
