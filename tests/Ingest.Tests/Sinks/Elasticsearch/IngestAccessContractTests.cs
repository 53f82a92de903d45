using System.Text.Json;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Setup;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>
/// The ingest host's least privilege against Elasticsearch 9's recorded answers: the exact role, the API key setup
/// prints, the 403 the key gets when it tries to delete the transcripts, and the readiness check the role allows.
/// </summary>
public sealed class IngestAccessContractTests
{
    private const string EncodedKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    [Fact]
    public void The_ingest_role_is_exactly_the_documented_least_privilege_one()
    {
        var role = IngestRole.Descriptor(new ElasticsearchSinkOptions());

        Assert.Equal(
            """{"cluster":["monitor"],"indices":[{"names":["funasr-transcripts*","funasr-alerts*"],"privileges":["create_doc","index","auto_configure","read","view_index_metadata"]}],"metadata":{"managed_by":"funasr-pipeline setup elasticsearch"}}""",
            role.ToJsonString());
        Assert.Contains(role.ToJsonString(), File.ReadAllText(FunAsr.Tests.Support.RepoPaths.Of("README.md")));
        var privileges = role["indices"]![0]!["privileges"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.DoesNotContain("delete_index", privileges);
        Assert.DoesNotContain("manage", privileges);
        Assert.DoesNotContain("all", privileges);
    }

    [Fact]
    public async Task The_api_key_carries_the_role_inline_and_its_encoded_value_is_returned()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "security-api-key-created.json");
        var options = new ElasticsearchSinkOptions { Url = es.Url, Username = "elastic", Password = "pw" };
        using var connection = OfficialClientConnection.Open(options);

        var key = await IngestApiKey.CreateAsync(connection, options, default);

        Assert.Equal(EncodedKey, key);
        var request = Assert.Single(es.Received);
        Assert.Equal(("POST", "/_security/api_key"), (request.Method, request.PathAndQuery));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("funasr-ingest", body["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(IngestRole.Descriptor(options), body["role_descriptors"]!["funasr-ingest"]));
        Assert.Null(body["expiration"]);
    }

    [Fact]
    public async Task Deleting_the_transcripts_with_the_ingest_key_is_refused_403_and_reported_with_the_missing_privilege()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(403, "security-403-delete-index.json");
        using var connection = RestConnection.Open(new ElasticsearchSinkOptions { Url = es.Url, ApiKey = EncodedKey }, "Elasticsearch");

        var answer = await connection.SendAsync(HttpMethod.Delete, "funasr-transcripts", null, default);
        var error = Assert.Throws<ServiceRequestException>(() => answer.EnsureSuccess("Elasticsearch", "deleting the transcripts"));

        Assert.Equal($"ApiKey {EncodedKey}", Assert.Single(es.Received).Headers["Authorization"]);
        Assert.Equal(403, error.Status);
        Assert.Contains("DELETE funasr-transcripts", error.Message);
        Assert.Contains("security_exception", error.Message);
        Assert.Contains("indices:admin/delete", error.Message);
        Assert.Contains("lacks a privilege", error.Message);
    }

    [Fact]
    public async Task The_readiness_check_needs_only_the_role_and_names_setup_when_the_data_stream_is_missing()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "root-9.json").Then(200, "data-stream-get.json").Then(200, "root-9.json").Then(404, "data-stream-missing.json");
        var options = new ElasticsearchSinkOptions { Url = es.Url, ApiKey = EncodedKey };
        using var sink = new ElasticsearchSink(options, TimeProvider.System, NullLogger.Instance);

        await sink.CheckHealthAsync(default);
        var missing = await Assert.ThrowsAsync<ServiceRequestException>(() => sink.CheckHealthAsync(default));

        Assert.Equal(["/", "/_data_stream/funasr-alerts", "/", "/_data_stream/funasr-alerts"], es.Received.Select(r => r.PathAndQuery));
        Assert.Contains("setup elasticsearch", missing.Message);
    }
}
