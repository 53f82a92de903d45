namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>What to do with one bulk item after Elasticsearch answered.</summary>
internal enum BulkVerdictKind
{
    /// <summary>Stored (200/201), or already there (409 on create).</summary>
    Stored,

    /// <summary>Try again later: back-pressure (429), a server-side failure (5xx) or a transport failure.</summary>
    Retry,

    /// <summary>Elasticsearch will never accept this item as it is (400 mapping/parsing error, 404 …): dead-letter it with the reason.</summary>
    DeadLetter,
}

/// <summary>The verdict for one bulk item, with a reason for anything but a plain store.</summary>
internal sealed record BulkVerdict(BulkVerdictKind Kind, string Reason)
{
    /// <summary>Stored as sent.</summary>
    public static BulkVerdict Stored { get; } = new(BulkVerdictKind.Stored, "stored");

    /// <summary>A create found the document already there (idempotent replay).</summary>
    public static BulkVerdict AlreadyStored { get; } = new(BulkVerdictKind.Stored, "already stored (409 on create)");

    /// <summary>Retry later for <paramref name="reason"/>.</summary>
    public static BulkVerdict Retry(string reason) => new(BulkVerdictKind.Retry, reason);

    /// <summary>Dead-letter for <paramref name="reason"/>.</summary>
    public static BulkVerdict DeadLetter(string reason) => new(BulkVerdictKind.DeadLetter, reason);
}
