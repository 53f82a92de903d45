namespace FunAsr.Ingest.Ledger;

/// <summary>One ledger row: a recording and how far it got.</summary>
internal sealed record LedgerEntry(
    string Id,
    string Path,
    LedgerState State,
    int Attempts,
    string? LastError,
    string? MetadataJson,
    string? ModelId,
    string? RulePackVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt);
