using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>
/// <c>ingest --once</c> with the Elasticsearch sink while the cluster is down: recordings are transcribed and extracted
/// but stay pending in the ledger (never stored, never failed); when the cluster comes up on the same address the run
/// drains them and each is stored once.
/// </summary>
public sealed class IngestWithClusterDownTests
{
    [Fact]
    public async Task Recordings_wait_in_the_ledger_while_elasticsearch_is_down_and_drain_when_it_returns()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 2);
        var port = BulkSenderContractTests.FreePort();
        var settings = TestSettings.For(root);
        settings.Sinks = [QuickRetrying(port)];
        using var services = new IngestServices(settings, NullLoggerFactory.Instance);
        using var readings = new MeterReadings(services.Metrics.Meter);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var run = services.CreateRunner().RunAsync(once: true, timeout.Token);

        while (!(services.Ledger.Counts().ByState.GetValueOrDefault(LedgerState.Extracted) == 2 &&
                 readings.Sum("funasr.sink.errors", ElasticsearchSinkOptions.Id) >= 4))
        {
            Assert.False(run.IsCompleted, "the run ended while Elasticsearch was down");
            await Task.Delay(50, timeout.Token);
        }
        var (pending, _) = services.Ledger.Counts();
        Assert.Equal(0, pending.GetValueOrDefault(LedgerState.Stored));
        Assert.Equal(0, pending.GetValueOrDefault(LedgerState.Failed));

        await using var es = await RecordedElasticsearch.StartAsync(port: port);
        es.ThenStoreEverything();
        await run;

        var (byState, _) = services.Ledger.Counts();
        Assert.Equal(2, byState[LedgerState.Stored]);
        var stored = es.Received.Where(r => r.PathAndQuery == "/_bulk").SelectMany(r => r.BulkIds).Where(id => !id.Contains(':')).ToList();
        Assert.Equal(2, stored.Distinct().Count());
    }

    [Fact]
    public async Task The_embedded_store_stays_current_while_elasticsearch_is_down_and_the_failing_sink_is_named()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 2);
        var port = BulkSenderContractTests.FreePort();
        var settings = TestSettings.For(root);
        settings.Sinks = [new SqliteSinkOptions(), QuickRetrying(port)];
        using var services = new IngestServices(settings, NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var run = services.CreateRunner().RunAsync(once: true, timeout.Token);
        var store = new EmbeddedStore(settings.StorePath);

        while (store.CountRecordings() < 2 || services.SinkHealth.Problems().Count == 0)
        {
            Assert.False(run.IsCompleted, "the run ended while Elasticsearch was down");
            await Task.Delay(50, timeout.Token);
        }
        Assert.Equal(2, services.Ledger.Counts().ByState[LedgerState.Extracted]);
        Assert.StartsWith($"sink {ElasticsearchSinkOptions.Id} failing since ", Assert.Single(services.SinkHealth.Problems()));

        await using var es = await RecordedElasticsearch.StartAsync(port: port);
        es.ThenStoreEverything();
        await run;

        Assert.Equal(2, services.Ledger.Counts().ByState[LedgerState.Stored]);
        Assert.Empty(services.SinkHealth.Problems());
    }

    /// <summary>An Elasticsearch sink on <paramref name="port"/> that sends each write at once.</summary>
    private static ElasticsearchSinkOptions QuickRetrying(int port) => new()
    {
        Url = $"http://127.0.0.1:{port}", FlushIntervalSeconds = 0,
    };
}
