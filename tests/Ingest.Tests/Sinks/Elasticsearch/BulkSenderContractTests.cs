using System.Text;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Elasticsearch.Bulk;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>
/// The bulk sender against an in-process endpoint replaying Elasticsearch's documented answers: what is stored,
/// handed back for a retry and dead-lettered. The sender sends once; the pipeline's delivery owns the retries.
/// </summary>
public sealed class BulkSenderContractTests
{
    private static BulkOperation Op(string id, BulkAction action = BulkAction.Index, string index = "funasr-transcripts") =>
        new(action, index, id, Encoding.UTF8.GetBytes($$"""{"recording_id":"{{id}}","transcript":"营业时间 9 点到 18 点"}"""));

    private static (BulkSender Sender, RestConnection Connection) SenderFor(string url, Action<ElasticsearchSinkOptions>? configure = null)
    {
        var options = new ElasticsearchSinkOptions { Url = url, Username = "elastic", Password = "s3cret-pw" };
        configure?.Invoke(options);
        var connection = RestConnection.Open(options, "Elasticsearch");
        return (new BulkSender(connection, options), connection);
    }

    [Fact]
    public async Task Partial_failure_stores_the_good_items_dead_letters_400_and_hands_back_429_and_503_without_resending()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "bulk-partial-failure.json");
        var (sender, connection) = SenderFor(es.Url);
        using var _ = connection;

        var verdicts = await sender.SendAsync(
            [Op("call-1"), Op("call-2"), Op("call-3"), Op("call-1:refund:0", BulkAction.Create, "funasr-alerts"), Op("call-5")], default);

        Assert.Equal(
            [BulkVerdictKind.Stored, BulkVerdictKind.DeadLetter, BulkVerdictKind.Retry, BulkVerdictKind.Stored, BulkVerdictKind.Retry],
            verdicts.Select(v => v.Kind));
        Assert.Contains("document_parsing_exception", verdicts[1].Reason);
        Assert.Contains("HTTP 400", verdicts[1].Reason);
        Assert.Contains("es_rejected_execution_exception", verdicts[2].Reason);
        Assert.Equal(BulkVerdict.AlreadyStored, verdicts[3]);
        Assert.Equal(["call-1", "call-2", "call-3", "call-1:refund:0", "call-5"], Assert.Single(es.Received).BulkIds);
    }

    [Fact]
    public async Task Bulk_body_is_ndjson_with_exact_content_length_and_basic_auth()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "bulk-created-2.json");
        var (sender, connection) = SenderFor(es.Url);
        using var __ = connection;

        await sender.SendAsync([Op("call-1"), Op("call-2", BulkAction.Create)], default);

        var request = Assert.Single(es.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_bulk", request.PathAndQuery);
        Assert.Equal("application/x-ndjson", request.Headers["Content-Type"]);
        Assert.Equal(request.Body.Length.ToString(), request.Headers["Content-Length"]);
        Assert.False(request.Headers.ContainsKey("Transfer-Encoding"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:s3cret-pw")), request.Headers["Authorization"]);
        var lines = request.Text.Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.Equal("""{"index":{"_index":"funasr-transcripts","_id":"call-1"}}""", lines[0]);
        Assert.Equal("""{"create":{"_index":"funasr-transcripts","_id":"call-2"}}""", lines[2]);
        Assert.Contains("营业时间", lines[1]);
    }

    [Fact]
    public async Task Whole_request_429_hands_every_item_back_for_a_retry()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(429, "error-429.json");
        var (sender, connection) = SenderFor(es.Url);
        using var _ = connection;

        var verdicts = await sender.SendAsync([Op("call-1"), Op("call-2")], default);

        Assert.All(verdicts, v => Assert.Equal(BulkVerdictKind.Retry, v.Kind));
        Assert.Contains("HTTP 429", verdicts[0].Reason);
        Assert.Single(es.Received);
    }

    [Fact]
    public async Task Mapping_error_is_dead_lettered_without_a_retry()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "bulk-mapping-error.json");
        var (sender, connection) = SenderFor(es.Url);
        using var _ = connection;

        var verdict = Assert.Single(await sender.SendAsync([Op("call-1")], default));

        Assert.Equal(BulkVerdictKind.DeadLetter, verdict.Kind);
        Assert.Contains("strict_dynamic_mapping_exception", verdict.Reason);
        Assert.Single(es.Received);
    }

    [Fact]
    public async Task Unauthorized_keeps_the_items_retryable_and_names_the_cause_without_the_password()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(401, "error-401.json");
        var (sender, connection) = SenderFor(es.Url);
        using var __ = connection;

        var verdict = Assert.Single(await sender.SendAsync([Op("call-1")], default));

        Assert.Equal(BulkVerdictKind.Retry, verdict.Kind);
        Assert.Contains("HTTP 401", verdict.Reason);
        Assert.Contains("security_exception", verdict.Reason);
        Assert.DoesNotContain("s3cret-pw", verdict.Reason);
        Assert.Single(es.Received);
    }

    [Fact]
    public async Task Request_too_large_413_splits_the_batch_in_halves()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(413, "error-413.json").Then(200, "bulk-created-2.json").Then(200, "bulk-created-2.json");
        var (sender, connection) = SenderFor(es.Url);
        using var _ = connection;

        var verdicts = await sender.SendAsync([Op("a"), Op("b"), Op("c"), Op("d")], default);

        Assert.All(verdicts, v => Assert.Equal(BulkVerdictKind.Stored, v.Kind));
        Assert.Equal([4, 2, 2], es.Received.Select(r => r.BulkIds.Count));
        Assert.Equal(["c", "d"], es.Received.Last().BulkIds);
    }

    [Fact]
    public async Task A_single_document_answered_413_is_dead_lettered()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(413, "error-413.json");
        var (sender, connection) = SenderFor(es.Url);
        using var __ = connection;

        var verdict = Assert.Single(await sender.SendAsync([Op("huge")], default));

        Assert.Equal(BulkVerdictKind.DeadLetter, verdict.Kind);
        Assert.Contains("http.max_content_length", verdict.Reason);
    }

    [Fact]
    public async Task Items_are_cut_into_requests_by_count_and_bytes()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "bulk-created-2.json").Then(200, "bulk-created-2.json").Then(200, "bulk-created-1.json");
        var (sender, connection) = SenderFor(es.Url, o => o.MaxBatchDocuments = 2);
        using var __ = connection;

        var verdicts = await sender.SendAsync([Op("a"), Op("b"), Op("c"), Op("d"), Op("e")], default);

        Assert.All(verdicts, v => Assert.Equal(BulkVerdictKind.Stored, v.Kind));
        Assert.Equal(["a", "b", "c", "d", "e"], es.Received.SelectMany(r => r.BulkIds).Order());
        Assert.All(es.Received, r => Assert.InRange(r.BulkIds.Count, 1, 2));

        var size = BulkRequestWriter.SizeOf(Op("a"));
        Assert.Equal(size * 2, BulkRequestWriter.Write([Op("a"), Op("b")]).Length);
    }

    [Fact]
    public async Task Connection_refused_keeps_every_item_retryable()
    {
        var port = FreePort();
        var (sender, connection) = SenderFor($"http://127.0.0.1:{port}");
        using var _ = connection;

        var verdicts = await sender.SendAsync([Op("call-1"), Op("call-2")], default);

        Assert.All(verdicts, v =>
        {
            Assert.Equal(BulkVerdictKind.Retry, v.Kind);
            Assert.Contains($"127.0.0.1:{port}", v.Reason);
            Assert.Contains("unreachable", v.Reason);
        });
    }

    [Fact]
    public async Task Api_key_in_id_colon_key_form_is_sent_base64_encoded()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "bulk-created-1.json");
        var (sender, connection) = SenderFor(es.Url, o => { o.Username = null; o.Password = null; o.ApiKey = "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw"; });
        using var __ = connection;

        await sender.SendAsync([Op("call-1")], default);

        Assert.Equal("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==", Assert.Single(es.Received).Headers["Authorization"]);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
