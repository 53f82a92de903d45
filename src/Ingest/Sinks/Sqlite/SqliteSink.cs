using FunAsr.Ingest.Store;
using Microsoft.Data.Sqlite;
using FunAsr.Ingest.Records;
using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Sinks.Sqlite;

/// <summary>Writes documents into the <see cref="EmbeddedStore"/>; a replay replaces, never duplicates.</summary>
internal sealed class SqliteSink(SqliteSinkOptions options, SinkContext context) : ISink
{
    private readonly EmbeddedStore _store = new(options.ResolvePath(context.DataDir));

    public string Id => "sqlite";

    public Task<IReadOnlyList<SinkOutcome>> WriteAsync(IReadOnlyList<RecordingDocument> batch, CancellationToken ct)
    {
        try
        {
            _store.Upsert(batch);
            return Task.FromResult<IReadOnlyList<SinkOutcome>>([.. batch.Select(_ => SinkOutcome.Delivered)]);
        }
        catch (SqliteException ex)
        {
            // Busy, full or read-only databases recover once the operator acts; the ledger keeps the recordings.
            var outcome = SinkOutcome.Retryable($"SQLite store {_store.Path}: {ex.Message}");
            return Task.FromResult<IReadOnlyList<SinkOutcome>>([.. batch.Select(_ => outcome)]);
        }
    }

    public Task CheckHealthAsync(CancellationToken ct)
    {
        _store.Database.CheckWritable();
        return Task.CompletedTask;
    }
}
