using System.Threading.Channels;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Pipeline.Stages;
using FunAsr.Ingest.Records;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using FunAsr.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>
/// The extract stage on a real ledger and the repository's rule pack: it makes the document the rules give for the
/// transcript (as <c>transcribe</c> would), adds the processing metrics, and records the rule pack version; a
/// recording it cannot extract goes back to the queue with the reason.
/// </summary>
public sealed class ExtractStageTests : IDisposable
{
    private readonly RulePack _rules = new(new RulePackLocation(RepoPaths.Of("rules"), "test"), NullLogger.Instance);

    public void Dispose() => _rules.Dispose();

    [Fact]
    public async Task A_transcribed_recording_becomes_the_document_its_rules_give_and_the_ledger_row_is_extracted_with_the_rule_pack_version()
    {
        var (services, job) = Claimed("CALL-1", """{"agent": "A7", "started_at": "2025-01-31T09:30:00Z"}""");
        using var _ = services;
        job.Transcript = Transcript("我要退款，订单号是457129，电话13812345678");

        var output = await RunAsync(services, job);

        var document = Assert.Single(output).Document!;
        var expected = new TranscriptExtraction(_rules.Current.Extractor).Extract(job.Transcript, new DateOnly(2025, 1, 31));
        Assert.Equal(expected.Fields.Select(f => (f.Name, f.ValueText)), document.Fields.Select(f => (f.Name, f.ValueText)));
        Assert.NotEmpty(document.Fields);
        Assert.Equal(expected.Tags, document.Tags);
        Assert.Equal(("CALL-1", "A7", _rules.Current.Version), (document.RecordingId, document.Metadata.Agent, document.RulePackVersion));
        Assert.Contains("processing_seconds", document.Metrics.Keys);
        Assert.Contains("real_time_factor", document.Metrics.Keys);
        Assert.Equal(4, document.Metrics["duration_seconds"]);
        var row = services.Ledger.Get("CALL-1")!;
        Assert.Equal((LedgerState.Extracted, _rules.Current.Version), (row.State, row.RulePackVersion));
    }

    [Fact]
    public async Task A_recording_that_cannot_be_extracted_is_queued_again_with_the_reason_and_not_passed_on()
    {
        var (services, job) = Claimed("CALL-2", null);
        using var _ = services;

        var output = await RunAsync(services, job);

        Assert.Empty(output);
        var row = services.Ledger.Get("CALL-2")!;
        Assert.Equal(LedgerState.Queued, row.State);
        Assert.StartsWith("extraction failed: ", row.LastError);
        Assert.Equal(0, services.Outcomes.InFlight);
    }

    private static (IngestServices Services, RecordingJob Job) Claimed(string id, string? metadataJson)
    {
        var settings = TestSettings.For(SpeechFixtures.TempDirectory());
        var services = new IngestServices(settings, NullLoggerFactory.Instance);
        services.Ledger.Enqueue(id, $"/calls/{id}.wav", metadataJson);
        var entry = services.Ledger.ClaimNext(alone: true)!;
        services.Outcomes.Claimed();
        services.Ledger.BeginAttempt(id);
        var metadata = metadataJson is null ? RecordingMetadata.None : SidecarFile.Parse(metadataJson, id);
        return (services, new RecordingJob(entry, metadata) { Attempts = 1 });
    }

    private async Task<List<RecordingJob>> RunAsync(IngestServices services, RecordingJob job)
    {
        var input = Channel.CreateUnbounded<RecordingJob>();
        var output = Channel.CreateUnbounded<RecordingJob>();
        await input.Writer.WriteAsync(job);
        input.Writer.Complete();
        await new ExtractStage(_rules, services.Outcomes, services.Ledger, services.Metrics).RunAsync(input.Reader, output.Writer, CancellationToken.None);
        output.Writer.Complete();
        return await output.Reader.ReadAllAsync().ToListAsync();
    }

    private static Transcript Transcript(string text)
    {
        var segment = new TranscriptSegment(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3.5), 1, "customer", "zh", text, text, [], []);
        return new Transcript("/calls/call.wav", TimeSpan.FromSeconds(4), 2, "zh", [segment], text, text, "cpu", "test-model");
    }
}
