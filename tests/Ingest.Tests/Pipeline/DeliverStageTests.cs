using System.Threading.Channels;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Pipeline.Stages;
using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Tests.Sinks.Elasticsearch;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using Microsoft.Extensions.Logging.Abstractions;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>
/// A sink that stays down: the recording is kept (not failed, no attempt used), the ledger says why it waits, and it is
/// delivered once the sink returns. The retry waits run on a fake clock the test advances once the stage waits on it.
/// </summary>
public sealed class DeliverStageTests : IDisposable
{
    private readonly IngestSettings _settings = TestSettings.For(SpeechFixtures.TempDirectory());
    private readonly IngestServices _services;
    private readonly WatchedTimeProvider _time = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(1));   // fails, rather than hangs, if the stage never waits

    public DeliverStageTests()
    {
        _settings.Pipeline.RetryBackoffSeconds = 10;
        _services = new IngestServices(_settings, NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task A_recording_waits_in_the_ledger_with_the_reason_while_the_sink_is_down_and_is_stored_when_it_returns()
    {
        using var readings = new MeterReadings(_services.Metrics.Meter);
        var ledger = _services.Ledger;
        var job = Extracted(Document("CALL-1"), transcribed: true);
        var sink = new FailingSink();
        var delivering = Stage(sink).RunAsync(Input(job), CancellationToken.None);

        var first = await _time.NextWaitAsync(_timeout.Token);
        var waiting = ledger.Get(job.Id)!;
        Assert.Equal((LedgerState.Extracted, 1), (waiting.State, waiting.Attempts));
        Assert.Equal("waiting for a sink: failing: connection refused", waiting.LastError);
        Assert.NotNull(waiting.NextAttemptAt);
        Assert.InRange(first, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        _time.Advance(first);
        var second = await _time.NextWaitAsync(_timeout.Token);
        Assert.InRange(second, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Assert.Equal(2, sink.FailedWrites);
        Assert.Equal(2, readings.Sum("funasr.sink.errors", "failing"));

        sink.Up = true;
        _time.Advance(second);
        await delivering.WaitAsync(_timeout.Token);

        var stored = ledger.Get(job.Id)!;
        Assert.Equal((LedgerState.Stored, 1, null), (stored.State, stored.Attempts, stored.LastError));
        Assert.Equal(job.Id, Assert.Single(sink.Delivered).RecordingId);
        Assert.Equal(0, _services.Outcomes.InFlight);
    }

    [Fact]
    public async Task A_down_sink_does_not_hold_back_the_others_and_is_named_as_failing_until_it_returns()
    {
        var ledger = _services.Ledger;
        var down = new FailingSink { Id = "elasticsearch" };
        var up = new FailingSink { Id = "sqlite", Up = true };
        var input = Channel.CreateUnbounded<RecordingJob>();
        var delivering = Stage(down, up).RunAsync(input.Reader, CancellationToken.None);

        foreach (var id in new[] { "CALL-1", "CALL-2" })
        {
            await input.Writer.WriteAsync(Extracted(Document(id)));
            await up.DeliveredAsync(id).WaitAsync(_timeout.Token);
        }
        var wait = await _time.NextWaitAsync(_timeout.Token);

        Assert.Empty(down.Delivered);
        Assert.All(["CALL-1", "CALL-2"], id => Assert.Equal(LedgerState.Extracted, ledger.Get(id)!.State));
        Assert.StartsWith("waiting for a sink: elasticsearch: connection refused", ledger.Get("CALL-1")!.LastError);
        Assert.StartsWith("sink elasticsearch failing since ", Assert.Single(_services.SinkHealth.Problems()));

        down.Up = true;
        input.Writer.Complete();
        _time.Advance(wait);
        await delivering.WaitAsync(_timeout.Token);

        Assert.All(["CALL-1", "CALL-2"], id => Assert.Equal(LedgerState.Stored, ledger.Get(id)!.State));
        Assert.Equal(["CALL-1", "CALL-2"], down.Delivered.Select(d => d.RecordingId).Order());
        Assert.Equal(2, up.Delivered.Count);
        Assert.Empty(_services.SinkHealth.Problems());
    }

    [Fact]
    public async Task An_elasticsearch_item_answered_429_sends_only_its_recording_again_after_the_policy_s_wait()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.ThenStoreEverything().RejectOnce("CALL-2");
        using var sink = new ElasticsearchSink(new ElasticsearchSinkOptions { Url = es.Url, FlushIntervalSeconds = 0 }, _time, NullLogger.Instance);
        var delivering = Stage(sink).RunAsync(
            Input(Extracted(ElasticsearchSinkTests.Call("CALL-1")), Extracted(ElasticsearchSinkTests.Call("CALL-2", withAlert: false))), CancellationToken.None);

        var wait = await _time.NextWaitAsync(_timeout.Token);
        Assert.Equal(LedgerState.Stored, _services.Ledger.Get("CALL-1")!.State);
        Assert.Contains("es_rejected_execution_exception", _services.Ledger.Get("CALL-2")!.LastError);
        _time.Advance(wait);
        await delivering.WaitAsync(_timeout.Token);

        Assert.Equal(LedgerState.Stored, _services.Ledger.Get("CALL-2")!.State);
        var bulks = es.Received.Where(r => r.PathAndQuery == "/_bulk").ToList();
        Assert.Equal(["CALL-2"], bulks[^1].BulkIds);
        Assert.Equal(["CALL-1", "CALL-1:refund.request:0", "CALL-2", "CALL-2"], bulks.SelectMany(r => r.BulkIds).Order());
    }

    private DeliverStage Stage(params ISink[] sinks) =>
        new(sinks, _services.Outcomes, _services.Alerts, _settings.Pipeline, _settings.Pipeline.Retry(_time), _services.Metrics,
            _services.SinkHealth, NullLogger<DeliverStage>.Instance);

    /// <summary>
    /// A job for <paramref name="document"/> as the extract stage hands it on: claimed, its row <c>extracted</c>, and with
    /// <paramref name="transcribed"/> one attempt counted, as transcription counts it.
    /// </summary>
    private RecordingJob Extracted(RecordingDocument document, bool transcribed = false)
    {
        _services.Ledger.Enqueue(document.RecordingId, document.SourcePath, null);
        var job = new RecordingJob(_services.Ledger.ClaimNext(alone: true)!, RecordingMetadata.None) { Document = document };
        _services.Outcomes.Claimed();
        if (transcribed)
        {
            _services.Ledger.BeginAttempt(job.Id);
            job.Attempts++;
        }
        _services.Ledger.Advance(job.Id, LedgerState.Extracted);
        return job;
    }

    private static ChannelReader<RecordingJob> Input(params RecordingJob[] jobs)
    {
        var input = Channel.CreateUnbounded<RecordingJob>();
        foreach (var job in jobs) input.Writer.TryWrite(job);
        input.Writer.Complete();
        return input.Reader;
    }

    private static RecordingDocument Document(string id) => new()
    {
        RecordingId = id,
        SourcePath = $"/calls/{id}.wav",
        Metadata = RecordingMetadata.None,
        Transcript = new Transcript($"/calls/{id}.wav", TimeSpan.FromSeconds(3), 1, "zh", [], "", "", "cpu", "test"),
        Fields = [],
        Tags = [],
        Alerts = [],
        ModelId = "test",
        RulePackVersion = "",
        Metrics = new Dictionary<string, double>(),
        ProcessedAt = DateTimeOffset.UtcNow,
    };

    public void Dispose()
    {
        _services.Dispose();
        _timeout.Dispose();
    }
}
