namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>One entry of a bulk response's <c>items</c>: its HTTP status and, for failures, the error type and reason.</summary>
internal sealed record BulkItemResult(int Status, string? ErrorType, string? ErrorReason);
