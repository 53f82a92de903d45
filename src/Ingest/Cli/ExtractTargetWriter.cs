using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// Writes the object that goes under the target key: <c>fields</c> (name → value, or a list when a name was found
/// more than once), <c>matches</c> (each field with rule, span and type), <c>tags</c>, <c>alerts</c>, rule
/// <c>failures</c> (timeouts) and <c>redacted_text</c> when redaction changed the text; or, for an event that could
/// not be read, <c>tags: ["_funasr_extract_failure"]</c> and <c>_funasr_extract_failure: {reason, message}</c>.
/// </summary>
internal static class ExtractTargetWriter
{
    public static void WriteResult(Utf8JsonWriter json, ExtractionResult result, string sourceText)
    {
        json.WriteStartObject();
        json.WriteStartObject("fields");
        foreach (var byName in result.Fields.GroupBy(f => f.Name))
        {
            json.WritePropertyName(byName.Key);
            if (byName.Count() == 1)
            {
                JsonSerializer.Serialize(json, byName.First().Value, DocumentJson.Options);
                continue;
            }
            json.WriteStartArray();
            foreach (var field in byName)
            {
                JsonSerializer.Serialize(json, field.Value, DocumentJson.Options);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteStartArray("matches");
        foreach (var field in result.Fields)
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            json.WriteString("type", field.Type);
            json.WritePropertyName("value");
            JsonSerializer.Serialize(json, field.Value, DocumentJson.Options);
            json.WriteString("text", field.Text);
            json.WriteNumber("start", field.Start);
            json.WriteNumber("length", field.Length);
            json.WriteString("rule", field.RuleId);
            json.WriteString("rule_version", field.RuleVersion);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, "tags", result.Tags);
        json.WriteStartArray("alerts");
        foreach (var alert in result.Alerts)
        {
            json.WriteStartObject();
            json.WriteString("rule", alert.RuleId);
            json.WriteString("severity", alert.Severity);
            json.WriteString("message", alert.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (result.Failures.Count > 0)
        {
            json.WritePropertyName("failures");
            JsonSerializer.Serialize(json, result.Failures, DocumentJson.Options);
        }
        if (result.RedactedText != sourceText)
        {
            json.WriteString("redacted_text", result.RedactedText);
        }
        json.WriteEndObject();
    }

    public static void WriteFailure(Utf8JsonWriter json, EventFailure failure)
    {
        json.WriteStartObject();
        WriteStrings(json, "tags", [EventFailure.Tag]);
        json.WriteStartObject(EventFailure.Tag);
        json.WriteString("reason", failure.Reason);
        json.WriteString("message", failure.Message);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
