using System.Text.Json;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>
/// Writes bulk items as the NDJSON body of <c>POST /_bulk</c>: for each item an action line and a source line, every
/// line ending in <c>\n</c> (the last one too), no pretty-printing. The body is a byte array so the request carries an
/// exact Content-Length instead of chunked encoding, as Elasticsearch's bulk documentation asks.
/// </summary>
internal static class BulkRequestWriter
{
    /// <summary>The media type Elasticsearch expects for bulk bodies.</summary>
    public const string ContentType = "application/x-ndjson";

    /// <summary>The whole body for <paramref name="operations"/>.</summary>
    public static byte[] Write(IReadOnlyList<BulkOperation> operations)
    {
        var buffer = new MemoryStream(operations.Sum(SizeOf));
        foreach (var operation in operations) WriteTo(buffer, operation);
        return buffer.ToArray();
    }

    /// <summary>Bytes this item adds to a bulk body (action line, source line and both newlines).</summary>
    public static int SizeOf(BulkOperation operation) => ActionLine(operation).Length + operation.Source.Length + 2;

    private static void WriteTo(Stream stream, BulkOperation operation)
    {
        if (Array.IndexOf(operation.Source, (byte)'\n') >= 0)
            throw new ArgumentException($"bulk source of {operation.Index}/{operation.Id} spans several lines; it must be compact JSON");
        stream.Write(ActionLine(operation));
        stream.WriteByte((byte)'\n');
        stream.Write(operation.Source);
        stream.WriteByte((byte)'\n');
    }

    private static byte[] ActionLine(BulkOperation operation)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(operation.ActionName);
            json.WriteString("_index", operation.Index);
            json.WriteString("_id", operation.Id);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
