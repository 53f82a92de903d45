using System.Threading.Channels;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Pipeline.Stages;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using Microsoft.Extensions.Logging.Abstractions;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>A sink that stays down: the recording is kept (not failed, no attempt used), the ledger says why it waits, and it is delivered once the sink returns.</summary>
public sealed class DeliverStageTests
{
    [Fact]
    public async Task A_recording_waits_in_the_ledger_with_the_reason_while_the_sink_is_down_and_is_stored_when_it_returns()
    {
        var settings = TestSettings.For(SpeechFixtures.TempDirectory());
        using var services = new IngestServices(settings, NullLoggerFactory.Instance);
        using var readings = new MeterReadings(services.Metrics.Meter);
        var ledger = services.Ledger;
        ledger.Enqueue("CALL-1", "/calls/call-1.wav", null);
        var job = new RecordingJob(ledger.ClaimNext(alone: true)!, RecordingMetadata.None);
        services.Outcomes.Claimed();
        ledger.BeginAttempt(job.Id);
        job.Attempts++;
        ledger.Advance(job.Id, LedgerState.Extracted);
        job.Document = Document(job.Id);
        var sink = new FailingSink();
        var stage = new DeliverStage([sink], services.Outcomes, services.Alerts, settings.Pipeline, services.Metrics, services.SinkHealth, NullLogger<DeliverStage>.Instance);
        var input = Channel.CreateUnbounded<RecordingJob>();
        await input.Writer.WriteAsync(job);
        input.Writer.Complete();

        var delivering = stage.RunAsync(input.Reader, CancellationToken.None);
        while (sink.FailedWrites < 3 || ledger.Get(job.Id)!.LastError is null)
        {
            Assert.False(delivering.IsCompleted, "delivery ended while the sink was down");
            await Task.Delay(20);
        }
        var waiting = ledger.Get(job.Id)!;
        Assert.Equal((LedgerState.Extracted, 1), (waiting.State, waiting.Attempts));
        Assert.Equal("waiting for a sink: failing: connection refused", waiting.LastError);
        Assert.NotNull(waiting.NextAttemptAt);
        Assert.True(readings.Sum("funasr.sink.errors", "failing") >= 3);

        sink.Up = true;
        await delivering;

        var stored = ledger.Get(job.Id)!;
        Assert.Equal((LedgerState.Stored, 1, null), (stored.State, stored.Attempts, stored.LastError));
        Assert.Equal(job.Id, Assert.Single(sink.Delivered).RecordingId);
        Assert.Equal(0, services.Outcomes.InFlight);
    }

    [Fact]
    public async Task A_down_sink_does_not_hold_back_the_others_and_is_named_as_failing_until_it_returns()
    {
        var settings = TestSettings.For(SpeechFixtures.TempDirectory());
        using var services = new IngestServices(settings, NullLoggerFactory.Instance);
        var ledger = services.Ledger;
        var down = new FailingSink { Id = "elasticsearch" };
        var up = new FailingSink { Id = "sqlite", Up = true };
        var stage = new DeliverStage([down, up], services.Outcomes, services.Alerts, settings.Pipeline, services.Metrics, services.SinkHealth, NullLogger<DeliverStage>.Instance);
        var input = Channel.CreateUnbounded<RecordingJob>();
        var delivering = stage.RunAsync(input.Reader, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));   // fails, rather than hangs, if the up sink is held back

        foreach (var id in new[] { "CALL-1", "CALL-2" })
        {
            ledger.Enqueue(id, $"/calls/{id}.wav", null);
            var job = new RecordingJob(ledger.ClaimNext(alone: true)!, RecordingMetadata.None) { Document = Document(id) };
            services.Outcomes.Claimed();
            ledger.Advance(id, LedgerState.Extracted);
            await input.Writer.WriteAsync(job);
            while (!up.Delivered.Any(d => d.RecordingId == id))
            {
                Assert.False(delivering.IsCompleted, "delivery ended while a sink was down");
                await Task.Delay(20, timeout.Token);
            }
        }

        Assert.Empty(down.Delivered);
        Assert.All(["CALL-1", "CALL-2"], id => Assert.Equal(LedgerState.Extracted, ledger.Get(id)!.State));
        Assert.StartsWith("waiting for a sink: elasticsearch: connection refused", ledger.Get("CALL-1")!.LastError);
        Assert.StartsWith("sink elasticsearch failing since ", Assert.Single(services.SinkHealth.Problems()));

        down.Up = true;
        input.Writer.Complete();
        await delivering;

        Assert.All(["CALL-1", "CALL-2"], id => Assert.Equal(LedgerState.Stored, ledger.Get(id)!.State));
        Assert.Equal(["CALL-1", "CALL-2"], down.Delivered.Select(d => d.RecordingId).Order());
        Assert.Equal(2, up.Delivered.Count);
        Assert.Empty(services.SinkHealth.Problems());
    }

    private static RecordingDocument Document(string id) => new()
    {
        RecordingId = id,
        SourcePath = "/calls/call-1.wav",
        Metadata = RecordingMetadata.None,
        Transcript = new Transcript("/calls/call-1.wav", TimeSpan.FromSeconds(3), 1, "zh", [], "", "", "cpu", "test"),
        Fields = [],
        Tags = [],
        Alerts = [],
        ModelId = "test",
        RulePackVersion = "",
        Metrics = new Dictionary<string, double>(),
        ProcessedAt = DateTimeOffset.UtcNow,
    };
}
