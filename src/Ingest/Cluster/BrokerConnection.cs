using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FunAsr.Ingest.Configuration;
using RabbitMQ.Client;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// The connection to RabbitMQ, kept up for the life of the process: <see cref="RunAsync"/> connects (retrying with a
/// doubling backoff while the broker cannot be reached, which <see cref="Problem"/> says for <c>/readyz</c> and the
/// log says at each try), declares the queues, runs a session on the connection until the connection drops, then
/// connects again. A session's unacknowledged messages go back to the broker with its connection.
/// </summary>
internal sealed class BrokerConnection(ClusterSettings cluster, int maxAttempts, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Why the broker is not usable now; null while connected.</summary>
    public string? Problem { get; private set; } = "not connected to the broker yet";

    public async Task RunAsync(Func<IConnection, CancellationToken, Task> session, CancellationToken ct)
    {
        var redacted = ClusterSettings.Redacted(cluster.Broker!);
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            IConnection? connection = null;
            try
            {
                connection = await CreateFactory().CreateConnectionAsync($"funasr-{cluster.Name}", ct);
                await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
                    await ClusterTopology.DeclareAsync(channel, cluster, maxAttempts, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (connection is not null) await connection.DisposeAsync();
                var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, cluster.ReconnectSeconds * Math.Pow(2, Math.Min(attempt - 1, 16))));
                Problem = $"broker {redacted} unreachable (try {attempt}, next in {delay.TotalSeconds:0.#} s): {ex.Message}";
                logger.LogWarning("Cannot reach the broker {Broker} (try {Attempt}); retrying in {Delay}: {Reason}", redacted, attempt, delay, ex.Message);
                await Task.Delay(delay, ct);
                continue;
            }
            attempt = 0;
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await using (connection)
            {
                connection.ConnectionShutdownAsync += async (_, e) =>
                {
                    if (ct.IsCancellationRequested || e.Initiator == ShutdownInitiator.Application) return;
                    Problem = $"lost the broker {redacted}: {e.ReplyText}";
                    logger.LogWarning("Lost the broker {Broker} ({Reason}); reconnecting.", redacted, e.ReplyText);
                    await lost.CancelAsync();
                };
                Problem = null;
                logger.LogInformation("Connected to the broker {Broker} as {Name}.", redacted, cluster.Name);
                try
                {
                    await session(connection, lost.Token);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // Whatever ended the session (the broker went away, refused a publish, or closed the channel),
                    // its unacked messages go back with the connection; a short pause keeps a persistent cause from spinning.
                    Problem ??= $"broker session ended: {ex.Message}";
                    logger.LogWarning("The broker session ended ({Type}: {Reason}); reconnecting.", ex.GetType().Name, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(cluster.ReconnectSeconds), ct);
                }
            }
        }
    }

    private ConnectionFactory CreateFactory()
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(cluster.Broker!),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedHeartbeat = TimeSpan.FromSeconds(15),
        };
        if (factory.Ssl.Enabled && cluster.CaFile is { } caFile)
        {
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            factory.Ssl.CertificateValidationCallback = (_, certificate, _, errors) => IssuedBy(authority, certificate, errors);
        }
        return factory;
    }

    /// <summary>The broker's certificate names the host and chains to the configured authority (and only that one).</summary>
    private static bool IssuedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}
