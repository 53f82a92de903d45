namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>
/// Where an Elasticsearch or Kibana endpoint is and how to authenticate to it. Secrets (password, API key) come from
/// configuration or the environment and are never printed: this type has no generated <c>ToString</c>.
/// </summary>
public class ServiceEndpointOptions
{
    /// <summary>Base URL, e.g. <c>https://localhost:9200</c>. <value>Default: http://localhost:9200.</value></summary>
    public string Url { get; set; } = "http://localhost:9200";

    /// <summary>User for HTTP basic authentication (e.g. <c>elastic</c>); used together with <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Password for basic authentication. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// API key: either the <c>encoded</c> value returned by <c>POST /_security/api_key</c> or <c>id:api_key</c>.
    /// Sent as <c>Authorization: ApiKey …</c>; takes precedence over basic authentication. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>PEM file of the CA that signed the server certificate (Elasticsearch's <c>http_ca.crt</c>).</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>
    /// Hex SHA-256 fingerprint of the server's CA (or its own) certificate, colons allowed, as printed by Elasticsearch on
    /// first start or by <c>openssl x509 -fingerprint -sha256</c>. Pins the certificate instead of trusting a CA file.
    /// </summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>How long one HTTP request may take. <value>Default: 60 s.</value></summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Fills unset settings from environment variables <c>{prefix}_URL</c>, <c>_USERNAME</c>, <c>_PASSWORD</c>,
    /// <c>_API_KEY</c>, <c>_CA_FILE</c> and <c>_CA_FINGERPRINT</c> (prefix e.g. <c>ELASTICSEARCH</c> or <c>KIBANA</c>).
    /// Values already set win, except <see cref="Url"/>, which the environment overrides when it is still the default.
    /// </summary>
    public void ApplyEnvironment(string prefix, string defaultUrl)
    {
        string? Env(string name) => Environment.GetEnvironmentVariable($"{prefix}_{name}") is { Length: > 0 } v ? v : null;
        if (Url == defaultUrl && Env("URL") is { } url) Url = url;
        Username ??= Env("USERNAME");
        Password ??= Env("PASSWORD");
        ApiKey ??= Env("API_KEY");
        CaCertificateFile ??= Env("CA_FILE");
        CertificateFingerprint ??= Env("CA_FINGERPRINT");
    }

    /// <summary>Every problem with these settings, each naming the setting under <paramref name="section"/>.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            problems.Add($"{section}.url: '{Url}' is not an http:// or https:// URL");
        else if (!string.IsNullOrEmpty(uri.UserInfo))
            problems.Add($"{section}.url: put credentials in {section}.username/password or api_key, not in the URL");
        if (Username is not null && Password is null)
            problems.Add($"{section}.password: is required when {section}.username is set");
        if (CaCertificateFile is not null && !File.Exists(CaCertificateFile))
            problems.Add($"{section}.ca_file: '{CaCertificateFile}' does not exist");
        if (CertificateFingerprint is not null && CertificateTrust.NormalizeFingerprint(CertificateFingerprint) is null)
            problems.Add($"{section}.ca_fingerprint: expected 64 hex digits (SHA-256), optionally separated by colons");
        if (RequestTimeout <= TimeSpan.Zero)
            problems.Add($"{section}.request_timeout: must be positive");
        return problems;
    }
}
