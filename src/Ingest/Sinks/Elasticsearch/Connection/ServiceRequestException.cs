namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>Elasticsearch or Kibana answered a request with an error status; the message names the service, request, status and reason.</summary>
public sealed class ServiceRequestException(string serviceName, string request, int status, string message)
    : Exception($"{serviceName} {request} answered HTTP {status}: {message}{HintFor(status)}")
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    private static string HintFor(int status) => status switch
    {
        401 => " (check the username/password or api_key settings, or the *_PASSWORD / *_API_KEY environment variables)",
        403 => " (the user or API key lacks a privilege for this request)",
        _ => "",
    };
}
