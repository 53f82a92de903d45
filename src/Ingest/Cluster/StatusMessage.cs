using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// A worker's word on one recording, published on <c>{queue}.status</c> for the intake's ledger: recognized,
/// extracted, stored, retrying or failed (with the reason), which worker, and its timings.
/// </summary>
internal sealed record StatusMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker")] string Worker)
{
    public const string Recognized = "recognized";
    public const string Extracted = "extracted";
    public const string Stored = "stored";
    public const string Retrying = "retrying";
    public const string Failed = "failed";

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("model_id")]
    public string? ModelId { get; init; }

    [JsonPropertyName("rule_pack_version")]
    public string? RulePackVersion { get; init; }

    /// <summary>Seconds of audio, once recognized.</summary>
    [JsonPropertyName("audio_seconds")]
    public double AudioSeconds { get; init; }

    /// <summary>Seconds between the intake's publish and the worker taking the job.</summary>
    [JsonPropertyName("queue_seconds")]
    public double QueueSeconds { get; init; }

    /// <summary>Seconds the worker has spent on the job so far.</summary>
    [JsonPropertyName("processing_seconds")]
    public double ProcessingSeconds { get; init; }

    [JsonPropertyName("attempt")]
    public int Attempt { get; init; }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <exception cref="JsonException">The body is not a status message.</exception>
    public static StatusMessage Parse(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize<StatusMessage>(body) is { Id.Length: > 0, State.Length: > 0 } status
            ? status
            : throw new JsonException("a status message needs an id and a state");
}
