using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>
/// Requests through the official client, <c>Elastic.Clients.Elasticsearch</c> 9.x (its transport: authentication,
/// TLS, the product check, and the <c>compatible-with=9</c> media type). It serves what talks to the cluster as an
/// application, <c>setup elasticsearch</c>, which therefore needs Elasticsearch 9.x: 8.x refuses
/// <c>compatible-with=9</c> (elastic/elasticsearch-net#8501, #8526). Delivery keeps <see cref="RestConnection"/>, whose
/// plain bulk requests work against 8.19 and 9.x alike.
/// </summary>
internal sealed class OfficialClientConnection : IRestClient
{
    private readonly ElasticsearchClient client;
    private readonly string url;

    private OfficialClientConnection(ElasticsearchClient client, string url)
    {
        this.client = client;
        this.url = url;
    }

    /// <inheritdoc/>
    public string ServiceName => "Elasticsearch";

    /// <summary>A client for the endpoint settings (URL, API key or user, CA file or fingerprint, timeout).</summary>
    public static OfficialClientConnection Open(IServiceEndpoint options)
    {
        var problems = ServiceEndpoint.Validate(options, "elasticsearch").ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        var settings = new ElasticsearchClientSettings(new Uri(options.Url))
            .RequestTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
        if (CertificateTrust.CallbackFor(options) is { } trust)
            settings.ServerCertificateValidationCallback((sender, certificate, chain, errors) => trust(sender, certificate, chain, errors));
        switch (RestConnection.AuthorizationFor(options))
        {
            case { Scheme: "ApiKey", Parameter: { } key }:
                settings.Authentication(new ApiKey(key));
                break;
            case { Scheme: "Basic" }:
                settings.Authentication(new BasicAuthentication(options.Username!, options.Password ?? ""));
                break;
        }
        return new OfficialClientConnection(new ElasticsearchClient(settings), options.Url);
    }

    /// <inheritdoc/>
    public async Task<RestResponse> SendAsync(System.Net.Http.HttpMethod method, string relativePath, HttpContent? content, CancellationToken ct,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var body = content is null ? null : PostData.Bytes(await content.ReadAsByteArrayAsync(ct));
        var request = $"{method} {relativePath}";
        var response = await client.Transport.RequestAsync<BytesResponse>(TransportMethod(method), "/" + relativePath.TrimStart('/'), body, ct);
        var details = response.ApiCallDetails;
        if (details.HttpStatusCode is not { } status)
        {
            var cause = details.OriginalException ?? new HttpRequestException("no answer");
            throw new ServiceUnavailableException($"{ServiceName} at {url} is unreachable ({request}): {cause.Message}", cause);
        }
        return new RestResponse(status, response.Body ?? [], request);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static Elastic.Transport.HttpMethod TransportMethod(System.Net.Http.HttpMethod method) => method.Method switch
    {
        "GET" => Elastic.Transport.HttpMethod.GET,
        "PUT" => Elastic.Transport.HttpMethod.PUT,
        "POST" => Elastic.Transport.HttpMethod.POST,
        "DELETE" => Elastic.Transport.HttpMethod.DELETE,
        "HEAD" => Elastic.Transport.HttpMethod.HEAD,
        _ => throw new ArgumentException($"HTTP method {method} is not used with Elasticsearch", nameof(method)),
    };
}
