namespace FunAsr.Ingest.Sources;

/// <summary>
/// Finds complete recordings and offers them to the <see cref="RecordingIntake"/>, which records them in the ledger.
/// Register a new source with one line in <c>ComponentCatalog</c>.
/// </summary>
internal interface ISource
{
    string Id { get; }

    /// <summary>
    /// Offers recordings until <paramref name="ct"/> is cancelled; with <paramref name="once"/>, offers what is there now
    /// (waiting for files still being written to settle) and returns.
    /// </summary>
    Task RunAsync(RecordingIntake intake, bool once, CancellationToken ct);
}
