using FunAsr.Recognizer.Features;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Features;

public sealed class LfrTests
{
    [Fact]
    public void Pads_with_three_copies_of_frame_0_and_repeats_the_last_frame()
    {
        float[] frames = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

        var stacked = new Lfr(7, 6).Apply(frames, featureDim: 1);

        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 2, 3, /**/ 3, 4, 5, 6, 7, 8, 9 }, stacked);
    }

    [Fact]
    public void Keeps_whole_feature_rows_together()
    {
        float[] frames = [10, 11, 20, 21];

        var stacked = new Lfr(3, 2).Apply(frames, featureDim: 2);

        Assert.Equal(new float[] { 10, 11, 10, 11, 20, 21 }, stacked);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 2)]
    [InlineData(238, 40)]
    public void Emits_ceil_of_frames_over_shift(int frames, int expected) =>
        Assert.Equal(expected, new Lfr().OutputFrameCount(frames));

    [Fact]
    public void Lfr_then_am_mvn_cmvn_matches_the_funasr_reference()
    {
        var (fbank, _, bins) = GoldenFeatures.Read("en-order.fbank");
        var (expected, rows, columns) = GoldenFeatures.Read("en-order.lfr-cmvn");
        var cmvn = Cmvn.LoadAmMvn(RepoPaths.Of("tests", "testdata", "features", "made-up.am.mvn"));

        var stacked = new Lfr().Apply(fbank, bins);
        cmvn.ApplyInPlace(stacked);

        Assert.Equal(rows * columns, stacked.Length);
        Assert.True(GoldenFeatures.MaxAbsDifference(expected, stacked) < 1e-5f);
    }
}
