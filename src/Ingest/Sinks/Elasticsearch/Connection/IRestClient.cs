namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>
/// Sends one REST request to Elasticsearch or Kibana and reads the whole answer. Two implementations: our own
/// <see cref="RestConnection"/> (any version: the bulk delivery path, Kibana) and <see cref="OfficialClientConnection"/>
/// (the official 9.x client, for <c>setup elasticsearch</c>).
/// </summary>
internal interface IRestClient : IDisposable
{
    /// <summary>"Elasticsearch" or "Kibana", used in messages.</summary>
    string ServiceName { get; }

    /// <summary>Sends a request relative to the base URL and reads the whole answer.</summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    Task<RestResponse> SendAsync(HttpMethod method, string relativePath, HttpContent? content, CancellationToken ct,
        IEnumerable<KeyValuePair<string, string>>? headers = null);
}
