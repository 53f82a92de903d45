namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>
/// Where an Elasticsearch or Kibana endpoint is and how to authenticate to it; implemented by the sink's options and
/// by <see cref="KibanaEndpointOptions"/>. Secrets (password, API key) come from configuration or the environment and
/// are never printed; <see cref="ServiceEndpoint"/> holds the shared rules.
/// </summary>
internal interface IServiceEndpoint
{
    /// <summary>Base URL, e.g. <c>https://localhost:9200</c>.</summary>
    string Url { get; set; }

    /// <summary>User for HTTP basic authentication (e.g. <c>elastic</c>); used together with <see cref="Password"/>.</summary>
    string? Username { get; set; }

    /// <summary>Password for basic authentication. Never logged.</summary>
    string? Password { get; set; }

    /// <summary>
    /// API key: the <c>encoded</c> value returned by <c>POST /_security/api_key</c>, or <c>id:api_key</c>.
    /// Sent as <c>Authorization: ApiKey …</c>; takes precedence over basic authentication. Never logged.
    /// </summary>
    string? ApiKey { get; set; }

    /// <summary>PEM file of the CA that signed the server certificate (Elasticsearch's <c>http_ca.crt</c>).</summary>
    string? CaFile { get; set; }

    /// <summary>
    /// Hex SHA-256 fingerprint of the server's CA (or its own) certificate, colons allowed, as Elasticsearch prints it
    /// on first start or <c>openssl x509 -fingerprint -sha256</c> does. Pins the certificate instead of a CA file.
    /// </summary>
    string? CaFingerprint { get; set; }

    /// <summary>How long one HTTP request may take, in seconds.</summary>
    double RequestTimeoutSeconds { get; set; }
}
