namespace FunAsr.Ingest.Store;

/// <summary>One matching segment (or, for field-only searches, the matching field) with where it is in the call.</summary>
internal sealed record SearchHit(
    string RecordingId,
    string SourcePath,
    string? CallId,
    DateTimeOffset? StartedAt,
    TimeSpan? Start,
    TimeSpan? End,
    int? Channel,
    string? Speaker,
    string Text,
    IReadOnlyList<(int Start, int Length)> Highlights);
