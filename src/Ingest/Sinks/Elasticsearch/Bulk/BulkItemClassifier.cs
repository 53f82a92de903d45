namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>
/// The table from a bulk item's status to a verdict. It follows Logstash's Elasticsearch output: 429 and 5xx are
/// retried, 400 and 404 are dead-lettered, 409 on <c>create</c> of a deterministic id means the document is already
/// there. Classification is by status, never by the error type string (which changed from
/// <c>mapper_parsing_exception</c> to <c>document_parsing_exception</c> across versions).
/// </summary>
internal static class BulkItemClassifier
{
    /// <summary>The verdict for <paramref name="item"/>, the answer to <paramref name="operation"/>.</summary>
    public static BulkVerdict Classify(BulkOperation operation, BulkItemResult item) => item.Status switch
    {
        200 or 201 => BulkVerdict.Stored,
        409 when operation.Action == BulkAction.Create => BulkVerdict.AlreadyStored,
        429 or >= 500 => BulkVerdict.Retry(Describe(item)),
        _ => BulkVerdict.DeadLetter(Describe(item)),
    };

    private static string Describe(BulkItemResult item) =>
        $"HTTP {item.Status} {item.ErrorType ?? "error"}: {item.ErrorReason ?? "(no reason given)"}";
}
