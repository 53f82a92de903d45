using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>
/// Sends bulk items to <c>POST /_bulk</c> once and returns one verdict per item. Items are cut into requests by
/// <see cref="ElasticsearchSinkOptions.MaxBatchDocuments"/> and <see cref="ElasticsearchSinkOptions.MaxBatchBytes"/>,
/// at most <see cref="ElasticsearchSinkOptions.MaxConcurrentRequests"/> requests are in flight and a 413 answer splits a
/// request in halves. Nothing is retried here: items answered 429/5xx (or lost with the connection) come back as
/// <see cref="BulkVerdictKind.Retry"/>, and the pipeline's delivery, which owns every sink's retry schedule, sends
/// their recordings again.
/// </summary>
internal sealed class BulkSender(RestConnection connection, ElasticsearchSinkOptions options)
{
    private readonly SemaphoreSlim inFlight = new(options.MaxConcurrentRequests);

    /// <summary>One verdict per item of <paramref name="operations"/>, in the same order.</summary>
    public async Task<BulkVerdict[]> SendAsync(IReadOnlyList<BulkOperation> operations, CancellationToken ct)
    {
        var verdicts = new BulkVerdict[operations.Count];
        var all = Enumerable.Range(0, operations.Count).ToList();
        await Task.WhenAll(Chunk(all, operations).Select(chunk => SendLimitedAsync(chunk, operations, verdicts, ct)));
        return verdicts;
    }

    private IEnumerable<List<int>> Chunk(List<int> indexes, IReadOnlyList<BulkOperation> operations)
    {
        var chunk = new List<int>();
        var bytes = 0;
        foreach (var i in indexes)
        {
            var size = BulkRequestWriter.SizeOf(operations[i]);
            if (chunk.Count > 0 && (chunk.Count >= options.MaxBatchDocuments || bytes + size > options.MaxBatchBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }
            chunk.Add(i);
            bytes += size;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private async Task SendLimitedAsync(List<int> chunk, IReadOnlyList<BulkOperation> operations, BulkVerdict[] verdicts, CancellationToken ct)
    {
        await inFlight.WaitAsync(ct);
        try
        {
            await SendChunkAsync(chunk, operations, verdicts, ct);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task SendChunkAsync(List<int> chunk, IReadOnlyList<BulkOperation> operations, BulkVerdict[] verdicts, CancellationToken ct)
    {
        var items = chunk.Select(i => operations[i]).ToList();
        var body = BulkRequestWriter.Write(items);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(BulkRequestWriter.ContentType);
        RestResponse response;
        try
        {
            response = await connection.SendAsync(HttpMethod.Post, "_bulk", content, ct);
        }
        catch (ServiceUnavailableException e)
        {
            SetAll(chunk, verdicts, BulkVerdict.Retry(e.Message));
            return;
        }

        switch (response.Status)
        {
            case 200:
                IReadOnlyList<BulkItemResult> results;
                try
                {
                    results = BulkResponseReader.Read(response.Body, items.Count);
                }
                catch (FormatException e)
                {
                    SetAll(chunk, verdicts, BulkVerdict.Retry(e.Message));
                    return;
                }
                for (var k = 0; k < chunk.Count; k++) verdicts[chunk[k]] = BulkItemClassifier.Classify(items[k], results[k]);
                return;
            case 413 when chunk.Count > 1:
                var half = chunk.Count / 2;
                await SendChunkAsync(chunk[..half], operations, verdicts, ct);
                await SendChunkAsync(chunk[half..], operations, verdicts, ct);
                return;
            case 413:
                SetAll(chunk, verdicts, BulkVerdict.DeadLetter(
                    $"HTTP 413: the document alone ({body.Length} bytes) exceeds Elasticsearch's http.max_content_length"));
                return;
            case 401 or 403 or 408 or 429 or >= 500:
                SetAll(chunk, verdicts, BulkVerdict.Retry($"bulk request answered HTTP {response.Status}: {response.ErrorSummary()}"));
                return;
            default:
                SetAll(chunk, verdicts, BulkVerdict.DeadLetter($"bulk request answered HTTP {response.Status}: {response.ErrorSummary()}"));
                return;
        }
    }

    private static void SetAll(List<int> chunk, BulkVerdict[] verdicts, BulkVerdict verdict)
    {
        foreach (var i in chunk) verdicts[i] = verdict;
    }
}
