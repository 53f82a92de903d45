using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Extractors.Rules.Normalizers;
using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Recognizer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>The sink end to end against the in-process endpoint: document shapes, per-recording outcomes and flush batching.</summary>
public sealed class ElasticsearchSinkTests
{
    internal static RecordingDocument Call(string id, bool withAlert = true)
    {
        var phone = new ExtractedField("phone", "phone", new PhoneNumber("13812345678", "+8613812345678"), "138 1234 5678",
            "phone.mobile", "v1", 5, 13, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3), 0, "customer");
        var hours = new ExtractedField("business_hours", "time_range", new TimeRange("09:00", "18:00"), "早上九点到下午六点",
            "hours.range", "v1", 30, 9, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6), 1, "agent");
        var segment = new TranscriptSegment(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6), 0, "customer", "zh",
            "我的电话是13812345678，营业时间09:00-18:00", "我的电话是幺三八幺二三四五六七八", [], []);
        var transcript = new Transcript("/inbox/a.wav", TimeSpan.FromSeconds(6), 2, "zh", [segment], segment.Text, segment.RawText, "cpu", "test-tiny");
        return new RecordingDocument
        {
            RecordingId = id,
            SourcePath = "/inbox/a.wav",
            Metadata = new RecordingMetadata { CallId = id, Agent = "alice", Queue = "billing", StartedAt = new DateTimeOffset(2025, 1, 31, 9, 30, 0, TimeSpan.Zero) },
            Transcript = transcript,
            Fields = [phone, hours],
            Tags = ["refund"],
            Alerts = withAlert ? [new RuleAlert("refund.request", "high", "refund asked on 13812345678", [phone])] : [],
            ModelId = "test-tiny",
            RulePackVersion = "sha256:abc",
            Metrics = new Dictionary<string, double> { ["duration_seconds"] = 6, ["real_time_factor"] = 0.05 },
            ProcessedAt = new DateTimeOffset(2025, 1, 31, 10, 0, 0, TimeSpan.Zero),
        };
    }

    private static ElasticsearchSink Sink(string url, TimeProvider time, double flushSeconds = 0) =>
        new(new ElasticsearchSinkOptions { Url = url, FlushIntervalSeconds = flushSeconds }, time, NullLogger.Instance);

    [Fact]
    public async Task Transcript_and_alert_documents_carry_flat_typed_fields_for_kibana()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.ThenStoreEverything();
        using var sink = Sink(es.Url, TimeProvider.System);

        var outcomes = await sink.WriteAsync([Call("CALL-1")], default);

        Assert.Equal([SinkOutcome.Delivered], outcomes);
        var lines = Assert.Single(es.Received).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("""{"index":{"_index":"funasr-transcripts-2025.01.31","_id":"CALL-1"}}""", lines[0]);
        Assert.Equal("""{"create":{"_index":"funasr-alerts","_id":"CALL-1:refund.request:0"}}""", lines[2]);
        var doc = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("+8613812345678", doc.GetProperty("phone_numbers")[0].GetString());
        Assert.Equal("09:00", doc.GetProperty("extracted").GetProperty("business_hours").GetProperty("start").GetString());
        Assert.Equal(540, doc.GetProperty("extracted_minutes").GetProperty("business_hours_start").GetInt32());
        Assert.Equal(1080, doc.GetProperty("extracted_minutes").GetProperty("business_hours_end").GetInt32());
        Assert.Equal("09:00-18:00", doc.GetProperty("fields")[1].GetProperty("value_text").GetString());
        Assert.Equal(1.5, doc.GetProperty("fields")[0].GetProperty("start_seconds").GetDouble());
        Assert.Equal(1, doc.GetProperty("segments")[0].GetProperty("start_seconds").GetDouble());
        Assert.Equal("2025-01-31T09:30:00+00:00", doc.GetProperty("@timestamp").GetString());
        Assert.Equal("2025-01-31T09:30:00+00:00", doc.GetProperty("event").GetProperty("start").GetString());
        Assert.Equal("2025-01-31T10:00:00+00:00", doc.GetProperty("event").GetProperty("ingested").GetString());
        Assert.Equal(6_000_000_000, doc.GetProperty("event").GetProperty("duration").GetInt64());
        Assert.Equal("funasr.transcripts", doc.GetProperty("event").GetProperty("dataset").GetString());
        Assert.Equal("funasr-pipeline", doc.GetProperty("service").GetProperty("name").GetString());
        Assert.Equal("sha256:abc", doc.GetProperty("rule_pack_version").GetString());
        Assert.Contains("营业时间", lines[1]);
        var alert = JsonDocument.Parse(lines[3]).RootElement;
        Assert.Equal("high", alert.GetProperty("severity").GetString());
        Assert.Equal("+8613812345678", alert.GetProperty("fields").GetProperty("phone").GetString());
        Assert.Equal("2025-01-31T10:00:00+00:00", alert.GetProperty("event").GetProperty("ingested").GetString());
        Assert.Equal("alert", alert.GetProperty("event").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Without_a_call_start_the_timestamp_and_the_month_index_come_from_the_processing_time()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.ThenStoreEverything();
        using var sink = Sink(es.Url, TimeProvider.System);
        var call = Call("CALL-9", withAlert: false) with { Metadata = new RecordingMetadata { CallId = "CALL-9" }, ProcessedAt = new DateTimeOffset(2024, 2, 10, 0, 0, 0, TimeSpan.Zero) };

        await sink.WriteAsync([call], default);

        var lines = Assert.Single(es.Received).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("""{"index":{"_index":"funasr-transcripts-2024.02.29","_id":"CALL-9"}}""", lines[0]);
        var doc = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("2024-02-10T00:00:00+00:00", doc.GetProperty("@timestamp").GetString());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("event").GetProperty("start").ValueKind);
    }

    [Fact]
    public async Task A_redelivered_recording_overwrites_its_transcript_and_finds_its_alert_already_in_the_data_stream()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.Then(200, "bulk-redelivery-9.json");
        using var sink = Sink(es.Url, TimeProvider.System);

        Assert.Equal([SinkOutcome.Delivered], await sink.WriteAsync([Call("CALL-1")], default));
    }

    [Fact]
    public void A_field_that_changes_shape_between_calls_stays_in_the_flattened_field_and_typed_copies_keep_one_type()
    {
        var asText = new ExtractedField("order", "string", "A-1", "A-1", "order", "v1", 0, 3, null, null, null, null);
        var asRecord = new ExtractedField("order", "record", new Dictionary<string, object> { ["id"] = "A-1", ["items"] = 3, ["at"] = "14:30" }, "A-1", "order", "v2", 0, 3, null, null, null, null);

        var first = FunAsr.Ingest.Sinks.Elasticsearch.Documents.ExtractedValues.Flatten([asText]);
        var second = FunAsr.Ingest.Sinks.Elasticsearch.Documents.ExtractedValues.Flatten([asRecord]);

        Assert.Equal("A-1", first["order"]!.GetValue<string>());
        Assert.Equal("A-1", second["order"]!["id"]!.GetValue<string>());
        Assert.Equal(3, FunAsr.Ingest.Sinks.Elasticsearch.Documents.ExtractedValues.Numbers(second)["order_items"]!.GetValue<double>());
        Assert.Equal(870, FunAsr.Ingest.Sinks.Elasticsearch.Documents.ExtractedValues.Minutes(second)["order_at"]!.GetValue<int>());
        Assert.Empty(FunAsr.Ingest.Sinks.Elasticsearch.Documents.ExtractedValues.Numbers(first));
        var twoRanges = FunAsr.Ingest.Sinks.Elasticsearch.Documents.ExtractedValues.Flatten([
            new ExtractedField("hours", "time_range", new TimeRange("09:00", "12:00"), "", "h", "v1", 0, 1, null, null, null, null),
            new ExtractedField("hours", "time_range", new TimeRange("14:00", "18:00"), "", "h", "v1", 2, 1, null, null, null, null)]);
        Assert.Equal("[540,840]", FunAsr.Ingest.Sinks.Elasticsearch.Documents.ExtractedValues.Minutes(twoRanges)["hours_start"]!.ToJsonString());
        var mapping = JsonDocument.Parse(File.ReadAllText(FunAsr.Tests.Support.RepoPaths.Of("deploy", "elasticsearch", "transcripts-mappings.json")))
            .RootElement.GetProperty("template").GetProperty("mappings");
        Assert.Equal("flattened", mapping.GetProperty("properties").GetProperty("extracted").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_document_property_is_in_the_strict_mapping()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.ThenStoreEverything();
        using var sink = Sink(es.Url, TimeProvider.System);
        await sink.WriteAsync([Call("CALL-1")], default);
        var lines = Assert.Single(es.Received).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        AssertMapped(lines[1], "transcripts-mappings.json");
        AssertMapped(lines[3], "alerts-mappings.json");
    }

    [Fact]
    public async Task Worst_item_decides_a_recordings_outcome()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        // CALL-1: transcript 201 + alert 400 (rejected); CALL-2: transcript 429 (retryable, sent again by the pipeline).
        es.Then(200, "bulk-partial-failure-by-recording.json");
        using var sink = Sink(es.Url, TimeProvider.System);

        var outcomes = await sink.WriteAsync([Call("CALL-1"), Call("CALL-2", withAlert: false)], default);

        Assert.Equal(SinkOutcomeKind.Rejected, outcomes[0].Kind);
        Assert.Contains("funasr-alerts/CALL-1:refund.request:0", outcomes[0].Reason);
        Assert.Contains("strict_dynamic_mapping_exception", outcomes[0].Reason);
        Assert.Equal(SinkOutcomeKind.Retryable, outcomes[1].Kind);
        Assert.Single(es.Received);
    }

    [Fact]
    public async Task Writes_within_the_flush_interval_share_one_bulk_request()
    {
        await using var es = await RecordedElasticsearch.StartAsync();
        es.ThenStoreEverything();
        var time = new FakeTimeProvider();
        using var sink = Sink(es.Url, time, flushSeconds: 2);

        var first = sink.WriteAsync([Call("CALL-1", withAlert: false)], default);
        var second = sink.WriteAsync([Call("CALL-2", withAlert: false)], default);
        Assert.Empty(es.Received);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal([SinkOutcome.Delivered], await first);
        Assert.Equal([SinkOutcome.Delivered], await second);
        Assert.Equal(["CALL-1", "CALL-2"], Assert.Single(es.Received).BulkIds);
    }

    private static void AssertMapped(string documentJson, string mappingFile)
    {
        var mapping = JsonDocument.Parse(File.ReadAllText(FunAsr.Tests.Support.RepoPaths.Of("deploy", "elasticsearch", mappingFile)))
            .RootElement.GetProperty("template").GetProperty("mappings").GetProperty("properties");
        foreach (var property in JsonDocument.Parse(documentJson).RootElement.EnumerateObject())
            Assert.True(mapping.TryGetProperty(property.Name, out _), $"{property.Name} is not mapped in deploy/elasticsearch/{mappingFile}");
    }
}
