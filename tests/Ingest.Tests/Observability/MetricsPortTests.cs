using System.Net;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Observability;

/// <summary><c>api.metrics_urls</c>: Prometheus scrapes its own port without a key; that port serves nothing else, and the API's port no metrics.</summary>
public sealed class MetricsPortTests
{
    [Fact]
    public async Task Metrics_on_their_own_port_answer_without_a_key_and_nothing_else_is_served_there()
    {
        var root = SpeechFixtures.TempDirectory();
        var (apiPort, metricsPort) = (HostProcess.FreePort(), HostProcess.FreePort());
        var config = HostConfig.Write(root, $"""
            sources: []
            api:
              enabled: true
              urls: [http://127.0.0.1:{apiPort}]
              metrics_urls: [http://127.0.0.1:{metricsPort}]
            """);
        using var host = HostProcess.Start(root, new Dictionary<string, string> { ["FUNASR_API_KEYS"] = "k" }, "run", "--config", config);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        await host.WaitUntilAnswersAsync(api, "/healthz", TimeSpan.FromMinutes(2));

        var scrape = await metrics.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("funasr_recordings", await scrape.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/v1/search?q=x")).StatusCode);
        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "X-Api-Key", "k" } } };
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(withKey)).StatusCode);   // without a key: 401, as for any path
    }
}
