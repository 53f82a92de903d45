using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Documents;

/// <summary>
/// The Elasticsearch documents of one recording, shaped for <c>deploy/elasticsearch/*-mappings.json</c>: the transcript
/// document (<c>_id</c> = recording id, written with <c>index</c> so re-processing overwrites) and one alert document
/// per alert (<c>_id</c> = <c>&lt;recording id&gt;:&lt;rule id&gt;:&lt;n&gt;</c>, written with <c>create</c> into the
/// alerts data stream so a replay finds it already there). Both carry <c>@timestamp</c> (the call start, else the
/// processing time) and the ECS <c>event.*</c> and <c>service.*</c> fields.
/// </summary>
internal static class TranscriptDocument
{
    /// <summary>The ECS <c>service.name</c> of every document.</summary>
    public const string ServiceName = "funasr-pipeline";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document's <c>@timestamp</c>: when the call started (sidecar <c>started_at</c>), else when it was processed.</summary>
    public static DateTimeOffset Timestamp(RecordingDocument doc) => doc.Metadata.StartedAt ?? doc.ProcessedAt;

    /// <summary>The transcript document as compact UTF-8 JSON.</summary>
    public static byte[] Transcript(RecordingDocument doc)
    {
        var t = doc.Transcript;
        var json = Metadata(doc, "funasr.transcripts", "event");
        json["event"]!["duration"] = (long)Math.Round(t.Duration.TotalMilliseconds * 1_000_000);
        json["duration_seconds"] = Math.Round(t.Duration.TotalSeconds, 3);
        json["channels"] = t.Channels;
        json["language"] = t.Language;
        json["device"] = t.Device;
        json["transcript"] = t.Text;
        json["transcript_spoken"] = t.RawText;
        json["segments"] = new JsonArray([.. t.Segments.Select(s => (JsonNode)new JsonObject
        {
            ["start_seconds"] = Math.Round(s.Start.TotalSeconds, 3),
            ["end_seconds"] = Math.Round(s.End.TotalSeconds, 3),
            ["channel"] = s.Channel,
            ["speaker"] = s.Speaker,
            ["language"] = s.Language,
            ["text"] = s.Text,
            ["spoken"] = s.RawText,
        })]);
        json["fields"] = new JsonArray([.. doc.Fields.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["type"] = f.Type,
            ["value"] = f.ValueText,
            ["text"] = f.Text,
            ["rule_id"] = f.RuleId,
            ["rule_version"] = f.RuleVersion,
            ["start"] = f.Start,
            ["length"] = f.Length,
            ["start_seconds"] = f.StartTime is { } start ? Math.Round(start.TotalSeconds, 3) : null,
            ["end_seconds"] = f.EndTime is { } end ? Math.Round(end.TotalSeconds, 3) : null,
            ["channel"] = f.Channel,
            ["speaker"] = f.Speaker,
        })]);
        var extracted = ExtractedValues.Flatten(doc.Fields);
        json["extracted"] = extracted;
        json["extracted_minutes"] = ExtractedValues.Minutes(extracted);
        json["extracted_numbers"] = ExtractedValues.Numbers(extracted);
        json["phone_numbers"] = Strings(PhoneNumbers(doc.Fields));
        json["field_names"] = Strings(doc.Fields.Select(f => f.Name).Distinct());
        json["tags"] = Strings(doc.Tags);
        json["alert_rules"] = Strings(doc.Alerts.Select(a => a.RuleId).Distinct());
        json["alert_severities"] = Strings(doc.Alerts.Select(a => a.Severity).Distinct());
        json["alert_count"] = doc.Alerts.Count;
        var metrics = new JsonObject();
        foreach (var (name, value) in doc.Metrics)
            if (double.IsFinite(value)) metrics[ExtractedValues.KeyFor(name)] = value;
        json["metrics"] = metrics;
        return JsonSerializer.SerializeToUtf8Bytes(json, Compact);
    }

    /// <summary>The alert documents with their ids, in the order of <see cref="RecordingDocument.Alerts"/>.</summary>
    public static IEnumerable<(string Id, byte[] Source)> Alerts(RecordingDocument doc)
    {
        var perRule = new Dictionary<string, int>();
        foreach (var alert in doc.Alerts)
        {
            var n = perRule[alert.RuleId] = perRule.GetValueOrDefault(alert.RuleId, -1) + 1;
            var id = $"{doc.RecordingId}:{alert.RuleId}:{n}";
            var json = Metadata(doc, "funasr.alerts", "alert");
            json["alert_id"] = id;
            json["rule_id"] = alert.RuleId;
            json["severity"] = alert.Severity;
            json["message"] = alert.Message;
            var fields = new JsonObject();
            foreach (var group in alert.Fields.GroupBy(f => ExtractedValues.KeyFor(f.Name)))
                fields[group.Key] = group.Count() == 1
                    ? group.First().ValueText
                    : Strings(group.Select(f => f.ValueText));
            json["fields"] = fields;
            json["phone_numbers"] = Strings(PhoneNumbers(alert.Fields));
            json.Remove("direction");
            yield return (id, JsonSerializer.SerializeToUtf8Bytes(json, Compact));
        }
    }

    private static JsonObject Metadata(RecordingDocument doc, string dataset, string kind) => new()
    {
        ["@timestamp"] = Timestamp(doc),
        ["event"] = new JsonObject
        {
            ["kind"] = kind,
            ["dataset"] = dataset,
            ["module"] = "funasr",
            ["start"] = doc.Metadata.StartedAt,
            ["ingested"] = doc.ProcessedAt,
        },
        ["service"] = new JsonObject { ["name"] = ServiceName },
        ["recording_id"] = doc.RecordingId,
        ["source_path"] = doc.SourcePath,
        ["call_id"] = doc.Metadata.CallId,
        ["agent"] = doc.Metadata.Agent,
        ["customer_number"] = doc.Metadata.CustomerNumber,
        ["direction"] = doc.Metadata.Direction,
        ["queue"] = doc.Metadata.Queue,
        ["model_id"] = doc.ModelId,
        ["rule_pack_version"] = doc.RulePackVersion,
    };

    private static IEnumerable<string> PhoneNumbers(IEnumerable<FunAsr.Extractors.ExtractedField> fields) =>
        fields.Where(f => f.Type == "phone").Select(f => f.ValueText).Distinct();

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
