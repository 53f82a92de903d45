using FunAsr.Extractors;

namespace FunAsr.Ingest.Alerts;

/// <summary>The JSON body POSTed to webhooks: one alert with the call it came from.</summary>
internal sealed record AlertNotice(
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
