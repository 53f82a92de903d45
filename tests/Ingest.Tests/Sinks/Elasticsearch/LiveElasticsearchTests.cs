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
/// The contract scenarios against a real 9.x cluster (run as a user that may install templates, ILM policies, roles
/// and API keys, e.g. elastic), in throw-away names <c>funasr-test-&lt;random&gt;-*</c> removed afterwards: setup
/// installs, a recording is stored once and its replay overwrites, a replayed alert is "already there" in the data
/// stream, a document the strict mapping refuses is dead-lettered, a record-valued field after a text one is accepted,
/// and the ingest API key writes but may not delete the transcripts (403).
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
        using var application = OfficialClientConnection.Open(options);
        await new IndexTemplateInstaller(application, options).InstallAsync(default);
    }

    public async Task DisposeAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")))
        {
            foreach (var path in new[]
            {
                options.TranscriptsIndexFor(DateTimeOffset.UtcNow), options.TranscriptsIndexFor(ElasticsearchSinkTests.Call("x").Metadata.StartedAt!.Value),
                $"_data_stream/{options.AlertsIndex}", $"_index_template/{options.TranscriptsIndex}", $"_index_template/{options.AlertsIndex}",
                $"_component_template/{options.TranscriptsIndex}-settings", $"_component_template/{options.TranscriptsIndex}-mappings",
                $"_component_template/{options.AlertsIndex}-mappings", $"_ilm/policy/{LifecyclePolicy.NameFor(options.TranscriptsIndex)}",
                $"_ilm/policy/{LifecyclePolicy.NameFor(options.AlertsIndex)}", $"_security/role/{IngestRole.NameFor(options)}",
            })
                await connection.SendAsync(HttpMethod.Delete, path, null, default);
            await connection.SendAsync(HttpMethod.Delete, "_security/api_key",
                System.Net.Http.Json.JsonContent.Create(new { name = IngestRole.NameFor(options) }), default);
        }
        connection.Dispose();
    }

    [LiveElasticsearchFact]
    public async Task A_recording_is_stored_once_and_its_replay_overwrites()
    {
        using var sink = new ElasticsearchSink(options, TimeProvider.System, NullLogger.Instance);
        await sink.CheckHealthAsync(default);

        Assert.Equal([SinkOutcome.Delivered], await sink.WriteAsync([ElasticsearchSinkTests.Call("LIVE-1")], default));
        Assert.Equal([SinkOutcome.Delivered], await sink.WriteAsync([ElasticsearchSinkTests.Call("LIVE-1")], default));

        await RefreshAsync();
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
        var sender = new BulkSender(connection, options);
        var bad = new BulkOperation(BulkAction.Index, options.TranscriptsIndexFor(DateTimeOffset.UtcNow), "LIVE-BAD", Encoding.UTF8.GetBytes("""{"recording_id":"LIVE-BAD","sentiment":"angry"}"""));

        var verdict = Assert.Single(await sender.SendAsync([bad], default));

        Assert.Equal(BulkVerdictKind.DeadLetter, verdict.Kind);
        Assert.Contains("strict_dynamic_mapping_exception", verdict.Reason);
    }

    [LiveElasticsearchFact]
    public async Task A_field_that_is_text_in_one_call_and_a_record_in_the_next_is_stored_both_times()
    {
        var sender = new BulkSender(connection, options);
        var index = options.TranscriptsIndexFor(DateTimeOffset.UtcNow);
        var asText = new BulkOperation(BulkAction.Index, index, "LIVE-SHAPE-1", Encoding.UTF8.GetBytes("""{"recording_id":"LIVE-SHAPE-1","@timestamp":"2026-01-01T00:00:00Z","extracted":{"order":"A-1"}}"""));
        var asRecord = new BulkOperation(BulkAction.Index, index, "LIVE-SHAPE-2", Encoding.UTF8.GetBytes("""{"recording_id":"LIVE-SHAPE-2","@timestamp":"2026-01-01T00:00:00Z","extracted":{"order":{"id":"A-1","items":3}},"extracted_numbers":{"order_items":3}}"""));

        var verdicts = await sender.SendAsync([asText, asRecord], default);

        Assert.All(verdicts, v => Assert.Equal(BulkVerdictKind.Stored, v.Kind));
    }

    [LiveElasticsearchFact]
    public async Task The_ingest_api_key_writes_and_reads_but_may_not_delete_the_transcripts()
    {
        using var application = OfficialClientConnection.Open(options);
        var key = await IngestApiKey.CreateAsync(application, options, default);
        var ingest = new ElasticsearchSinkOptions
        {
            Url = options.Url, ApiKey = key, CaFile = options.CaFile, CaFingerprint = options.CaFingerprint,
            TranscriptsIndex = options.TranscriptsIndex, AlertsIndex = options.AlertsIndex, FlushIntervalSeconds = 0,
        };
        using var sink = new ElasticsearchSink(ingest, TimeProvider.System, NullLogger.Instance);
        using var asIngest = RestConnection.Open(ingest, "Elasticsearch");

        await sink.CheckHealthAsync(default);
        Assert.Equal([SinkOutcome.Delivered], await sink.WriteAsync([ElasticsearchSinkTests.Call("LIVE-KEY")], default));
        var delete = await asIngest.SendAsync(HttpMethod.Delete, options.TranscriptsIndexFor(ElasticsearchSinkTests.Call("x").Metadata.StartedAt!.Value), null, default);

        Assert.Equal(403, delete.Status);
        Assert.Contains("security_exception", delete.ErrorSummary());
    }

    private async Task RefreshAsync() =>
        (await connection.SendAsync(HttpMethod.Post, $"{options.TranscriptsIndex},{options.AlertsIndex}/_refresh", null, default)).EnsureSuccess("Elasticsearch", "refresh");
}
