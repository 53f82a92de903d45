using FunAsr.Ingest.Configuration;
using RabbitMQ.Client;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// The three durable quorum queues, declared by every process that connects (declaring is idempotent):
/// <c>{queue}.jobs</c> dead-letters to <c>{queue}.dead</c> once a job was delivered <c>pipeline.max_attempts</c> times
/// without an ack (a worker that dies on it every time), so nothing loops; workers also put a poison recording
/// there themselves with its reason. <c>{queue}.status</c> carries the workers' status messages to the intake.
/// </summary>
internal static class ClusterTopology
{
    public const string ReasonHeader = "x-funasr-reason";

    public const string WorkerHeader = "x-funasr-worker";

    public static async Task DeclareAsync(IChannel channel, ClusterSettings cluster, int maxAttempts, CancellationToken ct)
    {
        await channel.QueueDeclareAsync(cluster.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, Quorum(), cancellationToken: ct);
        await channel.QueueDeclareAsync(cluster.StatusQueue, durable: true, exclusive: false, autoDelete: false, Quorum(), cancellationToken: ct);
        var jobs = Quorum();
        jobs["x-delivery-limit"] = maxAttempts;
        jobs["x-dead-letter-exchange"] = "";
        jobs["x-dead-letter-routing-key"] = cluster.DeadLetterQueue;
        await channel.QueueDeclareAsync(cluster.JobQueue, durable: true, exclusive: false, autoDelete: false, jobs, cancellationToken: ct);
    }

    /// <summary>How often the broker handed this job out before (quorum queues count returns in <c>x-delivery-count</c>).</summary>
    public static int PreviousDeliveries(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue("x-delivery-count", out var count) == true ? Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Persistent JSON, so a broker restart keeps the message.</summary>
    public static BasicProperties Persistent(string messageId, IDictionary<string, object?>? headers = null) => new()
    {
        Persistent = true,
        ContentType = "application/json",
        MessageId = messageId,
        Headers = headers,
    };

    private static Dictionary<string, object?> Quorum() => new() { ["x-queue-type"] = "quorum" };
}
