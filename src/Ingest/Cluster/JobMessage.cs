using System.Text.Json;
using System.Text.Json.Serialization;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// One recording to process, as the intake publishes it on <c>{queue}.jobs</c>: its ledger id and revision, where the
/// audio is (the intake's path; workers with <c>audio: http</c> fetch it by id instead) and its metadata as the ledger
/// keeps it, with the hotwords of the inbox it came from (so workers need no copy of the intake's sources). The
/// audio itself never goes through the broker.
/// </summary>
internal sealed record JobMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("metadata_json")] string? MetadataJson,
    [property: JsonPropertyName("inbox_hotwords")] IReadOnlyList<Hotword>? InboxHotwords,
    [property: JsonPropertyName("published_at")] DateTimeOffset PublishedAt)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <exception cref="JsonException">The body is not a job.</exception>
    public static JobMessage Parse(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize<JobMessage>(body) is { Id.Length: > 0, Path.Length: > 0 } job
            ? job
            : throw new JsonException("a job needs an id and a path");
}
