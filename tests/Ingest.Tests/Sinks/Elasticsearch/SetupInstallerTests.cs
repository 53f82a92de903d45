using System.Text.Json;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Setup;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary><c>setup elasticsearch</c> and <c>setup kibana</c> against an in-process endpoint: the requests they make and how they read the answers.</summary>
public sealed class SetupInstallerTests
{
    [Fact]
    public async Task Elasticsearch_setup_puts_components_templates_and_indices_in_order()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        for (var i = 0; i < 6; i++) es.Then(200, "bulk-created-1.json");
        es.Then(400, "index-already-exists.json");
        var options = new ElasticsearchSinkOptions { Url = es.Url, TranscriptsIndex = "acme-calls", AlertsIndex = "acme-alerts" };
        using var connection = RestConnection.Open(options, "Elasticsearch");

        var log = await new IndexTemplateInstaller(connection, options).InstallAsync(default);

        Assert.Equal(
            ["/_component_template/acme-calls-settings", "/_component_template/acme-calls-mappings", "/_component_template/acme-alerts-mappings",
             "/_index_template/acme-calls", "/_index_template/acme-alerts", "/acme-calls", "/acme-alerts"],
            es.Received.Select(r => r.PathAndQuery));
        Assert.All(es.Received, r => Assert.Equal("PUT", r.Method));
        var template = JsonDocument.Parse(es.Received.ElementAt(3).Body).RootElement;
        Assert.Equal("acme-calls*", template.GetProperty("index_patterns")[0].GetString());
        Assert.Equal(["acme-calls-settings", "acme-calls-mappings"], template.GetProperty("composed_of").EnumerateArray().Select(e => e.GetString()));
        var mappings = JsonDocument.Parse(es.Received.ElementAt(1).Body).RootElement.GetProperty("template").GetProperty("mappings");
        Assert.Equal("nested", mappings.GetProperty("properties").GetProperty("segments").GetProperty("type").GetString());
        Assert.Equal("offsets", mappings.GetProperty("properties").GetProperty("transcript").GetProperty("index_options").GetString());
        Assert.Contains("already exists", log[^1]);
    }

    [Fact]
    public async Task Elasticsearch_setup_reports_a_refused_template_with_the_reason()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(401, "error-401.json");
        var options = new ElasticsearchSinkOptions { Url = es.Url, Username = "elastic", Password = "wrong" };
        using var connection = RestConnection.Open(options, "Elasticsearch");

        var error = await Assert.ThrowsAsync<ServiceRequestException>(() => new IndexTemplateInstaller(connection, options).InstallAsync(default));

        Assert.Contains("PUT _component_template/funasr-transcripts-settings", error.Message);
        Assert.Contains("HTTP 401", error.Message);
        Assert.Contains("security_exception", error.Message);
        Assert.DoesNotContain("wrong", error.Message);
    }

    [Fact]
    public async Task Kibana_setup_imports_objects_with_xsrf_then_creates_connector_and_rule()
    {
        await using var kibana = await RecordedElasticsearch.StartAsync();
        kibana.Then(200, "kibana-import-success.json").Then(200, "bulk-created-1.json").Then(409, "bulk-created-1.json");
        var indices = new ElasticsearchSinkOptions { AlertsIndex = "acme-alerts" };
        using var connection = RestConnection.Open(new KibanaEndpointOptions { Url = kibana.Url, Username = "elastic", Password = "pw" }, "Kibana");

        var log = await new KibanaObjectsInstaller(connection, indices).InstallAsync(null, default);

        var requests = kibana.Received.ToList();
        Assert.Equal("/api/saved_objects/_import?overwrite=true", requests[0].PathAndQuery);
        Assert.All(requests, r => Assert.Equal("true", r.Headers["kbn-xsrf"]));
        Assert.StartsWith("multipart/form-data", requests[0].Headers["Content-Type"]);
        Assert.Contains("\"acme-alerts*\"", requests[0].Text);
        Assert.Contains("\"funasr-transcripts*\"", requests[0].Text);
        Assert.Equal($"/api/actions/connector/{KibanaObjectsInstaller.ConnectorId}", requests[1].PathAndQuery);
        Assert.Contains("\".server-log\"", requests[1].Text);
        var rule = JsonDocument.Parse(requests[2].Body).RootElement;
        Assert.Equal(".es-query", rule.GetProperty("rule_type_id").GetString());
        Assert.Equal("acme-alerts*", rule.GetProperty("params").GetProperty("index")[0].GetString());
        Assert.Contains("imported 9 saved objects", log[0]);
        Assert.Contains("already exists", log[2]);
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
