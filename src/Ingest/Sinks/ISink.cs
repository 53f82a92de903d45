using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Sinks;

/// <summary>
/// A destination for finished recordings (the embedded store, NDJSON files, stdout, Elasticsearch…).
/// Register a new sink with one line in <c>ComponentCatalog</c>; the pipeline calls <see cref="CheckHealthAsync"/>
/// once at start and then <see cref="WriteAsync"/> with batches.
/// </summary>
public interface ISink
{
    /// <summary>The sink's id as written in the configuration (<c>sqlite</c>, <c>json_lines</c>, <c>elasticsearch</c>…).</summary>
    string Id { get; }

    /// <summary>
    /// Writes a batch and reports one outcome per document, in the same order as <paramref name="batch"/>.
    /// A write must be idempotent per <see cref="RecordingDocument.RecordingId"/>: after a crash the same document
    /// is written again. Exceptions are treated as <see cref="SinkOutcome.Retryable"/> for the whole batch.
    /// </summary>
    Task<IReadOnlyList<SinkOutcome>> WriteAsync(IReadOnlyList<RecordingDocument> batch, CancellationToken ct);

    /// <summary>Throws when the sink cannot accept writes (unreachable, unwritable); the message says why.</summary>
    Task CheckHealthAsync(CancellationToken ct);
}
