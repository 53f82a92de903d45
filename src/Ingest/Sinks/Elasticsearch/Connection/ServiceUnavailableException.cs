namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>Elasticsearch or Kibana could not be reached (refused, reset, DNS, TLS or timeout); the work should be kept and retried.</summary>
public sealed class ServiceUnavailableException(string message, Exception inner) : Exception(message, inner);
