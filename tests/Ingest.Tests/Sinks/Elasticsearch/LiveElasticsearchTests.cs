using System.Text;
using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Elasticsearch.Bulk;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Setup;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>Runs only against a real cluster: set ELASTICSEARCH_URL (and ELASTICSEARCH_USERNAME/PASSWORD or API_KEY, CA_FILE or CA_FINGERPRINT).</summary>
public sealed class LiveElasticsearchFactAttribute : FactAttribute
{
    public LiveElasticsearchFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")))
            Skip = "live Elasticsearch suite skipped: ELASTICSEARCH_URL is not set (see README, 'Run with Elasticsearch and Kibana')";
    }
}

/// <summary>
/// The contract scenarios against a real cluster, in throw-away indices <c>funasr-test-&lt;random&gt;-*</c> that are
/// deleted afterwards: templates install, a recording is stored and readable, a replayed alert is "already there",
/// a document the strict mapping refuses is dead-lettered.
/// </summary>
public sealed class LiveElasticsearchTests : IAsyncLifetime
{
    private readonly ElasticsearchSinkOptions options;
    private readonly RestConnection connection;

    public LiveElasticsearchTests()
    {
        var prefix = $"funasr-test-{Guid.NewGuid():N}"[..24];
        options = new ElasticsearchSinkOptions { TranscriptsIndex = prefix + "-calls", AlertsIndex = prefix + "-alerts", FlushIntervalSeconds = 0 }.WithEnvironment();
        connection = RestConnection.Open(options, "Elasticsearch");
    }

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL"))) return;
        await new IndexTemplateInstaller(connection, options).InstallAsync(default);
    }

    public async Task DisposeAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")))
        {
            foreach (var path in new[]
            {
                options.TranscriptsIndex, options.AlertsIndex, $"_index_template/{options.TranscriptsIndex}", $"_index_template/{options.AlertsIndex}",
                $"_component_template/{options.TranscriptsIndex}-settings", $"_component_template/{options.TranscriptsIndex}-mappings",
                $"_component_template/{options.AlertsIndex}-mappings",
            })
                await connection.SendAsync(HttpMethod.Delete, path, null, default);
        }
        connection.Dispose();
    }

    [LiveElasticsearchFact]
    public async Task A_recording_is_stored_once_and_its_replay_overwrites()
    {
        using var sink = new ElasticsearchSink(options, TimeProvider.System, Random.Shared, NullLogger.Instance);
        await sink.CheckHealthAsync(default);

        Assert.Equal([SinkOutcome.Delivered], await sink.WriteAsync([ElasticsearchSinkTests.Call("LIVE-1")], default));
        Assert.Equal([SinkOutcome.Delivered], await sink.WriteAsync([ElasticsearchSinkTests.Call("LIVE-1")], default));

        (await connection.SendAsync(HttpMethod.Post, $"{options.TranscriptsIndex},{options.AlertsIndex}/_refresh", null, default)).EnsureSuccess("Elasticsearch", "refresh");
        var count = await connection.SendAsync(HttpMethod.Get, $"{options.TranscriptsIndex}/_count", null, default);
        using var transcripts = count.Json();
        Assert.Equal(1, transcripts.RootElement.GetProperty("count").GetInt32());
        var alerts = await connection.SendAsync(HttpMethod.Get, $"{options.AlertsIndex}/_count", null, default);
        using var alertCount = alerts.Json();
        Assert.Equal(1, alertCount.RootElement.GetProperty("count").GetInt32());
    }

    [LiveElasticsearchFact]
    public async Task A_field_outside_the_strict_mapping_is_dead_lettered()
    {
        var sender = new BulkSender(connection, options, TimeProvider.System, Random.Shared);
        var bad = new BulkOperation(BulkAction.Index, options.TranscriptsIndex, "LIVE-BAD", Encoding.UTF8.GetBytes("""{"recording_id":"LIVE-BAD","sentiment":"angry"}"""));

        var verdict = Assert.Single(await sender.SendAsync([bad], default));

        Assert.Equal(BulkVerdictKind.DeadLetter, verdict.Kind);
        Assert.Contains("strict_dynamic_mapping_exception", verdict.Reason);
    }
}
