namespace FunAsr.Ingest.Store;

/// <summary>One row of the calls list: the call, its tags and alerts, and (when searching) the first segment that matched.</summary>
internal sealed record CallSummary(
    string RecordingId,
    string? CallId,
    string? Agent,
    string? Direction,
    DateTimeOffset? StartedAt,
    DateTimeOffset ProcessedAt,
    double DurationSeconds,
    string Language,
    IReadOnlyList<string> Tags,
    int Alerts,
    string? TopSeverity,
    SearchHit? Hit);
