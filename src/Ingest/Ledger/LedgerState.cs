namespace FunAsr.Ingest.Ledger;

/// <summary>
/// Where a recording is: queued → decoding → recognized → extracted → stored, or failed (quarantined or
/// rejected by a sink). Stored in the ledger as the lowercase name.
/// </summary>
internal enum LedgerState
{
    Queued,
    Decoding,
    Recognized,
    Extracted,
    Stored,
    Failed,
}
