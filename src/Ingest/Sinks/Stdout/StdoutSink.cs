using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Sinks.Stdout;

/// <summary>Writes each document as one JSON line to standard output.</summary>
internal sealed class StdoutSink : ISink
{
    public string Id => "stdout";

    public async Task<IReadOnlyList<SinkOutcome>> WriteAsync(IReadOnlyList<RecordingDocument> batch, CancellationToken ct)
    {
        var stdout = Console.Out;
        foreach (var doc in batch) await stdout.WriteLineAsync(RecordingJson.Serialize(doc).AsMemory(), ct);
        await stdout.FlushAsync(ct);
        return [.. batch.Select(_ => SinkOutcome.Delivered)];
    }

    public Task CheckHealthAsync(CancellationToken ct) => Task.CompletedTask;
}
