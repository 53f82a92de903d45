namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>Kibana's address and credentials for <c>setup kibana</c>; the <c>KIBANA_*</c> environment variables fill what is unset.</summary>
internal sealed class KibanaEndpointOptions : IServiceEndpoint
{
    /// <summary>The default URL.</summary>
    public const string DefaultUrl = "http://localhost:5601";

    /// <inheritdoc/>
    public string Url { get; set; } = DefaultUrl;

    /// <inheritdoc/>
    public string? Username { get; set; }

    /// <inheritdoc/>
    public string? Password { get; set; }

    /// <inheritdoc/>
    public string? ApiKey { get; set; }

    /// <inheritdoc/>
    public string? CaFile { get; set; }

    /// <inheritdoc/>
    public string? CaFingerprint { get; set; }

    /// <inheritdoc/>
    public double RequestTimeoutSeconds { get; set; } = 60;
}
