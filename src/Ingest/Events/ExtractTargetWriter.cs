using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Events;

/// <summary>
/// Writes the object that goes under the target key: <c>fields</c> (name → value, or a list when a name was found
/// more than once), <c>matches</c> (each field with rule, span and type), <c>tags</c>, <c>alerts</c>, rule
/// <c>failures</c> (timeouts) and <c>redacted_text</c> when redaction changed the text; or, for an event that could
/// not be read, <c>tags: ["_funasr_extract_failure"]</c> and <c>_funasr_extract_failure: {reason, message}</c>.
/// </summary>
internal static class ExtractTargetWriter
{
    // Encoded once: the writer otherwise transcodes every property name on every event.
    private static readonly JsonEncodedText Fields = JsonEncodedText.Encode("fields");
    private static readonly JsonEncodedText Matches = JsonEncodedText.Encode("matches");
    private static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    private static readonly JsonEncodedText Alerts = JsonEncodedText.Encode("alerts");
    private static readonly JsonEncodedText Failures = JsonEncodedText.Encode("failures");
    private static readonly JsonEncodedText RedactedText = JsonEncodedText.Encode("redacted_text");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");
    private static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText RuleVersion = JsonEncodedText.Encode("rule_version");
    private static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText FailureTag = JsonEncodedText.Encode(EventFailure.Tag);

    public static void WriteResult(Utf8JsonWriter json, ExtractionResult result, string sourceText)
    {
        json.WriteStartObject();
        json.WriteStartObject(Fields);
        var fields = result.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Name;
            if (IndexOfName(fields, name) < i)
            {
                continue;
            }
            json.WritePropertyName(name);
            if (IndexOfName(fields, name, i + 1) < 0)
            {
                WriteValue(json, fields[i].Value);
                continue;
            }
            json.WriteStartArray();
            for (var j = i; j < fields.Count; j++)
            {
                if (fields[j].Name == name)
                {
                    WriteValue(json, fields[j].Value);
                }
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteStartArray(Matches);
        foreach (var field in fields)
        {
            json.WriteStartObject();
            json.WriteString(Name, field.Name);
            json.WriteString(Type, field.Type);
            json.WritePropertyName(Value);
            WriteValue(json, field.Value);
            json.WriteString(Text, field.Text);
            json.WriteNumber(Start, field.Start);
            json.WriteNumber(Length, field.Length);
            json.WriteString(Rule, field.RuleId);
            json.WriteString(RuleVersion, field.RuleVersion);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, Tags, result.Tags);
        json.WriteStartArray(Alerts);
        foreach (var alert in result.Alerts)
        {
            json.WriteStartObject();
            json.WriteString(Rule, alert.RuleId);
            json.WriteString(Severity, alert.Severity);
            json.WriteString(Message, alert.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (result.Failures.Count > 0)
        {
            json.WritePropertyName(Failures);
            JsonSerializer.Serialize(json, result.Failures, DocumentJson.Options);
        }
        if (result.RedactedText != sourceText)
        {
            json.WriteString(RedactedText, result.RedactedText);
        }
        json.WriteEndObject();
    }

    public static void WriteFailure(Utf8JsonWriter json, EventFailure failure)
    {
        json.WriteStartObject();
        WriteStrings(json, Tags, [EventFailure.Tag]);
        json.WriteStartObject(FailureTag);
        json.WriteString(Reason, failure.Reason);
        json.WriteString(Message, failure.Message);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static int IndexOfName(IReadOnlyList<ExtractedField> fields, string name, int from = 0)
    {
        for (var i = from; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Plain values directly; normalized values (phone, money, time range…) through the document JSON shape.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            default:
                JsonSerializer.Serialize(json, value, value.GetType(), DocumentJson.Options);
                break;
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, JsonEncodedText name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
