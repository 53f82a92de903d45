using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Pipeline;

public sealed class PipelineRunnerTests
{
    [Fact]
    public async Task Ingest_once_stores_good_recordings_merges_duplicates_and_quarantines_bad_ones()
    {
        var root = SpeechFixtures.TempDirectory();
        var inbox = Path.Combine(root, "inbox");
        var calls = SpeechFixtures.Write(inbox, 3);
        File.Copy(calls[0], Path.Combine(inbox, "same-audio-again.wav"));
        File.WriteAllText(calls[1] + ".json", """{"call_id": "CALL-42", "agent": "alice", "started_at": "2025-01-31T09:30:00Z"}""");
        File.WriteAllBytes(Path.Combine(inbox, "corrupt.wav"), [.. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))]);
        File.WriteAllBytes(Path.Combine(inbox, "empty.wav"), []);
        var settings = TestSettings.For(root);

        var finished = new List<RecordingFinished>();
        using (var services = new IngestServices(settings, NullLoggerFactory.Instance))
        {
            services.Outcomes.Finished = f => { lock (finished) finished.Add(f); };
            await services.CreateRunner().RunAsync(once: true, CancellationToken.None);

            var (byState, oldest) = services.Ledger.Counts();
            Assert.Equal(3, byState[LedgerState.Stored]);
            Assert.Equal(2, byState[LedgerState.Failed]);
            Assert.Null(oldest);
            Assert.Equal(LedgerState.Stored, services.Ledger.Get("CALL-42")!.State);
        }

        var store = new EmbeddedStore(settings.StorePath);
        Assert.Equal(3, store.CountRecordings());
        Assert.Contains("\"agent\":\"alice\"", store.GetDocumentJson("CALL-42"));
        Assert.Equal(2, finished.Count(f => f.Outcome == RecordingOutcome.Failed));

        var reasons = Directory.GetFiles(settings.QuarantineDir, "*.error.txt").Select(File.ReadAllText).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("empty.wav", StringComparison.Ordinal) && r.Contains("empty (0 bytes)", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("corrupt.wav", StringComparison.Ordinal) && r.Contains("not a WAV file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_run_over_the_same_folder_stores_nothing_twice()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 2);
        var settings = TestSettings.For(root);
        for (var run = 0; run < 2; run++)
        {
            using var services = new IngestServices(settings, NullLoggerFactory.Instance);
            var finished = 0;
            services.Outcomes.Finished = _ => Interlocked.Increment(ref finished);
            await services.CreateRunner().RunAsync(once: true, CancellationToken.None);
            Assert.Equal(run == 0 ? 2 : 0, finished);
        }
        Assert.Equal(2, new EmbeddedStore(settings.StorePath).CountRecordings());
    }

    [Fact]
    public async Task Stored_segments_are_searchable_by_substring()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 2);
        var settings = TestSettings.For(root);
        using (var services = new IngestServices(settings, NullLoggerFactory.Instance))
            await services.CreateRunner().RunAsync(once: true, CancellationToken.None);

        var store = new EmbeddedStore(settings.StorePath);
        var firstSegment = new StoreSearch(store).ExportDocuments(new StoreQuery(null, [], null, 10)).First();
        using var doc = System.Text.Json.JsonDocument.Parse(firstSegment);
        var text = doc.RootElement.GetProperty("segments")[0].GetProperty("text").GetString()!;
        var probe = text.Trim()[..Math.Min(4, text.Trim().Length)];

        var hits = new StoreSearch(store).Search(new StoreQuery(probe, [], null, 10));
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(probe, h.Text, StringComparison.OrdinalIgnoreCase));
        Assert.All(hits, h => Assert.NotNull(h.Start));
    }
}
