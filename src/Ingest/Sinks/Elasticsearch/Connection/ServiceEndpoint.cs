namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>Environment fallbacks and validation shared by every <see cref="IServiceEndpoint"/>.</summary>
internal static class ServiceEndpoint
{
    /// <summary>
    /// Fills unset settings from <c>{prefix}_URL</c>, <c>_USERNAME</c>, <c>_PASSWORD</c>, <c>_API_KEY</c>,
    /// <c>_CA_FILE</c> and <c>_CA_FINGERPRINT</c> (prefix <c>ELASTICSEARCH</c> or <c>KIBANA</c>). Values already set
    /// win, except the URL, which the environment overrides while it is still <paramref name="defaultUrl"/>.
    /// </summary>
    public static void ApplyEnvironment(IServiceEndpoint endpoint, string prefix, string defaultUrl, Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? Env(string name) => read($"{prefix}_{name}") is { Length: > 0 } v ? v : null;
        if (endpoint.Url == defaultUrl && Env("URL") is { } url) endpoint.Url = url;
        endpoint.Username ??= Env("USERNAME");
        endpoint.Password ??= Env("PASSWORD");
        endpoint.ApiKey ??= Env("API_KEY");
        endpoint.CaFile ??= Env("CA_FILE");
        endpoint.CaFingerprint ??= Env("CA_FINGERPRINT");
    }

    /// <summary>Every problem with the endpoint settings, each naming the setting under <paramref name="key"/>.</summary>
    public static IEnumerable<string> Validate(IServiceEndpoint endpoint, string key)
    {
        if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return $"{key}.url: '{endpoint.Url}' is not an http:// or https:// URL";
        else if (!string.IsNullOrEmpty(uri.UserInfo))
            yield return $"{key}.url: put credentials in {key}.username/password or {key}.api_key, not in the URL";
        if (endpoint.Username is not null && endpoint.Password is null)
            yield return $"{key}.password: required when {key}.username is set";
        if (endpoint.CaFile is not null && !File.Exists(endpoint.CaFile))
            yield return $"{key}.ca_file: '{endpoint.CaFile}' does not exist";
        if (endpoint.CaFingerprint is not null && CertificateTrust.NormalizeFingerprint(endpoint.CaFingerprint) is null)
            yield return $"{key}.ca_fingerprint: expected 64 hex digits (SHA-256), optionally separated by colons";
        if (endpoint.RequestTimeoutSeconds <= 0)
            yield return $"{key}.request_timeout_seconds: must be positive";
    }
}
