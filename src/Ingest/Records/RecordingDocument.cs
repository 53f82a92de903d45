using FunAsr.Extractors;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Records;

/// <summary>
/// One finished recording as handed to every sink: identity, call metadata, the transcript, what the rules
/// extracted and raised, and the versions that produced it. Re-processing the same recording yields a document
/// with the same <see cref="RecordingId"/>, so sinks overwrite rather than duplicate.
/// </summary>
public sealed record RecordingDocument
{
    /// <summary>The call id from the metadata, else <c>sha256:&lt;hex&gt;</c> of the file content.</summary>
    public required string RecordingId { get; init; }

    /// <summary>Absolute path of the recording as it was read.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Sidecar metadata (call id, agent, customer number, direction, queue, started_at).</summary>
    public required RecordingMetadata Metadata { get; init; }

    /// <summary>The recognizer's output: segments with time, channel and written/spoken text.</summary>
    public required Transcript Transcript { get; init; }

    /// <summary>Fields extracted from all segments, with segment time and channel.</summary>
    public required IReadOnlyList<ExtractedField> Fields { get; init; }

    /// <summary>Distinct tags set by rules (intents such as <c>complaint</c>).</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Alerts raised by rules with an <c>alert</c> section.</summary>
    public required IReadOnlyList<RuleAlert> Alerts { get; init; }

    /// <summary>The model that produced the transcript (<see cref="Transcript.ModelId"/>).</summary>
    public required string ModelId { get; init; }

    /// <summary>The rule pack's content hash (<c>RuleSet.Version</c>); empty when no rules are loaded.</summary>
    public required string RulePackVersion { get; init; }

    /// <summary>Call and processing metrics: <c>duration_seconds</c>, <c>processing_seconds</c>, <c>real_time_factor</c>, <c>channels</c>, <c>segments</c>.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>When the pipeline finished the document (UTC).</summary>
    public required DateTimeOffset ProcessedAt { get; init; }
}
