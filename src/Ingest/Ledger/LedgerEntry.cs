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
    DateTimeOffset? NextAttemptAt)
{
    /// <summary>It was being transcribed when the host died; it is retried alone, so a second crash is its own.</summary>
    public bool Suspect { get; init; }

    /// <summary>Bumped each time the file changed after it was taken; the run that claimed an older revision stores nothing final.</summary>
    public int Revision { get; init; }

    /// <summary>The transcript kept from recognition until the recording is stored; null before and after.</summary>
    public string? TranscriptJson { get; init; }

    /// <summary>The <c>type</c> of the source that offered it (<c>folder</c>, <c>upload</c>); null for rows written before this was kept.</summary>
    public string? Source { get; init; }

    /// <summary>Its inbox's hotwords (<c>sources[].hotwords</c>) as they were when it was taken; they extend the deployment list.</summary>
    public IReadOnlyList<FunAsr.Recognizer.Hotword> InboxHotwords { get; init; } = [];
}
