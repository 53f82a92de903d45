using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Features;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.Features;

public sealed class FbankExtractorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("zh-greeting")]
    [InlineData("en-order")]
    [InlineData("en-noisy-8k")]
    public void Matches_torchaudio_kaldi_fbank_within_1e_3(string clip)
    {
        var audio = AudioFile.Load(RepoPaths.Of("tests", "testdata", "audio", clip + ".wav"));
        var (expected, frames, bins) = GoldenFeatures.Read(clip + ".fbank");

        var features = new FbankExtractor().Compute(audio.Channel(0).Span);

        Assert.Equal(80, bins);
        Assert.Equal(frames * bins, features.Length);
        float worst = GoldenFeatures.MaxAbsDifference(expected, features);
        output.WriteLine($"{clip}: {frames} frames, max |C# − torchaudio| = {worst:E2}");
        Assert.True(worst < 1e-3f, $"max abs difference {worst}");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(399, 0)]
    [InlineData(400, 1)]
    [InlineData(559, 1)]
    [InlineData(560, 2)]
    [InlineData(16000, 98)]
    public void Counts_whole_frames_only_like_snip_edges(int samples, int frames)
    {
        var extractor = new FbankExtractor();

        Assert.Equal(frames, extractor.FrameCount(samples));
        Assert.Equal(frames * 80, extractor.Compute(new float[samples]).Length);
    }

    [Fact]
    public void Digital_silence_gives_the_log_of_float_epsilon()
    {
        var features = new FbankExtractor().Compute(new float[1600]);

        Assert.All(features, value => Assert.Equal(MathF.Log(1.1920929E-07f), value));
    }
}
