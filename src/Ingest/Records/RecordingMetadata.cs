namespace FunAsr.Ingest.Records;

/// <summary>
/// Call metadata from the optional sidecar file <c>&lt;recording&gt;.json</c> (or the upload's <c>metadata</c> part).
/// Every member is optional; <see cref="CallId"/>, when present, becomes the recording id.
/// </summary>
public sealed record RecordingMetadata
{
    /// <summary>No metadata.</summary>
    public static RecordingMetadata None { get; } = new();

    /// <summary>The telephony system's call id (sidecar key <c>call_id</c>).</summary>
    public string? CallId { get; init; }

    /// <summary>Agent id or name (<c>agent</c>).</summary>
    public string? Agent { get; init; }

    /// <summary>The customer's phone number (<c>customer_number</c>).</summary>
    public string? CustomerNumber { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c> (<c>direction</c>).</summary>
    public string? Direction { get; init; }

    /// <summary>Queue or skill group (<c>queue</c>).</summary>
    public string? Queue { get; init; }

    /// <summary>When the call started (<c>started_at</c>, ISO 8601).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Speaker of each channel in channel order (<c>channel_roles</c>, e.g. <c>["agent", "customer"]</c>);
    /// null uses the configured roles.</summary>
    public IReadOnlyList<string>? ChannelRoles { get; init; }

    /// <summary>Hotwords of this recording (<c>hotwords</c>): lines in the hotword file format, e.g.
    /// <c>["会员权益 :2.5", "退款流程"]</c>; they extend the deployment's and the inbox's lists. An upload's
    /// <c>hotwords</c> field is stored here.</summary>
    public IReadOnlyList<string>? Hotwords { get; init; }
}
