using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch;

/// <summary>
/// Settings of the <c>elasticsearch</c> sink: the endpoint and credentials (see <see cref="ServiceEndpointOptions"/>;
/// the environment variables <c>ELASTICSEARCH_URL</c>, <c>ELASTICSEARCH_USERNAME</c>, <c>ELASTICSEARCH_PASSWORD</c>,
/// <c>ELASTICSEARCH_API_KEY</c>, <c>ELASTICSEARCH_CA_FILE</c>, <c>ELASTICSEARCH_CA_FINGERPRINT</c> fill what is unset),
/// index names and bulk batching and retry limits.
/// </summary>
public sealed class ElasticsearchSinkOptions : ServiceEndpointOptions
{
    /// <summary>The config section and the environment variable prefix.</summary>
    public const string Section = "elasticsearch";

    /// <summary>Index (or alias) holding one document per recording, <c>_id</c> = recording id. <value>Default: funasr-transcripts.</value></summary>
    public string TranscriptsIndex { get; set; } = "funasr-transcripts";

    /// <summary>Index holding one document per alert raised by the rules. <value>Default: funasr-alerts.</value></summary>
    public string AlertsIndex { get; set; } = "funasr-alerts";

    /// <summary>Most items in one bulk request. <value>Default: 500.</value></summary>
    public int MaxBatchDocuments { get; set; } = 500;

    /// <summary>Most bytes in one bulk request body; an item larger than this goes alone. <value>Default: 5 MiB (the Go client's default; Elasticsearch refuses above 100 MB).</value></summary>
    public int MaxBatchBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// How long recordings handed to the sink may wait for more to fill a bulk request.
    /// Zero sends what each write hands over at once. <value>Default: 1 s.</value>
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most bulk requests in flight at once. <value>Default: 2.</value></summary>
    public int MaxConcurrentRequests { get; set; } = 2;

    /// <summary>
    /// Retries inside the sink for 429/5xx items and transport failures before the recordings go back to the ledger as
    /// retryable (the ledger retries them later, so nothing is lost). <value>Default: 3.</value>
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry wait (randomised, doubled each retry). <value>Default: 500 ms.</value></summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retry wait. <value>Default: 30 s.</value></summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these settings, each naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Validate(Section));
        if (string.IsNullOrWhiteSpace(TranscriptsIndex) || TranscriptsIndex != TranscriptsIndex.ToLowerInvariant())
            problems.Add($"{Section}.transcripts_index: '{TranscriptsIndex}' must be a non-empty lower-case index name");
        if (string.IsNullOrWhiteSpace(AlertsIndex) || AlertsIndex != AlertsIndex.ToLowerInvariant())
            problems.Add($"{Section}.alerts_index: '{AlertsIndex}' must be a non-empty lower-case index name");
        if (MaxBatchDocuments < 1) problems.Add($"{Section}.max_batch_documents: must be at least 1");
        if (MaxBatchBytes < 1024) problems.Add($"{Section}.max_batch_bytes: must be at least 1024");
        if (FlushInterval < TimeSpan.Zero) problems.Add($"{Section}.flush_interval: must not be negative");
        if (MaxConcurrentRequests < 1) problems.Add($"{Section}.max_concurrent_requests: must be at least 1");
        if (MaxRetries < 0) problems.Add($"{Section}.max_retries: must not be negative");
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
            problems.Add($"{Section}.initial_backoff/max_backoff: need 0 < initial_backoff <= max_backoff");
        return problems;
    }
}
