
namespace FunAsr.Recognizer.Tests;

public sealed class CallMetricsTests
{
    private static readonly IReadOnlyList<string> s_roles = ["agent", "customer"];

    private static SpeechInterval S(int channel, double start, double end) => new(channel, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));

    private static TranscriptSegment Segment(int channel, double start, double end, string text) =>
        new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), channel, s_roles[channel], "en", text, text, [], []);

    [Fact]
    public void Talk_silence_overlap_and_interruptions_of_a_two_speaker_call()
    {
        // agent 1–4 and 10–12; customer 5–9 and 11–13 (interrupts the agent at 11); 20 s recording.
        var speech = new[] { S(0, 1, 4), S(1, 5, 9), S(0, 10, 12), S(1, 11, 13) };

        var m = CallMetrics.Compute(TimeSpan.FromSeconds(20), s_roles, speech, []);

        Assert.Equal(10, m.TalkTime.TotalSeconds, 6);
        Assert.Equal(10, m.SilenceTime.TotalSeconds, 6);
        Assert.Equal(0.5, m.SilenceRatio, 6);
        Assert.Equal(1, m.OverlapTime.TotalSeconds, 6);
        Assert.Equal(1, m.Interruptions);
        Assert.Equal(1, m.LongestSilence.TotalSeconds, 6);
        var (agent, customer) = (m.Speakers[0], m.Speakers[1]);
        Assert.Equal(("agent", 5.0, 2, 0), (agent.Speaker, agent.TalkTime.TotalSeconds, agent.Turns, agent.Interruptions));
        Assert.Equal(("customer", 6.0, 2, 1), (customer.Speaker, customer.TalkTime.TotalSeconds, customer.Turns, customer.Interruptions));
        Assert.Equal(4, customer.LongestTurn.TotalSeconds, 6);
    }

    [Fact]
    public void Longest_silence_counts_the_lead_in_but_not_the_tail_after_the_last_word()
    {
        var m = CallMetrics.Compute(TimeSpan.FromSeconds(60), s_roles, [S(0, 6, 8), S(1, 9, 10)], []);

        Assert.Equal(6, m.LongestSilence.TotalSeconds, 6);
        Assert.Equal(57, m.SilenceTime.TotalSeconds, 6);
    }

    [Fact]
    public void A_call_without_speech_is_all_silence()
    {
        var m = CallMetrics.Compute(TimeSpan.FromSeconds(30), s_roles, [], []);

        Assert.Equal((0.0, 1.0, 30.0), (m.TalkTime.TotalSeconds, m.SilenceRatio, m.LongestSilence.TotalSeconds));
        Assert.All(m.Speakers, s => Assert.Equal((0, 0.0), (s.Turns, s.SpeakingRate)));
    }

    [Fact]
    public void Speaking_rate_is_words_per_minute_of_talk_and_counts_each_chinese_character()
    {
        var segments = new[] { Segment(0, 0, 30, "my order number is four five"), Segment(1, 31, 61, "我要退款") };

        var m = CallMetrics.Compute(TimeSpan.FromSeconds(61), s_roles, [S(0, 0, 30), S(1, 31, 61)], segments);

        Assert.Equal(12, m.Speakers[0].SpeakingRate, 6);
        Assert.Equal(8, m.Speakers[1].SpeakingRate, 6);
    }

    [Fact]
    public void The_dictionary_names_call_and_speaker_metrics_for_rule_conditions()
    {
        var m = CallMetrics.Compute(TimeSpan.FromSeconds(20), s_roles, [S(0, 1, 4), S(1, 5, 9)], []);

        var values = m.ToDictionary();

        Assert.Equal(0.65, values["silence_ratio"], 6);
        Assert.Equal(4, values["customer_talk_seconds"], 6);
        Assert.Equal(1, values["agent_turns"], 6);
        Assert.Contains("longest_silence_seconds", values.Keys);
        Assert.Contains("agent_speaking_rate", values.Keys);
    }
}
