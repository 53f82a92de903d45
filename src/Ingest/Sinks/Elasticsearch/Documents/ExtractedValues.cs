using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunAsr.Extractors;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Documents;

/// <summary>
/// Turns extracted fields into JSON Kibana can filter and chart (it cannot use nested fields): <c>extracted</c> has one
/// key per field name (several values become an array, records become sub-objects) and is mapped <c>flattened</c>, so a
/// rule that emits a string in one call and a record in the next cannot make Elasticsearch refuse the document. The
/// typed copies sit in their own namespaces, one key per leaf path (<c>business_hours_start</c>), where only one type
/// is ever written: <c>extracted_minutes</c> (every <c>HH:MM</c> time as minutes from midnight, for ranges) and
/// <c>extracted_numbers</c> (every number).
/// </summary>
internal static partial class ExtractedValues
{
    /// <summary>The <c>extracted</c> object of a transcript document.</summary>
    public static JsonObject Flatten(IEnumerable<ExtractedField> fields)
    {
        var result = new JsonObject();
        foreach (var group in fields.GroupBy(f => KeyFor(f.Name)))
        {
            var values = group.Select(f => Flatten(JsonSerializer.SerializeToElement(f.Value, DocumentJson.Options))).ToList();
            Put(result, group.Key, values.Count == 1 ? values[0] : new JsonArray([.. values]));
        }
        return result;
    }

    /// <summary>The <c>extracted_minutes</c> object: each leaf of <paramref name="extracted"/> holding clock times, as minutes from midnight.</summary>
    public static JsonObject Minutes(JsonObject extracted) => Typed(extracted, leaf =>
        leaf is JsonValue v && v.TryGetValue<string>(out var s) && MinutesFromMidnight(s) is { } m ? JsonValue.Create(m) : null);

    /// <summary>The <c>extracted_numbers</c> object: each numeric leaf of <paramref name="extracted"/>.</summary>
    public static JsonObject Numbers(JsonObject extracted) => Typed(extracted, leaf =>
        leaf is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonValue.Create(v.GetValue<double>()) : null);

    /// <summary>Minutes from midnight for <c>H:MM</c>/<c>HH:MM</c>(<c>:SS</c>) text, else null.</summary>
    public static int? MinutesFromMidnight(string text)
    {
        var match = ClockTime().Match(text);
        if (!match.Success) return null;
        var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return hours <= 24 && minutes < 60 ? hours * 60 + minutes : null;
    }

    /// <summary>A field name usable as one Elasticsearch object key (dots and brackets would make object paths).</summary>
    public static string KeyFor(string name)
    {
        var key = new string([.. name.Trim('[', ']').Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
        return key.Length == 0 ? "_" : key;
    }

    private static JsonNode? Flatten(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => FlattenObject(value),
        JsonValueKind.Array => new JsonArray([.. value.EnumerateArray().Select(Flatten)]),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(value),
    };

    private static JsonObject FlattenObject(JsonElement value)
    {
        var result = new JsonObject();
        foreach (var property in value.EnumerateObject()) Put(result, KeyFor(property.Name), Flatten(property.Value));
        return result;
    }

    private static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null) target[key] = value;
    }

    /// <summary>
    /// One key per leaf path of <paramref name="extracted"/> (path parts joined by <c>_</c>) with the values that
    /// convert; array elements and several records under one name add to the same key.
    /// </summary>
    private static JsonObject Typed(JsonObject extracted, Func<JsonNode?, JsonValue?> convert)
    {
        var result = new JsonObject();
        void Walk(string path, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o) Walk(path.Length == 0 ? key : $"{path}_{key}", child);
                    break;
                case JsonArray a:
                    foreach (var element in a) Walk(path, element);
                    break;
                default:
                    if (convert(node) is { } value) Add(result, path, value);
                    break;
            }
        }
        Walk("", extracted);
        return result;
    }

    /// <summary>Sets <paramref name="key"/>, or appends to its values when several records or array elements share the path.</summary>
    private static void Add(JsonObject target, string key, JsonValue value)
    {
        switch (target[key])
        {
            case null:
                target[key] = value;
                break;
            case JsonArray values:
                values.Add(value);
                break;
            case var single:
                target[key] = new JsonArray(single.DeepClone(), value);
                break;
        }
    }

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})(?::\d{2})?$")]
    private static partial Regex ClockTime();
}
