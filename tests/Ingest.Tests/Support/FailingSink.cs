using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>A sink that is down (answers Retryable) until <see cref="Up"/> is set, then keeps what it is given.</summary>
internal sealed class FailingSink : ISink
{
    private readonly List<RecordingDocument> _delivered = [];
    private readonly Dictionary<string, TaskCompletionSource> _arrivals = [];

    public string Id { get; init; } = "failing";

    private volatile bool _up;

    /// <summary>Set to bring the sink back.</summary>
    public bool Up
    {
        get => _up;
        set => _up = value;
    }

    public int FailedWrites { get; private set; }

    public IReadOnlyList<RecordingDocument> Delivered
    {
        get { lock (_delivered) return [.. _delivered]; }
    }

    /// <summary>Completes once the recording <paramref name="id"/> was delivered to this sink.</summary>
    public Task DeliveredAsync(string id)
    {
        lock (_delivered) return Arrival(id).Task;
    }

    public Task<IReadOnlyList<SinkOutcome>> WriteAsync(IReadOnlyList<RecordingDocument> batch, CancellationToken ct)
    {
        if (!Up)
        {
            FailedWrites++;
            return Task.FromResult<IReadOnlyList<SinkOutcome>>([.. batch.Select(_ => SinkOutcome.Retryable("connection refused"))]);
        }
        lock (_delivered)
        {
            _delivered.AddRange(batch);
            foreach (var doc in batch) Arrival(doc.RecordingId).TrySetResult();
        }
        return Task.FromResult<IReadOnlyList<SinkOutcome>>([.. batch.Select(_ => SinkOutcome.Delivered)]);
    }

    private TaskCompletionSource Arrival(string id) =>
        _arrivals.TryGetValue(id, out var arrival) ? arrival
        : _arrivals[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task CheckHealthAsync(CancellationToken ct) => Task.CompletedTask;
}
