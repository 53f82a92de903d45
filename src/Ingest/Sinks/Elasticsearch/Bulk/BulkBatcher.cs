namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>
/// Gathers bulk items from concurrent writers into fuller requests: items wait until
/// <see cref="ElasticsearchSinkOptions.MaxBatchDocuments"/> or <see cref="ElasticsearchSinkOptions.MaxBatchBytes"/> is
/// reached or <see cref="ElasticsearchSinkOptions.FlushIntervalSeconds"/> has passed since the first of them arrived, then
/// go out together; each writer gets the verdicts of its own items. A zero interval sends each submission at once.
/// </summary>
internal sealed class BulkBatcher(BulkSender sender, ElasticsearchSinkOptions options, TimeProvider time) : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource disposed = new();
    private List<(BulkOperation Operation, TaskCompletionSource<BulkVerdict> Verdict)> pending = [];
    private int pendingBytes;
    private ITimer? timer;

    /// <summary>The verdicts for <paramref name="operations"/>, in order, once the request carrying them is answered.</summary>
    public async Task<BulkVerdict[]> SubmitAsync(IReadOnlyList<BulkOperation> operations, CancellationToken ct)
    {
        if (options.FlushIntervalSeconds == 0) return await sender.SendAsync(operations, ct);
        var verdicts = new List<Task<BulkVerdict>>(operations.Count);
        List<(BulkOperation, TaskCompletionSource<BulkVerdict>)>? full = null;
        lock (gate)
        {
            foreach (var operation in operations)
            {
                var verdict = new TaskCompletionSource<BulkVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
                pending.Add((operation, verdict));
                pendingBytes += BulkRequestWriter.SizeOf(operation);
                verdicts.Add(verdict.Task);
            }
            if (pending.Count >= options.MaxBatchDocuments || pendingBytes >= options.MaxBatchBytes) full = TakePending();
            else timer ??= time.CreateTimer(_ => FlushOnTimer(), null, TimeSpan.FromSeconds(options.FlushIntervalSeconds), Timeout.InfiniteTimeSpan);
        }
        if (full is not null) _ = FlushAsync(full);
        return await Task.WhenAll(verdicts).WaitAsync(ct);
    }

    private void FlushOnTimer()
    {
        List<(BulkOperation, TaskCompletionSource<BulkVerdict>)> batch;
        lock (gate) batch = TakePending();
        if (batch.Count > 0) _ = FlushAsync(batch);
    }

    private List<(BulkOperation, TaskCompletionSource<BulkVerdict>)> TakePending()
    {
        var batch = pending;
        pending = [];
        pendingBytes = 0;
        timer?.Dispose();
        timer = null;
        return batch;
    }

    private async Task FlushAsync(List<(BulkOperation Operation, TaskCompletionSource<BulkVerdict> Verdict)> batch)
    {
        try
        {
            var verdicts = await sender.SendAsync(batch.Select(b => b.Operation).ToList(), disposed.Token);
            for (var i = 0; i < batch.Count; i++) batch[i].Verdict.TrySetResult(verdicts[i]);
        }
        catch (Exception e)
        {
            foreach (var (_, verdict) in batch) verdict.TrySetException(e);
        }
    }

    /// <summary>Cancels requests in flight; their writers see <see cref="OperationCanceledException"/>.</summary>
    public void Dispose()
    {
        disposed.Cancel();
        lock (gate)
        {
            foreach (var (_, verdict) in TakePending()) verdict.TrySetCanceled();
        }
    }
}
