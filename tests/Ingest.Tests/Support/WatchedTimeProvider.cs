using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when something starts waiting on it, so a test advances the clock
/// once the code under test is waiting instead of polling for it.
/// </summary>
internal sealed class WatchedTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (a <c>Task.Delay</c>, a timeout), in the order they were created.</summary>
    public async Task<TimeSpan> NextWaitAsync(CancellationToken ct) => await _waits.Reader.ReadAsync(ct);
}
