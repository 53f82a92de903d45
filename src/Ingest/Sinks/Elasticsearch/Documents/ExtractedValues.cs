using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunAsr.Extractors;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Documents;

/// <summary>
/// Turns extracted fields into flat, typed JSON Kibana can filter and chart (it cannot use nested fields): one key per
/// field name (several values become an array), records flattened into sub-objects, and every <c>HH:MM</c> time also
/// written as <c>&lt;key&gt;_minutes</c> from midnight so opening hours can be compared and ranged.
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
        if (value is null) return;
        target[key] = value;
        JsonNode? minutes = value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => MinutesFromMidnight(s) is { } m ? JsonValue.Create(m) : (JsonNode?)null,
            JsonArray a when a.All(x => x is JsonValue v && v.TryGetValue<string>(out var s) && MinutesFromMidnight(s) is not null) && a.Count > 0 =>
                new JsonArray([.. a.Select(x => (JsonNode)JsonValue.Create(MinutesFromMidnight(x!.GetValue<string>())!.Value))]),
            _ => null,
        };
        if (minutes is not null) target[key + "_minutes"] = minutes;
    }

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})(?::\d{2})?$")]
    private static partial Regex ClockTime();
}
