using FunAsr.Bench.Extractors;
using FunAsr.Extractors;
using FunAsr.Ingest.Store;
using FunAsr.Recognizer;
using FunAsr.Ingest.Records;

namespace FunAsr.Bench.Ingest;

/// <summary>
/// Fills an embedded store with synthesised calls for bench/web/run.sh: each call has six segments from the
/// extraction corpus (zh and en, agent and customer), the fields the rules find in them, a tag on every fifth call
/// and an alert on every tenth, one call per minute back from now.
/// </summary>
public static class SynthesisedStore
{
    public static void Fill(string path, int count)
    {
        var store = new EmbeddedStore(path);
        var (chinese, english) = ExtractionCorpus.Generate();
        var extractor = new Extractor(RuleSet.Load(BenchPaths.Of("rules")));
        var now = DateTimeOffset.UtcNow;
        const int batch = 500;
        for (var first = 0; first < count; first += batch)
            store.Upsert([.. Enumerable.Range(first, Math.Min(batch, count - first)).Select(i => Call(i, i % 2 == 0 ? chinese : english, extractor, now))]);
    }

    private static RecordingDocument Call(int index, string[] lines, Extractor extractor, DateTimeOffset now)
    {
        var language = lines[0].Any(c => c > 0x2E80) ? "zh" : "en";
        var segments = new List<TranscriptSegment>();
        var fields = new List<ExtractedField>();
        for (var s = 0; s < 6; s++)
        {
            var text = lines[(index * 6 + s) % lines.Length];
            var start = TimeSpan.FromSeconds(s * 5);
            var speaker = s % 2 == 0 ? "agent" : "customer";
            segments.Add(new TranscriptSegment(start, start + TimeSpan.FromSeconds(4), s % 2, speaker, language, text, text, [], []));
            fields.AddRange(extractor.Extract(new ExtractionInput(text, speaker, s % 2, language)).Fields
                .Select(f => f with { StartTime = start, EndTime = start + TimeSpan.FromSeconds(4) }));
        }
        var id = $"bench-{index:D6}";
        var transcript = new Transcript($"/bench/{id}.wav", TimeSpan.FromSeconds(30), 2, language, segments,
            string.Join('\n', segments.Select(s => s.Text)), string.Join('\n', segments.Select(s => s.RawText)), "cpu", "bench")
        {
            Turns = SpeakerTurn.Merge(segments),
        };
        return new RecordingDocument
        {
            RecordingId = id, SourcePath = $"/bench/{id}.wav", Metadata = new RecordingMetadata { CallId = id, Agent = $"agent-{index % 40:D3}" },
            Transcript = transcript, Fields = fields, Tags = index % 5 == 0 ? ["complaint"] : [],
            Alerts = index % 10 == 0 ? [new RuleAlert("bench.alert", "high", "synthesised alert", [])] : [],
            ModelId = "bench", RulePackVersion = "bench", Metrics = new Dictionary<string, double>(),
            ProcessedAt = now - TimeSpan.FromMinutes(index),
        };
    }
}
