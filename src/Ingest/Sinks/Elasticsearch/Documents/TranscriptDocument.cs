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

    /// <summary>
    /// The transcript document as compact UTF-8 JSON: the recording's <see cref="RecordingJson"/> document (same names
    /// as the store and the CLI) without what the index does not keep (alerts, which have their own data stream; turns;
    /// segment tokens and labels; the untyped field <c>value</c>), plus the ECS fields and the copies made for search
    /// and dashboards (<c>extracted*</c>, <c>phone_numbers</c>, <c>field_names</c>, <c>alert_*</c>).
    /// </summary>
    public static byte[] Transcript(RecordingDocument doc)
    {
        var json = RecordingJson.Of(doc);
        foreach (var key in IndexOmits) json.Remove(key);
        foreach (var segment in json["segments"]!.AsArray().OfType<JsonObject>())
            foreach (var key in SegmentOmits) segment.Remove(key);
        foreach (var field in json["fields"]!.AsArray().OfType<JsonObject>()) field.Remove("value");
        var metrics = new JsonObject();
        foreach (var (name, value) in doc.Metrics)
            if (double.IsFinite(value)) metrics[ExtractedValues.KeyFor(name)] = value;
        json["metrics"] = metrics;
        AddEcs(json, doc, "funasr.transcripts", "event");
        json["event"]!["duration"] = (long)Math.Round(doc.Transcript.Duration.TotalMilliseconds * 1_000_000);
        var extracted = ExtractedValues.Flatten(doc.Fields);
        json["extracted"] = extracted;
        json["extracted_minutes"] = ExtractedValues.Minutes(extracted);
        json["extracted_numbers"] = ExtractedValues.Numbers(extracted);
        json["phone_numbers"] = Strings(PhoneNumbers(doc.Fields));
        json["field_names"] = Strings(doc.Fields.Select(f => f.Name).Distinct());
        json["alert_rules"] = Strings(doc.Alerts.Select(a => a.RuleId).Distinct());
        json["alert_severities"] = Strings(doc.Alerts.Select(a => a.Severity).Distinct());
        json["alert_count"] = doc.Alerts.Count;
        return JsonSerializer.SerializeToUtf8Bytes(json, Compact);
    }

    /// <summary>Members of the recording document the transcript index does not map.</summary>
    private static readonly string[] IndexOmits = ["alerts", "turns"];

    private static readonly string[] SegmentOmits = ["tokens", "emotion", "event", "timestamps"];

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

    /// <summary>The ECS members of every document: <c>@timestamp</c>, <c>event.*</c>, <c>service.name</c>.</summary>
    private static void AddEcs(JsonObject json, RecordingDocument doc, string dataset, string kind)
    {
        json["@timestamp"] = Timestamp(doc);
        json["event"] = new JsonObject
        {
            ["kind"] = kind,
            ["dataset"] = dataset,
            ["module"] = "funasr",
            ["start"] = doc.Metadata.StartedAt,
            ["ingested"] = doc.ProcessedAt,
        };
        json["service"] = new JsonObject { ["name"] = ServiceName };
    }

    private static JsonObject Metadata(RecordingDocument doc, string dataset, string kind)
    {
        var json = new JsonObject();
        AddEcs(json, doc, dataset, kind);
        json["recording_id"] = doc.RecordingId;
        json["source_path"] = doc.SourcePath;
        json["call_id"] = doc.Metadata.CallId;
        json["agent"] = doc.Metadata.Agent;
        json["customer_number"] = doc.Metadata.CustomerNumber;
        json["direction"] = doc.Metadata.Direction;
        json["queue"] = doc.Metadata.Queue;
        json["model_id"] = doc.ModelId;
        json["rule_pack_version"] = doc.RulePackVersion;
        return json;
    }

    private static IEnumerable<string> PhoneNumbers(IEnumerable<FunAsr.Extractors.ExtractedField> fields) =>
        fields.Where(f => f.Type == "phone").Select(f => f.ValueText).Distinct();

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
