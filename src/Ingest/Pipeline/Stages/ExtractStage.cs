using System.Threading.Channels;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// Transcript → document. Runs the rule pack through <see cref="TranscriptExtraction"/> (the same code as
/// <c>transcribe</c>) in the version current when the recording arrives, and adds the processing time to the call metrics.
/// </summary>
internal sealed class ExtractStage(RulePack rules, RecordingOutcomes outcomes, RecordingLedger ledger, PipelineMetrics metrics)
{
    public async Task RunAsync(ChannelReader<RecordingJob> input, ChannelWriter<RecordingJob> output, CancellationToken ct)
    {
        await foreach (var job in input.ReadAllAsync(ct))
        {
            using (var timer = new StageTimer("extract", job, metrics))
            {
                try
                {
                    job.Document = Build(job);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    timer.Fail(ex.Message);
                    outcomes.Failed(job, $"extraction failed: {ex.GetType().Name}: {ex.Message}", permanent: false);
                    continue;
                }
            }
            ledger.Advance(job.Id, LedgerState.Extracted, rulePackVersion: job.Document.RulePackVersion);
            await output.WriteAsync(job, ct);
        }
    }

    private RecordingDocument Build(RecordingJob job)
    {
        var (extractor, rulePackVersion) = rules.Current;
        var callDate = job.Metadata.StartedAt is { } started ? DateOnly.FromDateTime(started.DateTime) : (DateOnly?)null;
        var findings = new TranscriptExtraction(extractor).Extract(job.Transcript!, callDate);
        var transcript = findings.Transcript;
        var metrics = new Dictionary<string, double>(findings.Metrics, StringComparer.Ordinal);
        var processing = job.Clock.Elapsed;
        metrics["processing_seconds"] = processing.TotalSeconds;
        metrics["real_time_factor"] = transcript.Duration > TimeSpan.Zero ? processing / transcript.Duration : 0;
        return new RecordingDocument
        {
            RecordingId = job.Id,
            SourcePath = job.Path,
            Metadata = job.Metadata,
            Transcript = transcript,
            Fields = findings.Fields,
            Tags = findings.Tags,
            Alerts = findings.Alerts,
            ModelId = transcript.ModelId,
            RulePackVersion = rulePackVersion,
            Metrics = metrics,
            ProcessedAt = DateTimeOffset.UtcNow,
        };
    }
}
