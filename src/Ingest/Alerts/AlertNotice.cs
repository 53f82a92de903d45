using FunAsr.Extractors;

namespace FunAsr.Ingest.Alerts;

/// <summary>
/// The JSON body POSTed to webhooks: one alert with the call it came from. <paramref name="AlertId"/> is
/// <c>recording:revision:index</c>, the same on every delivery of the same alert.
/// </summary>
internal sealed record AlertNotice(
    string AlertId,
    string RecordingId,
    string SourcePath,
    string? CallId,
    string? Agent,
    string? CustomerNumber,
    string RuleId,
    string Severity,
    string Message,
    IReadOnlyList<ExtractedField> Fields,
    DateTimeOffset RaisedAt);
