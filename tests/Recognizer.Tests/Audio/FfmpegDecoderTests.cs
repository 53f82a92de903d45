using FunAsr.Recognizer.Audio;

namespace FunAsr.Recognizer.Tests.Audio;

public sealed class FfmpegDecoderTests : IDisposable
{
    private readonly ScratchAudio _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("mp3")]
    [InlineData("ogg")]
    [InlineData("flac")]
    [InlineData("m4a")]
    public void Decodes_compressed_stereo_through_ffmpeg_and_resamples_to_16k(string extension)
    {
        string source = _scratch.PathOf("source.wav");
        ScratchAudio.Run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", source, "synth", "1", "sine", "300", "sine", "1200", "gain", "-6");
        string encoded = _scratch.PathOf("call." + extension);
        ScratchAudio.Run("ffmpeg", "-nostdin", "-loglevel", "error", "-i", source, encoded);

        var clip = AudioFile.Load(encoded);

        Assert.Equal(16000, clip.SampleRateHz);
        Assert.Equal(2, clip.ChannelCount);
        Assert.InRange(clip.Duration.TotalSeconds, 0.99, 1.1);
        Assert.InRange(DominantFrequencyHz(clip.Channel(0).Span[4000..12000], 16000), 290, 310);
        Assert.InRange(DominantFrequencyHz(clip.Channel(1).Span[4000..12000], 16000), 1190, 1210);
    }

    [Fact]
    public void A_file_ffmpeg_cannot_read_reports_ffmpegs_reason()
    {
        string path = _scratch.PathOf("broken.mp3");
        File.WriteAllText(path, "this is a text file, not an mp3");

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.StartsWith($"{path}: ffmpeg could not decode it: ", error.Message);
        Assert.Contains("[mp3 @", error.Message);
        Assert.EndsWith("(exit code 1)", error.Message);
    }

    [Fact]
    public void A_missing_ffmpeg_says_how_to_get_it()
    {
        string path = _scratch.PathOf("call.mp3");
        File.WriteAllBytes(path, [0xFF, 0xFB]);

        var error = Assert.Throws<AudioFormatException>(() => FfmpegDecoder.Open(path, "/nonexistent/ffmpeg"));

        Assert.Contains("needs ffmpeg", error.Message);
        Assert.Contains("apt-get install ffmpeg", error.Message);
        Assert.Contains(FfmpegDecoder.ExecutableVariable, error.Message);
    }

    /// <summary>Counts zero crossings: enough to tell a 300 Hz tone from a 1200 Hz one.</summary>
    private static double DominantFrequencyHz(ReadOnlySpan<float> samples, int sampleRateHz)
    {
        int crossings = 0;
        for (int i = 1; i < samples.Length; i++)
            crossings += (samples[i - 1] < 0) != (samples[i] < 0) ? 1 : 0;
        return crossings / 2.0 * sampleRateHz / samples.Length;
    }
}
