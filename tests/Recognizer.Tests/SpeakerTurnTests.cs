
namespace FunAsr.Recognizer.Tests;

public sealed class SpeakerTurnTests
{
    private static TranscriptSegment Segment(int channel, double start, double end, string text) =>
        new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), channel, channel == 0 ? "agent" : "customer", "en", text, text, [], []);

    [Fact]
    public void Consecutive_segments_of_one_speaker_form_one_turn_in_time_order()
    {
        var turns = SpeakerTurn.Merge(
        [
            Segment(1, 5, 7, "my order"), Segment(0, 0, 2, "hello"), Segment(1, 7.5, 9, "never arrived"),
            Segment(0, 10, 11, "我帮您"), Segment(0, 11.2, 12, "查一下"),
        ]);

        Assert.Equal(["agent: hello", "customer: my order never arrived", "agent: 我帮您查一下"], turns.Select(t => $"{t.Speaker}: {t.Text}"));
        Assert.Equal((5.0, 9.0), (turns[1].Start.TotalSeconds, turns[1].End.TotalSeconds));
    }

    [Theory]
    [InlineData(1, null, "speaker")]
    [InlineData(1, "customer", "customer")]
    [InlineData(2, null, "agent,customer")]
    [InlineData(2, "customer,agent", "customer,agent")]
    [InlineData(3, null, "agent,customer,channel-2")]
    public void Channel_roles_label_channels_from_configuration_or_the_call_recorder_convention(int channels, string? roles, string expected)
    {
        Assert.Equal(expected, string.Join(",", ChannelRoles.For(channels, roles?.Split(','))));
    }
}
