using System.Text.Json;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>
/// The host's transcribe stage on stereo 8 kHz µ-law calls made with espeak-ng and sox: speakers from the channel
/// roles (configured or from the sidecar), call metrics stored with the document, and a long call streamed through.
/// </summary>
public sealed class TranscribeStageTests
{
    private const string Long = "I would like to make a complaint about the delivery, my order number is four two seven, and nobody called me back";
    private const string Short = "Yes, thank you";

    [Fact]
    public async Task A_sidecar_with_channel_roles_swaps_the_speakers_of_a_stereo_call()
    {
        var root = SpeechFixtures.TempDirectory();
        var inbox = Path.Combine(root, "inbox");
        var usual = SpeechFixtures.WriteStereoCall(Path.Combine(inbox, "usual.wav"), Long, Short, rightDelaySeconds: 1);
        var swapped = SpeechFixtures.WriteStereoCall(Path.Combine(inbox, "swapped.wav"), Long, Short, rightDelaySeconds: 2);
        File.WriteAllText(usual + ".json", """{"call_id": "USUAL"}""");
        File.WriteAllText(swapped + ".json", """{"call_id": "SWAPPED", "channel_roles": ["customer", "agent"]}""");

        var documents = await IngestAsync(root, expectedStored: 2);

        var (usualSpeakers, usualMetrics) = SpeakersAndMetrics(documents["USUAL"]);
        var (swappedSpeakers, swappedMetrics) = SpeakersAndMetrics(documents["SWAPPED"]);
        Assert.All(usualSpeakers, s => Assert.Equal(s.Channel == 0 ? "agent" : "customer", s.Speaker));
        Assert.All(swappedSpeakers, s => Assert.Equal(s.Channel == 0 ? "customer" : "agent", s.Speaker));
        Assert.Contains(swappedSpeakers, s => s.Channel == 0);
        // The long sentence is on the left channel: the agent's talk time in one call is the customer's in the other.
        Assert.True(usualMetrics["agent_talk_seconds"] > usualMetrics["customer_talk_seconds"]);
        Assert.True(swappedMetrics["customer_talk_seconds"] > swappedMetrics["agent_talk_seconds"]);
    }

    [Fact]
    public async Task Configured_channel_roles_label_a_call_without_a_sidecar()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.WriteStereoCall(Path.Combine(root, "inbox", "call.wav"), Long, Short, rightDelaySeconds: 1);

        var documents = await IngestAsync(root, expectedStored: 1, ["caller", "callee"]);

        var (speakers, metrics) = SpeakersAndMetrics(documents.Values.Single());
        Assert.All(speakers, s => Assert.Equal(s.Channel == 0 ? "caller" : "callee", s.Speaker));
        Assert.True(metrics["caller_talk_seconds"] > metrics["callee_talk_seconds"]);
    }

    [Fact]
    public async Task A_25_minute_stereo_call_is_streamed_through_and_stored_with_call_metrics()
    {
        var root = SpeechFixtures.TempDirectory();
        var block = SpeechFixtures.WriteStereoCall(Path.Combine(root, "parts", "block.wav"), Long, Short, rightDelaySeconds: 8);
        var halfMinute = Path.Combine(root, "parts", "half-minute.wav");
        SpeechFixtures.Run("sox", block, halfMinute, "pad", "0", "30", "trim", "0", "30");
        Directory.CreateDirectory(Path.Combine(root, "inbox"));
        const int repeats = 50;
        SpeechFixtures.Run("sox", halfMinute, Path.Combine(root, "inbox", "long-call.wav"), "repeat", $"{repeats - 1}");

        var documents = await IngestAsync(root, expectedStored: 1);

        var document = documents.Values.Single();
        var (speakers, metrics) = SpeakersAndMetrics(document);
        Assert.InRange(metrics["duration_seconds"], 25 * 60 - 1, 25 * 60 + 1);
        Assert.Equal(2, metrics["channels"]);
        Assert.InRange(metrics["agent_turns"], repeats / 2, repeats * 2);
        Assert.InRange(metrics["customer_turns"], repeats / 2, repeats * 2);
        Assert.InRange(metrics["silence_ratio"], 0.3, 0.95);
        Assert.True(metrics["longest_silence_seconds"] > 5);
        Assert.Contains(speakers, s => s.Speaker == "agent");
        Assert.Contains(speakers, s => s.Speaker == "customer");
        Assert.NotEmpty(document.GetProperty("turns").EnumerateArray());
    }

    private static async Task<Dictionary<string, JsonElement>> IngestAsync(string root, int expectedStored, List<string>? channelRoles = null)
    {
        var settings = TestSettings.For(root);
        settings.Recognizer.ChannelRoles = channelRoles;
        using (var services = new IngestServices(settings, NullLoggerFactory.Instance))
        {
            var failures = new List<string>();
            services.Outcomes.Finished = f => { if (f.Error is { } reason) lock (failures) failures.Add(reason); };
            await services.CreateRunner().RunAsync(once: true, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal(expectedStored, services.Ledger.Counts().ByState[LedgerState.Stored]);
        }

        var store = new EmbeddedStore(settings.StorePath);
        return new StoreSearch(store).ExportDocuments(new StoreQuery(null, [], null, 10))
            .Select(json => JsonDocument.Parse(json).RootElement)
            .ToDictionary(d => d.GetProperty("recording_id").GetString()!);
    }

    private static (List<(int Channel, string Speaker)> Segments, Dictionary<string, double> Metrics) SpeakersAndMetrics(JsonElement document)
    {
        var segments = document.GetProperty("segments").EnumerateArray()
            .Select(s => (s.GetProperty("channel").GetInt32(), s.GetProperty("speaker").GetString()!))
            .ToList();
        var metrics = document.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return (segments, metrics);
    }
}
