using System.Net;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Sinks.Elasticsearch;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Host;

/// <summary>
/// The real host with the embedded store and an Elasticsearch that does not answer: the recording reaches the store
/// (search stays current) and <c>/readyz</c> says not ready, naming the failing sink.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_names_a_failing_sink_while_the_embedded_store_goes_on_storing()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 1);
        var port = HostProcess.FreePort();
        var config = Path.Combine(root, "funasr-pipeline.yaml");
        File.WriteAllText(config, $"""
            data_dir: {root}/data
            sources:
              - type: folder
                path: {root}/inbox
                stable_seconds: 0
            sinks:
              - type: sqlite
              - type: elasticsearch
                url: http://127.0.0.1:{BulkSenderContractTests.FreePort()}
                flush_interval_seconds: 0
            api:
              enabled: true
              urls: [http://127.0.0.1:{port}]
            """);
        using var host = HostProcess.Start(root, new Dictionary<string, string>
        {
            ["FUNASR_API_KEYS"] = "k", ["FUNASR_MODEL_DIR"] = SpeechFixtures.ModelDirectory, ["FUNASR_DEVICE"] = "cpu",
        }, "run", "--config", config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var store = Path.Combine(root, "data", "funasr.db");

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        string readiness = "";
        while (!(File.Exists(store) && new EmbeddedStore(store).CountRecordings() == 1 && readiness.Contains($"sink {ElasticsearchSinkOptions.Id} failing since", StringComparison.Ordinal)))
        {
            Assert.False(host.HasExited || DateTime.UtcNow > deadline, "stored and named the failing sink: no\n" + readiness + "\n" + host.Output);
            await Task.Delay(200);
            try
            {
                using var response = await http.GetAsync("/readyz");
                readiness = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK) readiness = "";
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }

        Assert.StartsWith("not ready: ", readiness);
    }

    [Fact]
    public async Task A_hundred_readiness_probes_ask_elasticsearch_at_most_once()
    {
        var root = SpeechFixtures.TempDirectory();
        await using var elasticsearch = (await RecordedElasticsearch.StartAsync()).ThenStoreEverything();
        var port = HostProcess.FreePort();
        var config = HostConfig.Write(root, $"""
            sources: []
            sinks:
              - type: elasticsearch
                url: {elasticsearch.Url}
            api:
              enabled: true
              urls: [http://127.0.0.1:{port}]
            """);
        using var host = HostProcess.Start(root, new Dictionary<string, string> { ["FUNASR_API_KEYS"] = "k" }, "run", "--config", config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.WaitUntilAnswersAsync(http, "/readyz", TimeSpan.FromMinutes(2));
        int ClusterProbes() => elasticsearch.Received.Count(r => r.Method == "GET" && r.PathAndQuery == "/");
        var before = ClusterProbes();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => http.GetAsync("/readyz")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.InRange(ClusterProbes() - before, 0, 1);
    }
}
