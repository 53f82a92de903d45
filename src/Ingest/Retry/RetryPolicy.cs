namespace FunAsr.Ingest.Retry;

/// <summary>
/// The one backoff of the host: for a recording's next attempt, a sink's next write and a webhook's next POST. Retry
/// <c>n</c> (1-based) waits a random time between half and all of <c>min(MaxDelay, FirstDelay · 2^(n-1))</c>
/// ("equal jitter": hosts retrying after the same outage spread out, yet none comes back sooner than half the
/// schedule), measured on <see cref="Time"/>. At most <see cref="MaxAttempts"/> tries, the first one included.
/// </summary>
/// <param name="FirstDelay">The longest wait before the first retry; the ceiling doubles per retry.</param>
/// <param name="MaxDelay">The ceiling no wait exceeds.</param>
/// <param name="MaxAttempts">Tries in all, the first included (a sink's write ignores it: its recording waits in the ledger).</param>
/// <param name="Time">The clock the waits run on (a fake one in tests).</param>
internal sealed record RetryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxAttempts, TimeProvider Time)
{
    /// <summary>Where the jitter comes from. <value>Default: <see cref="Random.Shared"/>; tests seed their own.</value></summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>True when a try that failed, after <paramref name="attempts"/> tries in all, may be followed by another.</summary>
    public bool AllowsAnotherAfter(int attempts) => attempts < MaxAttempts;

    /// <summary>The wait before retry number <paramref name="retry"/> (1 = the wait after the first failed try).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 62)));
        double jitter;
        lock (Random) jitter = Random.NextDouble();   // a seeded Random is not thread-safe; Random.Shared does not mind
        // Whole milliseconds: timers have no finer grain, so the wait logged is the wait taken.
        return TimeSpan.FromMilliseconds(Math.Floor(ceiling / 2 * (1 + jitter)));
    }

    /// <summary>Waits <paramref name="delay"/> on <see cref="Time"/>.</summary>
    public Task WaitAsync(TimeSpan delay, CancellationToken ct) => Task.Delay(delay, Time, ct);
}
