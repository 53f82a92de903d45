namespace FunAsr.Ingest.Ledger;

/// <summary>
/// Wakes the pipeline's feeder when the intake queued a ledger row, so a new recording does not wait for the next
/// poll. Several signals before a wait wake it once; it then claims everything that is due.
/// </summary>
internal sealed class QueueSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Completes when something was queued since the last wait, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _signal.WaitAsync(timeout, ct);

    public void Set()
    {
        if (_signal.CurrentCount != 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* another thread signalled first; one wake-up is enough */ }
    }
}
