using FunAsr.Recognizer.Vad;

namespace FunAsr.Recognizer.Tests.Vad;

public sealed class SpeechSegmenterTests
{
    // 1 "sample" per millisecond and 10 ms windows keep the arithmetic readable.
    private const int RateHz = 1000;
    private const int Window = 10;

    private static readonly VadOptions s_options = new()
    {
        MinSpeech = TimeSpan.FromMilliseconds(100),
        MinSilence = TimeSpan.FromMilliseconds(200),
        SpeechPad = TimeSpan.FromMilliseconds(30),
        MaxSegment = TimeSpan.FromSeconds(2),
    };

    private static List<SpeechSpan> Run(VadOptions options, params (float Probability, int Ms)[] pattern)
    {
        var segmenter = new SpeechSegmenter(options, RateHz, Window);
        var spans = new List<SpeechSpan>();
        foreach (var (p, ms) in pattern)
        {
            for (var i = 0; i < ms / Window; i++)
            {
                spans.AddRange(segmenter.Push(p));
            }
        }

        spans.AddRange(segmenter.Finish(segmenter.Position));
        return spans;
    }

    [Fact]
    public void Speech_between_silences_becomes_one_padded_segment()
    {
        var spans = Run(s_options, (0.1f, 500), (0.9f, 600), (0.1f, 500));

        var span = Assert.Single(spans);
        Assert.Equal((500, 1100), (span.SpeechStart, span.SpeechEnd));
        Assert.Equal((470, 1130), (span.Start, span.End));
    }

    [Fact]
    public void A_pause_shorter_than_min_silence_stays_inside_the_segment()
    {
        var spans = Run(s_options, (0.9f, 400), (0.1f, 150), (0.9f, 400), (0.1f, 500));

        var span = Assert.Single(spans);
        Assert.Equal((0, 950), (span.SpeechStart, span.SpeechEnd));
    }

    [Fact]
    public void Probabilities_between_exit_and_entry_threshold_keep_speech_going()
    {
        var spans = Run(s_options, (0.9f, 300), (0.4f, 600), (0.1f, 300));

        Assert.Equal((0, 900), (Assert.Single(spans).SpeechStart, spans[0].SpeechEnd));
    }

    [Fact]
    public void Speech_shorter_than_min_speech_is_dropped()
    {
        Assert.Empty(Run(s_options, (0.1f, 300), (0.9f, 60), (0.1f, 500)));
    }

    [Fact]
    public void Padding_never_overlaps_the_previous_segment()
    {
        var options = s_options with { SpeechPad = TimeSpan.FromMilliseconds(200) };

        var spans = Run(options, (0.9f, 300), (0.1f, 200), (0.9f, 300), (0.1f, 400));

        Assert.Equal(2, spans.Count);
        Assert.Equal(spans[0].End, spans[1].Start);
        Assert.Equal(500, spans[0].End);
    }

    [Fact]
    public void Long_speech_is_cut_at_the_longest_pause_inside_it()
    {
        // 2 s limit including padding: the 180 ms pause is longer than the 120 ms one, so the cut goes there.
        var spans = Run(s_options, (0.9f, 500), (0.1f, 120), (0.9f, 500), (0.1f, 180), (0.9f, 900), (0.1f, 500));

        Assert.Equal(2, spans.Count);
        Assert.Equal((0, 1120), (spans[0].SpeechStart, spans[0].SpeechEnd));
        Assert.Equal((1300, 2200), (spans[1].SpeechStart, spans[1].SpeechEnd));
        Assert.All(spans, s => Assert.True(s.Length <= 2000, $"{s} is longer than MaxSegment"));
    }

    [Fact]
    public void Long_speech_without_a_pause_is_cut_at_the_limit()
    {
        var spans = Run(s_options, (0.9f, 5000), (0.1f, 500));

        Assert.Equal(3, spans.Count);
        Assert.All(spans, s => Assert.True(s.Length <= 2000, $"{s} is longer than MaxSegment"));
        Assert.Equal(spans[0].SpeechEnd, spans[1].SpeechStart);
        Assert.Equal(5000, spans[^1].SpeechEnd);
    }

    [Fact]
    public void Speech_running_to_the_end_of_the_stream_is_closed_by_finish()
    {
        var spans = Run(s_options, (0.1f, 300), (0.9f, 400));

        Assert.Equal((300, 700, 700), (Assert.Single(spans).SpeechStart, spans[0].SpeechEnd, spans[0].End));
    }

    [Fact]
    public void Invalid_settings_name_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => new SpeechSegmenter(s_options with { SpeechPad = TimeSpan.FromSeconds(1) }, RateHz, Window));
        Assert.Contains("SpeechPad", e.Message);
        Assert.Contains("Method", Assert.Throws<ArgumentException>(() => new SpeechSegmenter(s_options with { Method = "webrtc" }, RateHz, Window)).Message);
    }
}
