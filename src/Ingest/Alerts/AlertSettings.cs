namespace FunAsr.Ingest.Alerts;

/// <summary>The <c>alerts:</c> section: where alert records are POSTed besides the store and the log.</summary>
internal sealed class AlertSettings
{
    public List<WebhookSettings> Webhooks { get; set; } = [];

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < Webhooks.Count; i++)
        {
            var hook = Webhooks[i];
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                yield return $"alerts.webhooks[{i}].url: '{hook.Url}' is not an absolute http(s) URL";
            if (hook.MaxAttempts < 1)
                yield return $"alerts.webhooks[{i}].max_attempts: must be at least 1 (got {hook.MaxAttempts})";
        }
    }
}

/// <summary>One webhook: alerts are POSTed as JSON, retried with exponential backoff on failure.</summary>
internal sealed class WebhookSettings
{
    public string Url { get; set; } = "";

    public int MaxAttempts { get; set; } = 5;

    /// <summary>Extra request headers (for example an authorization token); values are never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];
}
