using FunAsr.Ingest.Records;
using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Sinks.JsonLines;

/// <summary>Appends documents to an NDJSON file in Elasticsearch bulk format (see <see cref="BulkNdjson"/>).</summary>
internal sealed class JsonLinesSink(JsonLinesSinkOptions options, SinkContext context) : ISink
{
    private readonly string _path = options.ResolvePath(context.DataDir);

    public string Id => "json_lines";

    public async Task<IReadOnlyList<SinkOutcome>> WriteAsync(IReadOnlyList<RecordingDocument> batch, CancellationToken ct)
    {
        try
        {
            var text = new StringWriter();
            foreach (var doc in batch)
                BulkNdjson.WriteEntry(text, options.Index, doc.RecordingId, RecordingJson.Serialize(doc));
            // One append per batch: a crash leaves whole lines already written plus, at worst, a repeated batch.
            await File.AppendAllTextAsync(_path, text.ToString(), ct);
            return [.. batch.Select(_ => SinkOutcome.Delivered)];
        }
        catch (IOException ex)
        {
            var outcome = SinkOutcome.Retryable($"json_lines {_path}: {ex.Message}");
            return [.. batch.Select(_ => outcome)];
        }
    }

    public Task CheckHealthAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using (File.Open(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { }
        return Task.CompletedTask;
    }
}
