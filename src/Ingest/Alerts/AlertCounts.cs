namespace FunAsr.Ingest.Alerts;

/// <summary>Where the dispatcher counts what it did (the host points these at its metrics).</summary>
internal sealed record AlertCounts(Action Raised, Action WebhookFailed);
