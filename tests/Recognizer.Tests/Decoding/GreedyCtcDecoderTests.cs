using FunAsr.Recognizer.Decoding;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class GreedyCtcDecoderTests
{
    private static float[] Frames(int vocab, params int[] argmax)
    {
        var logits = new float[argmax.Length * vocab];
        for (var t = 0; t < argmax.Length; t++)
        {
            logits[t * vocab + argmax[t]] = 5f;
        }

        return logits;
    }

    [Fact]
    public void Decode_collapses_repeats_and_drops_blank()
    {
        var tokens = new GreedyCtcDecoder().Decode(Frames(5, 0, 3, 3, 0, 3, 2, 2, 4, 0), 5);

        Assert.Equal([new CtcToken(3, 1), new CtcToken(3, 4), new CtcToken(2, 5), new CtcToken(4, 7)], tokens);
    }

    [Fact]
    public void Decode_of_all_blank_is_empty()
    {
        Assert.Empty(new GreedyCtcDecoder().Decode(Frames(4, 0, 0, 0), 4));
    }

    [Fact]
    public void Decode_honours_another_blank_id()
    {
        var tokens = new GreedyCtcDecoder(blankId: 2).Decode(Frames(3, 2, 0, 2, 1), 3);

        Assert.Equal([new CtcToken(0, 1), new CtcToken(1, 3)], tokens);
    }

    [Fact]
    public void Decode_rejects_logits_that_are_not_whole_frames()
    {
        var error = Assert.Throws<ArgumentException>(() => new GreedyCtcDecoder().Decode(new float[7], 3));

        Assert.Contains("3-wide", error.Message);
    }
}
