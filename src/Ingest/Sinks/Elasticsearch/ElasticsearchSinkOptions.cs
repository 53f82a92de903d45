using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch;

/// <summary>
/// <c>type: elasticsearch</c>: index each recording (one document, <c>_id</c> = recording id) and its alerts into
/// Elasticsearch through the bulk API. The environment variables <c>ELASTICSEARCH_URL</c>, <c>ELASTICSEARCH_USERNAME</c>,
/// <c>ELASTICSEARCH_PASSWORD</c>, <c>ELASTICSEARCH_API_KEY</c>, <c>ELASTICSEARCH_CA_FILE</c> and
/// <c>ELASTICSEARCH_CA_FINGERPRINT</c> fill what the file leaves unset, so secrets need not be in the file.
/// </summary>
internal sealed class ElasticsearchSinkOptions : SinkOptions, IServiceEndpoint
{
    /// <summary>The <c>type</c> id, also the environment variable prefix (upper-cased).</summary>
    public const string Id = "elasticsearch";

    /// <summary>The default URL.</summary>
    public const string DefaultUrl = "http://localhost:9200";

    /// <summary>Creates the options with defaults.</summary>
    public ElasticsearchSinkOptions() => Type = Id;

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

    /// <summary>
    /// Alias over the monthly transcript indices <c>&lt;name&gt;-&lt;yyyy.MM.dd&gt;</c> (one document per recording).
    /// <value>Default: funasr-transcripts.</value>
    /// </summary>
    public string TranscriptsIndex { get; set; } = "funasr-transcripts";

    /// <summary>Data stream holding one document per alert raised by the rules. <value>Default: funasr-alerts.</value></summary>
    public string AlertsIndex { get; set; } = "funasr-alerts";

    /// <summary>
    /// Days transcripts and alerts are kept (the ILM policies <c>setup elasticsearch</c> installs delete them after).
    /// <value>Default: 365.</value>
    /// </summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>Most items in one bulk request. <value>Default: 500.</value></summary>
    public int MaxBatchDocuments { get; set; } = 500;

    /// <summary>Most bytes in one bulk request body (an item larger than this goes alone). <value>Default: 5 MiB, the Go client's; Elasticsearch refuses above 100 MB.</value></summary>
    public int MaxBatchBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long documents may wait for others to fill a bulk request; 0 sends each write at once. <value>Default: 1 s.</value></summary>
    public double FlushIntervalSeconds { get; set; } = 1;

    /// <summary>Most bulk requests in flight at once. <value>Default: 2.</value></summary>
    public int MaxConcurrentRequests { get; set; } = 2;

    /// <summary>Fills unset endpoint settings from the <c>ELASTICSEARCH_*</c> environment variables.</summary>
    public ElasticsearchSinkOptions WithEnvironment(Func<string, string?>? read = null)
    {
        ServiceEndpoint.ApplyEnvironment(this, "ELASTICSEARCH", DefaultUrl, read);
        return this;
    }

    /// <summary>
    /// Every problem with these settings, each naming the setting under <paramref name="key"/>; the
    /// <c>ELASTICSEARCH_*</c> variables are applied first, so a password that only the environment holds is not
    /// reported missing.
    /// </summary>
    public override IEnumerable<string> Validate(string key)
    {
        WithEnvironment();
        foreach (var problem in ServiceEndpoint.Validate(this, key)) yield return problem;
        if (!IsIndexName(TranscriptsIndex)) yield return $"{key}.transcripts_index: '{TranscriptsIndex}' is not a lower-case index name";
        if (!IsIndexName(AlertsIndex)) yield return $"{key}.alerts_index: '{AlertsIndex}' is not a lower-case index name";
        if (TranscriptsIndex.StartsWith(AlertsIndex, StringComparison.Ordinal) || AlertsIndex.StartsWith(TranscriptsIndex, StringComparison.Ordinal))
            yield return $"{key}.alerts_index: '{AlertsIndex}' and transcripts_index '{TranscriptsIndex}' must not be prefixes of each other (their templates would overlap)";
        if (RetentionDays < 1) yield return $"{key}.retention_days: must be at least 1";
        if (MaxBatchDocuments < 1) yield return $"{key}.max_batch_documents: must be at least 1";
        if (MaxBatchBytes < 1024) yield return $"{key}.max_batch_bytes: must be at least 1024";
        if (FlushIntervalSeconds < 0) yield return $"{key}.flush_interval_seconds: must not be negative";
        if (MaxConcurrentRequests < 1) yield return $"{key}.max_concurrent_requests: must be at least 1";
    }

    /// <summary>
    /// The transcript index for a call at <paramref name="timestamp"/>: one per calendar month (UTC), named after the
    /// month's last day so ILM, which reads the index age from that date, keeps every call in it at least
    /// <see cref="RetentionDays"/>. A re-processed recording lands in the same index and overwrites its document.
    /// </summary>
    public string TranscriptsIndexFor(DateTimeOffset timestamp)
    {
        var utc = timestamp.UtcDateTime;
        return $"{TranscriptsIndex}-{new DateTime(utc.Year, utc.Month, DateTime.DaysInMonth(utc.Year, utc.Month)):yyyy.MM.dd}";
    }

    private static bool IsIndexName(string name) =>
        name.Length > 0 && name == name.ToLowerInvariant() && !name.StartsWith('_') && !name.StartsWith('-') &&
        name.IndexOfAny(['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':']) < 0;
}
