namespace FunAsr.Ingest.Configuration;

/// <summary>
/// The <c>cluster:</c> section: which role <c>run</c> plays and how it reaches the RabbitMQ broker. Without a broker
/// the role is all-in-one and nothing here is used.
/// </summary>
internal sealed class ClusterSettings
{
    /// <summary><c>all-in-one</c> (default), <c>intake</c> or <c>worker</c>; <c>run --role</c> overrides it.</summary>
    public string Role { get; set; } = "all-in-one";

    /// <summary>The broker's AMQP URI, e.g. <c>amqp://user:pass@rabbitmq:5672/</c> or <c>amqps://…</c> for TLS.</summary>
    public string? Broker { get; set; }

    /// <summary>PEM file of the certificate authority the broker's TLS certificate must chain to (<c>amqps://</c> only).</summary>
    public string? CaFile { get; set; }

    /// <summary>Prefix of the queues: <c>{queue}.jobs</c>, <c>{queue}.status</c> and the dead-letter queue <c>{queue}.dead</c>.</summary>
    public string Queue { get; set; } = "funasr.recordings";

    /// <summary>This worker's name in status messages and logs; default host name and process id.</summary>
    public string? WorkerName { get; set; }

    /// <summary>
    /// Unacknowledged jobs a worker holds (0: <c>recognizer.batch_size</c>), so a GPU host keeps its batches full.
    /// </summary>
    public int Prefetch { get; set; }

    /// <summary>
    /// How workers read the audio: <c>shared</c> (the intake's path, mounted at the same place on every host) or
    /// <c>http</c> (fetched from the intake's <c>GET /v1/recordings/{id}/audio</c>).
    /// </summary>
    public string Audio { get; set; } = "shared";

    /// <summary>The intake's API address for <c>audio: http</c>, e.g. <c>http://intake:8080</c>.</summary>
    public string? IntakeUrl { get; set; }

    /// <summary>An API key of the intake, for <c>audio: http</c>.</summary>
    public string? IntakeApiKey { get; set; }

    /// <summary>First wait before reconnecting to a broker that cannot be reached; doubles up to 30 s.</summary>
    public double ReconnectSeconds { get; set; } = 1;

    public string JobQueue => $"{Queue}.jobs";

    public string StatusQueue => $"{Queue}.status";

    public string DeadLetterQueue => $"{Queue}.dead";

    public bool FetchesAudio => Audio == "http";

    public string Name => WorkerName ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    public ClusterRole ParsedRole => Parse(Role) ?? ClusterRole.AllInOne;

    public IEnumerable<string> Validate()
    {
        var role = Parse(Role);
        if (role is null)
        {
            yield return $"cluster.role: '{Role}' is not one of all-in-one, intake, worker";
            yield break;
        }
        if (role == ClusterRole.AllInOne) yield break;
        if (string.IsNullOrWhiteSpace(Broker))
            yield return $"cluster.broker: required for the {Role} role (an AMQP URI such as amqp://guest:guest@localhost:5672/)";
        else if (!Uri.TryCreate(Broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            yield return $"cluster.broker: '{Redacted(Broker)}' is not an amqp:// or amqps:// URI";
        if (CaFile is not null && !File.Exists(CaFile))
            yield return $"cluster.ca_file: {Path.GetFullPath(CaFile)} does not exist";
        if (string.IsNullOrWhiteSpace(Queue)) yield return "cluster.queue: required";
        if (Prefetch is < 0 or > ushort.MaxValue) yield return $"cluster.prefetch: must be 0 to {ushort.MaxValue} (got {Prefetch})";
        if (!(ReconnectSeconds > 0)) yield return $"cluster.reconnect_seconds: must be above 0 (got {ReconnectSeconds})";
        if (Audio is not ("shared" or "http")) yield return $"cluster.audio: '{Audio}' is not shared or http";
        if (role == ClusterRole.Worker && FetchesAudio)
        {
            if (!Uri.TryCreate(IntakeUrl, UriKind.Absolute, out var intake) || intake.Scheme is not ("http" or "https"))
                yield return "cluster.intake_url: an http(s) URL of the intake's API is required with audio: http";
            if (string.IsNullOrWhiteSpace(IntakeApiKey))
                yield return "cluster.intake_api_key: one of the intake's api.keys is required with audio: http";
        }
    }

    /// <summary>The broker URI without its password, for logs and errors.</summary>
    public static string Redacted(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Contains(':')
            ? uri.Replace(parsed.UserInfo, parsed.UserInfo[..parsed.UserInfo.IndexOf(':')] + ":***", StringComparison.Ordinal)
            : uri;

    private static ClusterRole? Parse(string role) => role switch
    {
        "all-in-one" => ClusterRole.AllInOne,
        "intake" => ClusterRole.Intake,
        "worker" => ClusterRole.Worker,
        _ => null,
    };
}
