namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>api:</c> section: the HTTP API served by <c>run</c> (off by default, localhost unless configured).</summary>
internal sealed class ApiSettings
{
    public bool Enabled { get; set; }

    /// <summary>Addresses Kestrel listens on.</summary>
    public List<string> Urls { get; set; } = ["http://127.0.0.1:8080"];

    /// <summary>
    /// Addresses that serve only the Prometheus <c>/metrics</c> (no key), for a scraper kept off the API's address;
    /// empty (the default) serves <c>/metrics</c> on <see cref="Urls"/>.
    /// </summary>
    public List<string> MetricsUrls { get; set; } = [];

    /// <summary>Accepted API keys (header <c>X-Api-Key</c> or <c>Authorization: Bearer</c>); never logged.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Longest <c>text</c> accepted by <c>POST /v1/extract</c>, in characters (default 1 Mi); longer answers 413.</summary>
    public int ExtractMaxChars { get; set; } = 1 << 20;

    /// <summary>Longest one <c>POST /v1/extract</c> may run before it is cancelled with 503 (default 10 s).</summary>
    public double ExtractTimeoutSeconds { get; set; } = 10;

    public IEnumerable<string> Validate()
    {
        if (!Enabled) yield break;
        if (Keys.Count == 0 || Keys.Any(string.IsNullOrWhiteSpace))
            yield return "api.keys: at least one non-empty key is required when api.enabled is true (or set FUNASR_API_KEYS)";
        if (ExtractMaxChars < 1)
            yield return $"api.extract_max_chars: must be at least 1 (got {ExtractMaxChars})";
        if (!(ExtractTimeoutSeconds > 0))
            yield return $"api.extract_timeout_seconds: must be above 0 (got {ExtractTimeoutSeconds})";
        foreach (var url in Urls)
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                yield return $"api.urls: '{url}' is not an absolute http(s) URL such as http://127.0.0.1:8080";
        foreach (var url in MetricsUrls)
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                yield return $"api.metrics_urls: '{url}' is not an absolute http(s) URL such as http://127.0.0.1:9464";
            else if (Urls.Any(u => Uri.TryCreate(u, UriKind.Absolute, out var api) && api.Port == uri.Port))
                yield return $"api.metrics_urls: '{url}' uses the API's port {uri.Port}; give metrics a port of their own";
    }
}
