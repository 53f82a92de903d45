using System.Text.Json;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Setup;
using Microsoft.Extensions.Time.Testing;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary><c>setup elasticsearch</c> and <c>setup kibana</c> against an in-process endpoint: the requests they make and how they read the answers.</summary>
public sealed class SetupInstallerTests
{
    [Fact]
    public async Task Elasticsearch_setup_puts_policies_templates_stream_and_role_in_order()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        for (var i = 0; i < 7; i++) es.Then(200, "acknowledged.json");
        es.Then(400, "index-already-exists.json").Then(400, "data-stream-already-exists.json").Then(200, "security-role-created.json");
        var options = new ElasticsearchSinkOptions { Url = es.Url, TranscriptsIndex = "acme-calls", AlertsIndex = "acme-alerts", RetentionDays = 90 };
        using var connection = OfficialClientConnection.Open(options);

        var log = await new IndexTemplateInstaller(connection, options, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero))).InstallAsync(default);

        Assert.Equal(
            ["/_ilm/policy/acme-calls-lifecycle", "/_ilm/policy/acme-alerts-lifecycle",
             "/_component_template/acme-calls-settings", "/_component_template/acme-calls-mappings", "/_component_template/acme-alerts-mappings",
             "/_index_template/acme-calls", "/_index_template/acme-alerts", "/acme-calls-2026.01.31", "/_data_stream/acme-alerts", "/_security/role/acme-ingest"],
            es.Received.Select(r => r.PathAndQuery));
        Assert.All(es.Received, r => Assert.Equal("PUT", r.Method));
        Assert.All(es.Received, r => Assert.Contains("compatible-with=9", r.Headers["Accept"]));
        var requests = es.Received.ToList();
        var alertsPolicy = JsonDocument.Parse(requests[1].Body).RootElement.GetProperty("policy").GetProperty("phases");
        Assert.Equal("30d", alertsPolicy.GetProperty("hot").GetProperty("actions").GetProperty("rollover").GetProperty("max_age").GetString());
        Assert.Equal("90d", alertsPolicy.GetProperty("delete").GetProperty("min_age").GetString());
        var transcriptsPolicy = JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("policy").GetProperty("phases");
        Assert.False(transcriptsPolicy.GetProperty("hot").GetProperty("actions").TryGetProperty("rollover", out _));
        var template = JsonDocument.Parse(requests[5].Body).RootElement;
        Assert.Equal("acme-calls-*", template.GetProperty("index_patterns")[0].GetString());
        Assert.Equal(["acme-calls-settings", "acme-calls-mappings"], template.GetProperty("composed_of").EnumerateArray().Select(e => e.GetString()));
        Assert.True(template.GetProperty("template").GetProperty("aliases").TryGetProperty("acme-calls", out _));
        Assert.True(template.GetProperty("template").GetProperty("settings").GetProperty("index.lifecycle.parse_origination_date").GetBoolean());
        Assert.False(template.TryGetProperty("data_stream", out _));
        var alertsTemplate = JsonDocument.Parse(requests[6].Body).RootElement;
        Assert.Equal(JsonValueKind.Object, alertsTemplate.GetProperty("data_stream").ValueKind);
        Assert.Equal("acme-alerts-lifecycle", alertsTemplate.GetProperty("template").GetProperty("settings").GetProperty("index.lifecycle.name").GetString());
        var mappings = JsonDocument.Parse(requests[3].Body).RootElement.GetProperty("template").GetProperty("mappings").GetProperty("properties");
        Assert.Equal("nested", mappings.GetProperty("segments").GetProperty("type").GetString());
        Assert.Equal("offsets", mappings.GetProperty("text").GetProperty("index_options").GetString());
        Assert.Equal("flattened", mappings.GetProperty("extracted").GetProperty("type").GetString());
        Assert.Equal("date", mappings.GetProperty("@timestamp").GetProperty("type").GetString());
        Assert.Contains("already exists", log[7]);
        Assert.Contains("already exists", log[8]);
    }

    [Fact]
    public async Task Elasticsearch_setup_reports_a_refused_template_with_the_reason()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(401, "error-401.json");
        var options = new ElasticsearchSinkOptions { Url = es.Url, Username = "elastic", Password = "wrong" };
        using var connection = OfficialClientConnection.Open(options);

        var error = await Assert.ThrowsAsync<ServiceRequestException>(() => new IndexTemplateInstaller(connection, options).InstallAsync(default));

        Assert.Contains("PUT _ilm/policy/funasr-transcripts-lifecycle", error.Message);
        Assert.Contains("HTTP 401", error.Message);
        Assert.Contains("security_exception", error.Message);
        Assert.DoesNotContain("wrong", error.Message);
    }

    [Fact]
    public async Task Kibana_setup_imports_objects_with_xsrf_then_creates_connector_and_rule()
    {
        await using var kibana = await RecordedElasticsearch.StartAsync();
        kibana.Then(200, "kibana-import-success.json")
            .Then(404, "kibana-not-found.json").Then(200, "kibana-connector-server-log.json")
            .Then(404, "kibana-not-found.json").Then(200, "kibana-rule-current.json");
        var indices = new ElasticsearchSinkOptions { AlertsIndex = "acme-alerts" };
        using var connection = RestConnection.Open(new KibanaEndpointOptions { Url = kibana.Url, Username = "elastic", Password = "pw" }, "Kibana");

        var log = await new KibanaObjectsInstaller(connection, indices).InstallAsync(null, default);

        var requests = kibana.Received.ToList();
        Assert.Equal("/api/saved_objects/_import?overwrite=true", requests[0].PathAndQuery);
        Assert.All(requests, r => Assert.Equal("true", r.Headers["kbn-xsrf"]));
        Assert.StartsWith("multipart/form-data", requests[0].Headers["Content-Type"]);
        Assert.Contains("\"acme-alerts*\"", requests[0].Text);
        Assert.Contains("\"funasr-transcripts*\"", requests[0].Text);
        Assert.Equal(["POST", "GET", "POST", "GET", "POST"], requests.Select(r => r.Method));
        Assert.Equal($"/api/actions/connector/{KibanaObjectsInstaller.ConnectorId}", requests[2].PathAndQuery);
        Assert.Contains("\".server-log\"", requests[2].Text);
        var rule = JsonDocument.Parse(requests[4].Body).RootElement;
        Assert.Equal(".es-query", rule.GetProperty("rule_type_id").GetString());
        Assert.Equal("acme-alerts*", rule.GetProperty("params").GetProperty("index")[0].GetString());
        Assert.Equal("event.ingested", rule.GetProperty("params").GetProperty("timeField").GetString());
        Assert.Contains("imported 9 saved objects", log[0]);
        Assert.StartsWith("created connector", log[1]);
        Assert.StartsWith("created rule", log[2]);
    }

    [Fact]
    public async Task Kibana_setup_leaves_a_matching_rule_alone_and_updates_a_changed_one_in_place()
    {
        await using var kibana = await RecordedElasticsearch.StartAsync();
        // First run: Kibana holds what setup wants (plus its own fields and defaults). Second: the 8.x rule on raised_at.
        kibana.Then(200, "kibana-import-success.json").Then(200, "kibana-connector-server-log.json").Then(200, "kibana-rule-current.json");
        kibana.Then(200, "kibana-import-success.json").Then(200, "kibana-connector-server-log.json").Then(200, "kibana-rule-8x.json")
            .Then(200, "kibana-rule-current.json");
        using var connection = RestConnection.Open(new KibanaEndpointOptions { Url = kibana.Url, Username = "elastic", Password = "pw" }, "Kibana");
        var installer = new KibanaObjectsInstaller(connection, new ElasticsearchSinkOptions());

        var unchanged = await installer.InstallAsync(null, default);
        var changed = await installer.InstallAsync(null, default);

        Assert.Contains("up to date", unchanged[1]);
        Assert.Contains("up to date", unchanged[2]);
        Assert.Contains("up to date", changed[1]);
        Assert.StartsWith("updated rule", changed[2]);
        var update = kibana.Received.Last();
        Assert.Equal(("PUT", $"/api/alerting/rule/{KibanaObjectsInstaller.RuleId}"), (update.Method, update.PathAndQuery));
        var body = JsonDocument.Parse(update.Body).RootElement;
        Assert.Equal("event.ingested", body.GetProperty("params").GetProperty("timeField").GetString());
        Assert.False(body.TryGetProperty("rule_type_id", out _));
        Assert.False(body.TryGetProperty("consumer", out _));
    }

    [Fact]
    public async Task Kibana_setup_refuses_to_change_a_connectors_type_in_place_and_says_what_to_do()
    {
        await using var kibana = await RecordedElasticsearch.StartAsync();
        kibana.Then(200, "kibana-import-success.json").Then(200, "kibana-connector-server-log.json");
        using var connection = RestConnection.Open(new KibanaEndpointOptions { Url = kibana.Url, Username = "elastic", Password = "pw" }, "Kibana");

        var error = await Assert.ThrowsAsync<ServiceRequestException>(() =>
            new KibanaObjectsInstaller(connection, new ElasticsearchSinkOptions()).InstallAsync("funasr-notifications", default));

        Assert.Contains("connector_type_id \".server-log\"", error.Message);
        Assert.Contains("\".index\"", error.Message);
        Assert.Contains("delete the connector and run setup again", error.Message);
        Assert.Equal(2, kibana.Received.Count);
    }

    [Fact]
    public void Saved_objects_carry_migration_versions_use_lens_and_have_a_search_per_intent()
    {
        var objects = File.ReadAllLines(FunAsr.Tests.Support.RepoPaths.Of("deploy", "kibana", "saved-objects.ndjson"))
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.All(objects, o =>
        {
            Assert.Equal("8.8.0", o.GetProperty("coreMigrationVersion").GetString());
            Assert.False(string.IsNullOrEmpty(o.GetProperty("typeMigrationVersion").GetString()));
        });
        Assert.DoesNotContain(objects, o => o.GetProperty("type").GetString() == "visualization");
        Assert.Equal(4, objects.Count(o => o.GetProperty("type").GetString() == "lens"));
        var intents = objects.Where(o => o.GetProperty("id").GetString()!.StartsWith("funasr-intent-", StringComparison.Ordinal))
            .Select(o => o.GetProperty("attributes").GetProperty("kibanaSavedObjectMeta").GetProperty("searchSourceJSON").GetString()).ToList();
        foreach (var intent in new[] { "complaint", "refund", "cancellation", "callback_requested" })
            Assert.Contains(intents, source => source!.Contains($"tags:\\\"{intent}\\\"", StringComparison.Ordinal));
        Assert.All(objects.Where(o => o.GetProperty("type").GetString() == "index-pattern"),
            o => Assert.Equal("@timestamp", o.GetProperty("attributes").GetProperty("timeFieldName").GetString()));
    }

    [Fact]
    public async Task Kibana_import_answered_200_with_success_false_fails_listing_the_objects()
    {
        await using var kibana = await RecordedElasticsearch.StartAsync();
        kibana.Then(200, "kibana-import-missing-references.json");
        using var connection = RestConnection.Open(new KibanaEndpointOptions { Url = kibana.Url }, "Kibana");

        var error = await Assert.ThrowsAsync<ServiceRequestException>(() =>
            new KibanaObjectsInstaller(connection, new ElasticsearchSinkOptions()).InstallAsync(null, default));

        Assert.Contains("success: false", error.Message);
        Assert.Contains("dashboard/funasr-calls-dashboard", error.Message);
        Assert.Contains("missing_references", error.Message);
        Assert.Single(kibana.Received);
    }

    [Fact]
    public void Every_saved_object_is_one_json_line_and_every_reference_resolves()
    {
        var lines = File.ReadAllLines(FunAsr.Tests.Support.RepoPaths.Of("deploy", "kibana", "saved-objects.ndjson"));
        var objects = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ids = objects.Select(o => (o.GetProperty("type").GetString(), o.GetProperty("id").GetString())).ToHashSet();
        foreach (var o in objects)
            foreach (var reference in o.GetProperty("references").EnumerateArray())
                Assert.Contains((reference.GetProperty("type").GetString(), reference.GetProperty("id").GetString()), ids);
        Assert.Contains(("index-pattern", "funasr-transcripts-dataview"), ids);
        Assert.Contains(("index-pattern", "funasr-alerts-dataview"), ids);
        Assert.Contains(("dashboard", "funasr-calls-dashboard"), ids);
    }
}
