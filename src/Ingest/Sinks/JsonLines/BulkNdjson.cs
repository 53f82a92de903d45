using System.Text.Json;

namespace FunAsr.Ingest.Sinks.JsonLines;

/// <summary>
/// Elasticsearch bulk NDJSON: an <c>index</c> action line naming the index and <c>_id</c>, then the document on one
/// line. Loading the output with the <c>_bulk</c> API overwrites by recording id, so it is idempotent.
/// </summary>
internal static class BulkNdjson
{
    public static void WriteEntry(TextWriter writer, string index, string id, string documentJson)
    {
        writer.Write(JsonSerializer.Serialize(new { index = new { _index = index, _id = id } }));
        writer.Write('\n');
        writer.Write(documentJson);
        writer.Write('\n');
    }
}
