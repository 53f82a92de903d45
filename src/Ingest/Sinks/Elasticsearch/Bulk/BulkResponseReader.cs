using System.Text.Json;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>
/// Reads the items of a bulk response (HTTP 200, even when <c>errors</c> is true). Items come back in request order;
/// a response with a different number of items than were sent is refused as a whole, as Logstash does.
/// </summary>
internal static class BulkResponseReader
{
    /// <summary>The per-item results, in request order.</summary>
    /// <exception cref="FormatException">The body is not a bulk response for <paramref name="sentCount"/> items.</exception>
    public static IReadOnlyList<BulkItemResult> Read(byte[] body, int sentCount)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                throw new FormatException("bulk response has no 'items' array");
            if (items.GetArrayLength() != sentCount)
                throw new FormatException($"bulk response has {items.GetArrayLength()} items for {sentCount} sent");
            var results = new List<BulkItemResult>(sentCount);
            foreach (var wrapper in items.EnumerateArray())
            {
                var item = wrapper.EnumerateObject().Single().Value;
                var status = item.GetProperty("status").GetInt32();
                string? type = null, reason = null;
                if (item.TryGetProperty("error", out var error))
                {
                    type = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("type", out var t) ? t.GetString() : null;
                    reason = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("reason", out var r) ? r.GetString() : error.ToString();
                }
                results.Add(new BulkItemResult(status, type, reason));
            }
            return results;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"bulk response is malformed: {e.Message}", e);
        }
    }
}
