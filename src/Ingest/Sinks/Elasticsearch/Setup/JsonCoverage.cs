using System.Text.Json.Nodes;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// Whether an object Kibana returns already holds what setup would send: Kibana adds ids, defaults and bookkeeping
/// to what it stores (<c>uuid</c>, <c>connector_type_id</c>, <c>aggType</c>…), so "the same" means every property we
/// send is there with an equal value, not that the two are equal.
/// </summary>
internal static class JsonCoverage
{
    /// <summary>True when <paramref name="actual"/> has every property of <paramref name="desired"/>, recursively, with equal values.</summary>
    public static bool Covers(JsonNode? desired, JsonNode? actual) => (desired, actual) switch
    {
        (JsonObject d, JsonObject a) => d.All(p => Covers(p.Value, a.TryGetPropertyValue(p.Key, out var v) ? v : null)),
        (JsonObject d, null) => d.Count == 0,
        (JsonArray d, JsonArray a) => d.Count == a.Count && d.Zip(a).All(pair => Covers(pair.First, pair.Second)),
        _ => JsonNode.DeepEquals(desired, actual),
    };
}
