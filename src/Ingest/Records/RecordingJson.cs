using System.Text.Json;
using System.Text.Json.Nodes;
using FunAsr.Extractors;

namespace FunAsr.Ingest.Records;

/// <summary>
/// The one JSON document of a recording (<c>docs/SCHEMA.md</c>, <see cref="SchemaVersion"/>): what <c>transcribe
/// --format json</c> prints, the embedded store keeps and <c>export</c> writes, the NDJSON and stdout sinks emit and the
/// Elasticsearch transcript document builds on. snake_case names, flat call metadata, times in seconds as numbers
/// (<c>_seconds</c>), timestamps in ISO 8601; absent values are left out.
/// </summary>
internal static class RecordingJson
{
    /// <summary>The version written in <c>schema_version</c>; 1 was the nested store document before it (see <see cref="StoredDocumentUpgrade"/>).</summary>
    public const int SchemaVersion = 2;

    public static JsonObject Of(RecordingDocument doc)
    {
        var t = doc.Transcript;
        var m = doc.Metadata;
        var json = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["recording_id"] = doc.RecordingId,
            ["source_path"] = doc.SourcePath,
            ["call_id"] = m.CallId,
            ["agent"] = m.Agent,
            ["customer_number"] = m.CustomerNumber,
            ["direction"] = m.Direction,
            ["queue"] = m.Queue,
            ["started_at"] = m.StartedAt,
            ["duration_seconds"] = Seconds(t.Duration),
            ["channels"] = t.Channels,
            ["language"] = t.Language,
            ["device"] = t.Device,
            ["model_id"] = doc.ModelId,
            ["vad"] = t.VadMethod,
            ["rule_pack_version"] = doc.RulePackVersion,
            ["processed_at"] = doc.ProcessedAt,
            ["text"] = t.Text,
            ["raw_text"] = t.RawText,
            ["segments"] = new JsonArray([.. t.Segments.Select(s => (JsonNode)new JsonObject
            {
                ["start_seconds"] = Seconds(s.Start),
                ["end_seconds"] = Seconds(s.End),
                ["channel"] = s.Channel,
                ["speaker"] = s.Speaker,
                ["language"] = s.Language,
                ["text"] = s.Text,
                ["raw_text"] = s.RawText,
                ["emotion"] = s.Emotion,
                ["event"] = s.Event,
                ["timestamps"] = s.Timestamps,
                ["tokens"] = new JsonArray([.. s.Tokens.Select(k => (JsonNode)new JsonObject { ["text"] = k.Text, ["start_seconds"] = Seconds(k.Start) })]),
            })]),
            ["fields"] = Fields(doc.Fields),
            ["tags"] = new JsonArray([.. doc.Tags.Select(tag => (JsonNode)tag)]),
            ["alerts"] = new JsonArray([.. doc.Alerts.Select(a => (JsonNode)new JsonObject
            {
                ["rule_id"] = a.RuleId,
                ["severity"] = a.Severity,
                ["message"] = a.Message,
                ["fields"] = Fields(a.Fields),
            })]),
            ["turns"] = new JsonArray([.. t.Turns.Select(turn => (JsonNode)new JsonObject
            {
                ["speaker"] = turn.Speaker,
                ["channel"] = turn.Channel,
                ["start_seconds"] = Seconds(turn.Start),
                ["end_seconds"] = Seconds(turn.End),
                ["text"] = turn.Text,
            })]),
            ["metrics"] = new JsonObject([.. doc.Metrics.Where(kv => double.IsFinite(kv.Value))
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        };
        return WithoutNulls(json);
    }

    public static string Serialize(RecordingDocument doc) => Of(doc).ToJsonString(DocumentJson.Options);

    /// <summary>Fields with their place: <c>value</c> is the normalized value (any JSON), <c>value_text</c> its canonical string.</summary>
    public static JsonArray Fields(IEnumerable<ExtractedField> fields) => new([.. fields.Select(f => (JsonNode)WithoutNulls(new JsonObject
    {
        ["name"] = f.Name,
        ["type"] = f.Type,
        ["value"] = JsonSerializer.SerializeToNode(f.Value, DocumentJson.Options),
        ["value_text"] = f.ValueText,
        ["text"] = f.Text,
        ["rule_id"] = f.RuleId,
        ["rule_version"] = f.RuleVersion,
        ["start"] = f.Start,
        ["length"] = f.Length,
        ["start_seconds"] = f.StartTime is { } start ? Seconds(start) : null,
        ["end_seconds"] = f.EndTime is { } end ? Seconds(end) : null,
        ["channel"] = f.Channel,
        ["speaker"] = f.Speaker,
    }))]);

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3);

    private static JsonObject WithoutNulls(JsonObject json)
    {
        foreach (var key in json.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) json.Remove(key);
        foreach (var segment in (json["segments"] as JsonArray ?? []).OfType<JsonObject>())
            foreach (var key in segment.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) segment.Remove(key);
        return json;
    }
}
