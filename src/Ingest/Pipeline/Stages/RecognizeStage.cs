using System.Threading.Channels;
using FunAsr.Ingest.Ledger;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// Samples → transcript. Takes up to <c>recognizer.batch_size</c> decoded recordings that are ready (across
/// recordings, never waiting for a batch to fill) into one model call. When a batch fails, each recording is
/// retried alone so one bad recording does not fail the others.
/// </summary>
internal sealed class RecognizeStage(
    Transcriber transcriber, RecordingOutcomes outcomes, RecordingLedger ledger, int batchSize, ILogger logger)
{
    public async Task RunAsync(ChannelReader<RecordingJob> input, ChannelWriter<RecordingJob> output, CancellationToken ct)
    {
        var batch = new List<RecordingJob>(batchSize);
        while (await input.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Count < batchSize && input.TryRead(out var job)) batch.Add(job);
            IReadOnlyList<Transcript?> transcripts;
            try
            {
                transcripts = await transcriber.TranscribeBatchAsync([.. batch.Select(j => j.Clip!)], ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && batch.Count > 1)
            {
                logger.LogWarning("A batch of {Count} recordings failed ({Reason}); recognizing them one by one.", batch.Count, ex.Message);
                transcripts = await OneByOneAsync(batch, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes.Failed(batch[0], $"recognition failed: {ex.Message}", permanent: false);
                continue;
            }
            for (var i = 0; i < batch.Count; i++)
            {
                if (transcripts[i] is not { } transcript) continue;
                var job = batch[i];
                job.Transcript = transcript with { SourcePath = job.Path };
                job.Clip = null;
                ledger.Advance(job.Id, LedgerState.Recognized, modelId: transcript.ModelId);
                await output.WriteAsync(job, ct);
            }
        }
    }

    private async Task<IReadOnlyList<Transcript?>> OneByOneAsync(IReadOnlyList<RecordingJob> batch, CancellationToken ct)
    {
        var transcripts = new Transcript?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                transcripts[i] = await transcriber.TranscribeAsync(batch[i].Clip!, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes.Failed(batch[i], $"recognition failed: {ex.Message}", permanent: false);
            }
        }
        return transcripts;
    }
}
