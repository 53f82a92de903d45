using System.Threading.Channels;
using FunAsr.Extractors;
using FunAsr.Ingest.Ledger;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// Transcript → document. Runs the rule pack on every segment (so each field carries the segment's channel,
/// speaker and an audio time from <see cref="SegmentTimeMap"/>), gathers fields, tags and alerts, and notes
/// the call metrics rules may use in <c>when</c>.
/// </summary>
internal sealed class ExtractStage(Extractor? extractor, string rulePackVersion, RecordingOutcomes outcomes, RecordingLedger ledger)
{
    public async Task RunAsync(ChannelReader<RecordingJob> input, ChannelWriter<RecordingJob> output, CancellationToken ct)
    {
        await foreach (var job in input.ReadAllAsync(ct))
        {
            try
            {
                job.Document = Build(job);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcomes.Failed(job, $"extraction failed: {ex.GetType().Name}: {ex.Message}", permanent: false);
                continue;
            }
            ledger.Advance(job.Id, LedgerState.Extracted, rulePackVersion: rulePackVersion);
            await output.WriteAsync(job, ct);
        }
    }

    private RecordingDocument Build(RecordingJob job)
    {
        var transcript = job.Transcript!;
        var callMetrics = new Dictionary<string, double>
        {
            ["duration_seconds"] = transcript.Duration.TotalSeconds,
            ["channels"] = transcript.Channels,
            ["segments"] = transcript.Segments.Count,
        };
        var fields = new List<ExtractedField>();
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        var alerts = new List<RuleAlert>();
        void Collect(ExtractionResult result)
        {
            // A rule without a scope runs on segments and on the whole transcript; keep its first finding only.
            fields.AddRange(result.Fields.Where(f => !fields.Any(x => x.Name == f.Name && x.ValueText == f.ValueText)));
            alerts.AddRange(result.Alerts.Where(a => !alerts.Any(x => x.RuleId == a.RuleId && x.Message == a.Message)));
            tags.UnionWith(result.Tags);
            tags.UnionWith(result.Failures.Select(f => "_" + f.Kind));
        }
        if (extractor is not null)
        {
            var segments = new List<TranscriptSegment>(transcript.Segments.Count);
            foreach (var segment in transcript.Segments)
            {
                var result = extractor.Extract(new ExtractionInput(
                    segment.Text, segment.Speaker, segment.Channel, segment.Language, new SegmentTimeMap(segment).TimeOf, callMetrics));
                Collect(result);
                segments.Add(segment with { Text = result.RedactedText });
            }
            var whole = extractor.Extract(new ExtractionInput(transcript.Text, Language: transcript.Language, Metrics: callMetrics)
            {
                Scope = ExtractionScope.Transcript,
            });
            Collect(whole);
            // Redaction (card numbers…) applies to the written form that is stored and indexed.
            transcript = transcript with { Segments = segments, Text = whole.RedactedText };
        }
        var processing = job.Clock.Elapsed;
        callMetrics["processing_seconds"] = processing.TotalSeconds;
        callMetrics["real_time_factor"] = transcript.Duration > TimeSpan.Zero ? processing / transcript.Duration : 0;
        return new RecordingDocument
        {
            RecordingId = job.Id,
            SourcePath = job.Path,
            Metadata = job.Metadata,
            Transcript = transcript,
            Fields = fields,
            Tags = [.. tags],
            Alerts = alerts,
            ModelId = transcript.ModelId,
            RulePackVersion = rulePackVersion,
            Metrics = callMetrics,
            ProcessedAt = DateTimeOffset.UtcNow,
        };
    }
}
