using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunAsr.Ingest.Records;

/// <summary>
/// Brings a stored document to the current <see cref="RecordingJson"/> schema. Documents without
/// <c>schema_version</c> are schema 1, the serialized <see cref="RecordingDocument"/> itself (nested <c>metadata</c>
/// and <c>transcript</c>, <c>transcript.duration</c>); they are read back as that record and written anew.
/// </summary>
internal static class StoredDocumentUpgrade
{
    /// <summary>True when <paramref name="json"/> already has the current <c>schema_version</c>.</summary>
    public static bool IsCurrent(string json) =>
        JsonNode.Parse(json) is JsonObject doc && doc["schema_version"]?.GetValue<int>() == RecordingJson.SchemaVersion;

    /// <summary>The document in the current schema.</summary>
    /// <exception cref="JsonException">The document is neither current nor a schema 1 document.</exception>
    public static string ToCurrent(string json)
    {
        if (IsCurrent(json)) return json;
        var doc = JsonSerializer.Deserialize<RecordingDocument>(json, DocumentJson.Options)
            ?? throw new JsonException("the stored document is empty");
        return RecordingJson.Serialize(doc);
    }
}
