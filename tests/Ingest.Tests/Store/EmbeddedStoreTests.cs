using FunAsr.Extractors;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Store;

public sealed class EmbeddedStoreTests
{
    private static RecordingDocument Document(string id, string text, params ExtractedField[] fields)
    {
        var segment = new TranscriptSegment(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4), 1, "agent", "zh", text, text, [], []);
        var transcript = new Transcript("/in/" + id + ".wav", TimeSpan.FromSeconds(5), 2, "zh", [segment], text, text, "cpu", "test-model");
        return new RecordingDocument
        {
            RecordingId = id, SourcePath = "/in/" + id + ".wav", Metadata = new RecordingMetadata { CallId = id },
            Transcript = transcript, Fields = fields, Tags = ["refund"], Alerts = [], ModelId = "test-model",
            RulePackVersion = "r1", Metrics = new Dictionary<string, double>(), ProcessedAt = DateTimeOffset.UtcNow,
        };
    }

    private static ExtractedField Phone(string value) =>
        new("phone", "phone", value, value, "phone-cn", "r1", 0, value.Length, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 1, "agent");

    [Fact]
    public void Chinese_substrings_of_two_and_three_characters_are_found_with_their_segment_time()
    {
        var store = new EmbeddedStore(Path.Combine(SpeechFixtures.TempDirectory(), "funasr.db"));
        store.Upsert([Document("a", "您好，我要申请退款，订单号是四二七"), Document("b", "营业时间是早上九点")]);
        var search = new StoreSearch(store);

        var twoChars = search.Search(new StoreQuery("退款", [], null, 10));
        var threeChars = search.Search(new StoreQuery("订单号", [], null, 10));

        Assert.Equal("a", Assert.Single(twoChars).RecordingId);
        var hit = Assert.Single(threeChars);
        Assert.Equal(TimeSpan.FromSeconds(1.5), hit.Start);
        Assert.Equal(1, hit.Channel);
        Assert.Equal((10, 3), hit.Highlights.Single());
    }

    [Fact]
    public void Field_filters_match_the_normalized_value()
    {
        var store = new EmbeddedStore(Path.Combine(SpeechFixtures.TempDirectory(), "funasr.db"));
        store.Upsert([Document("a", "call me at 13812345678", Phone("13812345678")), Document("b", "call me later")]);

        var hits = new StoreSearch(store).Search(new StoreQuery(null, [("phone", "13812345678")], null, 10));

        Assert.Equal("a", Assert.Single(hits).RecordingId);
        Assert.Equal(TimeSpan.FromSeconds(2), hits[0].Start);
    }

    [Fact]
    public void Writing_a_recording_again_replaces_it()
    {
        var store = new EmbeddedStore(Path.Combine(SpeechFixtures.TempDirectory(), "funasr.db"));
        store.Upsert([Document("a", "first version", Phone("1"))]);
        store.Upsert([Document("a", "second version", Phone("2"))]);

        var search = new StoreSearch(store);
        Assert.Equal(1, store.CountRecordings());
        Assert.Empty(search.Search(new StoreQuery("first", [], null, 10)));
        Assert.Single(search.Search(new StoreQuery("second", [], null, 10)));
        Assert.Empty(search.Search(new StoreQuery(null, [("phone", "1")], null, 10)));
    }

    [Theory]
    [InlineData("7d", 7 * 24)]
    [InlineData("24h", 24)]
    [InlineData("90m", 1.5)]
    public void Since_accepts_relative_ages(string value, double hours)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(now - TimeSpan.FromHours(hours), StoreQuery.ParseSince(value, now));
    }
}
