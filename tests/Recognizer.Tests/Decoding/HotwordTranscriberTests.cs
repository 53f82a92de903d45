using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class HotwordTranscriberTests
{
    private static Transcriber Create(HotwordOptions? hotwords) =>
        Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = TinyModel.Directory, Device = "cpu", IntraOpThreads = 1, Hotwords = hotwords,
            Vad = new VadOptions { Method = "off" },
        });

    [Fact]
    public async Task With_a_zero_bonus_the_transcript_and_its_timestamps_are_the_greedy_ones_and_unspellable_phrases_are_reported()
    {
        var hotwords = new HotwordOptions { Phrases = [new Hotword("订单号", Origin: "list.txt:1"), new Hotword("退款", Origin: "list.txt:2")], ScorePerToken = 0 };
        using var greedy = Create(null);
        using var beam = Create(hotwords);
        var clip = AudioClip.FromSamples([TinyModel.Tones("你", "好", "订", "单", "号", "▁order", "▁num", "ber")], 16000);

        var expected = await greedy.TranscribeAsync(clip);
        var actual = await beam.TranscribeAsync(clip);

        Assert.Equal("你好订单号 order number", actual.RawText);
        Assert.Equal(expected.RawText, actual.RawText);
        Assert.Equal(expected.Segments.SelectMany(s => s.Tokens), actual.Segments.SelectMany(s => s.Tokens));
        var skipped = Assert.Single(beam.SkippedHotwords);
        Assert.StartsWith("list.txt:2: '退款' skipped:", skipped);
        Assert.Empty(greedy.SkippedHotwords);
    }
}
