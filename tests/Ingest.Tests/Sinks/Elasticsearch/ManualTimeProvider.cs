namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>
/// A clock that moves only when told. With <see cref="AutoAdvance"/> every timer fires at once and moves the clock to
/// its due time, so backoff waits take no real time while their lengths are still recorded in <see cref="Waits"/>.
/// </summary>
internal sealed class ManualTimeProvider(bool autoAdvance = false) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public bool AutoAdvance { get; } = autoAdvance;

    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (gate)
        {
            Waits.Add(dueTime);
            if (AutoAdvance && dueTime != Timeout.InfiniteTimeSpan)
            {
                now += dueTime;
                ThreadPool.QueueUserWorkItem(_ => callback(state));
                return timer;
            }
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
            timers.Add(timer);
        }
        return timer;
    }

    /// <summary>Moves the clock and fires the timers that fell due.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.Due <= now).ToList();
            foreach (var t in due) timers.Remove(t);
        }
        foreach (var t in due) t.Fire();
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate) Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.now + dueTime;
            return true;
        }

        public void Dispose()
        {
            lock (owner.gate) owner.timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
