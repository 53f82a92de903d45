using FunAsr.Ingest.Sinks.Elasticsearch.Bulk;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Documents;
using FunAsr.Ingest.Records;
using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Sinks.Elasticsearch;

/// <summary>
/// Indexes each recording into Elasticsearch through the bulk API: the transcript document (<c>_id</c> = recording
/// id, <c>index</c> action) into its monthly index (<see cref="ElasticsearchSinkOptions.TranscriptsIndexFor"/>) and each
/// alert (<c>create</c> action) into the <see cref="ElasticsearchSinkOptions.AlertsIndex"/> data stream. Per recording the worst item decides: a dead-lettered item
/// (400/404/oversized) rejects it with Elasticsearch's reason, which the pipeline records in the ledger; an item
/// answered 429/5xx (or an unreachable cluster) makes it retryable, so it stays pending in the ledger and the pipeline
/// sends that recording again on its retry schedule (the sink itself sends each write once).
/// </summary>
internal sealed class ElasticsearchSink : ISink, IDisposable
{
    private readonly ElasticsearchSinkOptions options;
    private readonly RestConnection connection;
    private readonly BulkBatcher batcher;
    private readonly ILogger logger;

    /// <summary>Builds the sink from its configuration entry (environment variables fill unset credentials).</summary>
    public ElasticsearchSink(ElasticsearchSinkOptions options, SinkContext context)
        : this(options.WithEnvironment(), context.Clock, context.Loggers.CreateLogger<ElasticsearchSink>())
    {
    }

    /// <summary>Builds the sink with an injected clock (tests drive the flush timer).</summary>
    public ElasticsearchSink(ElasticsearchSinkOptions options, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        connection = RestConnection.Open(options, "Elasticsearch");
        batcher = new BulkBatcher(new BulkSender(connection, options), options, time);
    }

    /// <inheritdoc/>
    public string Id => ElasticsearchSinkOptions.Id;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SinkOutcome>> WriteAsync(IReadOnlyList<RecordingDocument> batch, CancellationToken ct)
    {
        var operations = new List<BulkOperation>();
        var owner = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            operations.Add(new BulkOperation(BulkAction.Index, options.TranscriptsIndexFor(TranscriptDocument.Timestamp(batch[i])), batch[i].RecordingId, TranscriptDocument.Transcript(batch[i])));
            owner.Add(i);
            foreach (var (id, source) in TranscriptDocument.Alerts(batch[i]))
            {
                operations.Add(new BulkOperation(BulkAction.Create, options.AlertsIndex, id, source));
                owner.Add(i);
            }
        }
        var verdicts = await batcher.SubmitAsync(operations, ct);
        var outcomes = batch.Select(_ => SinkOutcome.Delivered).ToArray();
        for (var k = 0; k < operations.Count; k++)
        {
            var outcome = verdicts[k].Kind switch
            {
                BulkVerdictKind.DeadLetter => SinkOutcome.Rejected($"elasticsearch {operations[k].Index}/{operations[k].Id}: {verdicts[k].Reason}"),
                BulkVerdictKind.Retry => SinkOutcome.Retryable($"elasticsearch {operations[k].Index}/{operations[k].Id}: {verdicts[k].Reason}"),
                _ => SinkOutcome.Delivered,
            };
            if (outcome.Kind > outcomes[owner[k]].Kind) outcomes[owner[k]] = outcome;
        }
        return outcomes;
    }

    /// <summary>
    /// Checks the credentials and that <c>setup elasticsearch</c> has run (the alerts data stream exists); throws with
    /// what to do when not. Both requests need only the funasr-ingest role (<c>monitor</c>, <c>view_index_metadata</c>).
    /// An unreachable cluster is only logged: documents wait in the ledger until it answers.
    /// </summary>
    public async Task CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            (await connection.SendAsync(HttpMethod.Get, "", null, ct)).EnsureSuccess(connection.ServiceName, "checking the cluster");
            var stream = await connection.SendAsync(HttpMethod.Get, $"_data_stream/{options.AlertsIndex}", null, ct);
            if (stream.Status == 404)
                throw new ServiceRequestException(connection.ServiceName, stream.Request, 404,
                    $"data stream '{options.AlertsIndex}' is missing: run `funasr-pipeline setup elasticsearch` first");
            stream.EnsureSuccess(connection.ServiceName, "reading the alerts data stream");
        }
        catch (ServiceUnavailableException e)
        {
            logger.LogWarning("Sink {SinkId} cannot reach Elasticsearch yet; documents stay pending in the ledger until it answers: {Reason}.", Id, e.Message);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        batcher.Dispose();
        connection.Dispose();
    }
}
