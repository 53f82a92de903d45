using FunAsr.Extractors;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Store;

public sealed class CallListingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static RecordingDocument Call(int minutesAgo, string id, string speaker, string language, string text,
        string[]? tags = null, string? severity = null, ExtractedField? field = null)
    {
        var segment = new TranscriptSegment(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), 0, speaker, language, text, text, [], []);
        return new RecordingDocument
        {
            RecordingId = id, SourcePath = $"/in/{id}.wav", Metadata = new RecordingMetadata { CallId = id },
            Transcript = new Transcript($"/in/{id}.wav", TimeSpan.FromSeconds(6), 1, language, [segment], text, text, "cpu", "m"),
            Fields = field is null ? [] : [field], Tags = tags ?? [],
            Alerts = severity is null ? [] : [new RuleAlert("r", severity, "m", [])],
            ModelId = "m", RulePackVersion = "r", Metrics = new Dictionary<string, double>(), ProcessedAt = Now.AddMinutes(-minutesAgo),
        };
    }

    private static CallListing Listing()
    {
        var store = new EmbeddedStore(Path.Combine(SpeechFixtures.TempDirectory(), "funasr.db"));
        var phone = new ExtractedField("phone", "phone", "13812345678", "13812345678", "phone.cn", "r", 5, 11, TimeSpan.FromSeconds(3), null, 0, "customer");
        store.Upsert([
            Call(1, "newest", "customer", "zh", "我的电话是13812345678我要退款", ["refund"], "high", phone),
            Call(2, "middle", "agent", "en", "thank you for calling", ["greeting"]),
            Call(3, "oldest", "agent", "zh", "您好我要退款", ["refund", "complaint"], "medium"),
        ]);
        return new CallListing(store);
    }

    private static IEnumerable<string> Ids(CallListing listing, CallFilter filter) => listing.Page(filter).Calls.Select(c => c.RecordingId);

    [Fact]
    public void Calls_are_listed_newest_first_a_page_at_a_time_with_the_total()
    {
        var listing = Listing();
        var (total, calls) = listing.Page(new CallFilter(PageSize: 2));
        Assert.Equal(3, total);
        Assert.Equal(["newest", "middle"], calls.Select(c => c.RecordingId));
        Assert.Equal(["oldest"], Ids(listing, new CallFilter(Page: 1, PageSize: 2)));
        Assert.Equal(("high", 1), (calls[0].TopSeverity, calls[0].Alerts));
    }

    [Fact]
    public void Each_filter_narrows_the_list()
    {
        var listing = Listing();
        Assert.Equal(["newest", "oldest"], Ids(listing, new CallFilter(Tag: "refund")));
        Assert.Equal(["oldest"], Ids(listing, new CallFilter(Tag: "complaint")));
        Assert.Equal(["oldest"], Ids(listing, new CallFilter(Severity: "medium")));
        Assert.Equal(["newest"], Ids(listing, new CallFilter(Field: "phone")));
        Assert.Equal(["middle", "oldest"], Ids(listing, new CallFilter(Speaker: "agent")));
        Assert.Equal(["middle"], Ids(listing, new CallFilter(Language: "en")));
        Assert.Equal(["newest", "middle"], Ids(listing, new CallFilter(From: Now.AddMinutes(-2.5))));
        Assert.Equal(["middle", "oldest"], Ids(listing, new CallFilter(To: Now.AddMinutes(-1.5))));
    }

    [Fact]
    public void A_search_finds_Chinese_substrings_with_the_segment_that_said_them_and_the_speaker_who_did()
    {
        var listing = Listing();
        var (total, calls) = listing.Page(new CallFilter(Text: "我要退款"));
        Assert.Equal(2, total);
        var hit = calls[0].Hit!;
        Assert.Equal((TimeSpan.FromSeconds(2), "customer"), (hit.Start!.Value, hit.Speaker));
        Assert.Equal((16, 4), Assert.Single(hit.Highlights));
        Assert.Equal(["oldest"], Ids(listing, new CallFilter(Text: "我要退款", Speaker: "agent")));
        Assert.Equal(["newest"], Ids(listing, new CallFilter(Text: "13812345678")));
    }

    [Fact]
    public void Export_takes_every_page_and_the_choices_come_from_what_is_stored()
    {
        var listing = Listing();
        Assert.Equal(2, listing.Documents(new CallFilter(Tag: "refund", PageSize: 1)).Count());
        var choices = listing.Choices();
        Assert.Equal(["complaint", "greeting", "refund"], choices["tags"]);
        Assert.Equal(["high", "medium"], choices["severities"]);
        Assert.Equal(["agent", "customer"], choices["speakers"]);
        Assert.Equal(["en", "zh"], choices["languages"]);
    }
}
