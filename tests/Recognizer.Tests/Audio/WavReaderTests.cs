using System.Buffers.Binary;
using FunAsr.Recognizer.Audio;

namespace FunAsr.Recognizer.Tests.Audio;

public sealed class WavReaderTests : IDisposable
{
    private readonly ScratchAudio _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("pcm-u8", "-e", "unsigned-integer", "-b", "8")]
    [InlineData("pcm-s16", "-e", "signed-integer", "-b", "16")]
    [InlineData("pcm-s24", "-e", "signed-integer", "-b", "24")]
    [InlineData("pcm-s32", "-e", "signed-integer", "-b", "32")]
    [InlineData("float32", "-e", "floating-point", "-b", "32")]
    [InlineData("float64", "-e", "floating-point", "-b", "64")]
    [InlineData("mulaw", "-e", "mu-law", "-b", "8")]
    [InlineData("alaw", "-e", "a-law", "-b", "8")]
    public void Decodes_every_encoding_like_sox_with_channels_kept_apart(string name, params string[] encoding)
    {
        string path = _scratch.PathOf(name + ".wav");
        ScratchAudio.Run("sox", ["-n", "-r", "8000", "-c", "2", .. encoding, path, "synth", "0.5", "sine", "300", "sine", "1000", "gain", "-3"]);

        var clip = AudioFile.Load(path, targetSampleRateHz: 8000);

        float[] reference = ScratchAudio.SoxSamples(path);
        Assert.Equal(2, clip.ChannelCount);
        Assert.Equal(4000, clip.Channel(0).Length);
        AssertInterleavedEqual(reference, clip, tolerance: 1e-6f);
        Assert.True(Correlation(clip.Channel(0).Span, clip.Channel(1).Span) < 0.1, "the two channels must stay distinct");
    }

    [Fact]
    public void Reads_wave_format_extensible_with_four_channels()
    {
        string path = _scratch.PathOf("quad.wav");
        ScratchAudio.Run("sox", "-n", "-r", "16000", "-c", "4", "-b", "24", path, "synth", "0.25", "sine", "200", "sine", "400", "sine", "800", "sine", "1600");
        Assert.Equal(0xFFFE, BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(path).AsSpan(20)));

        var clip = AudioFile.Load(path);

        Assert.Equal(4, clip.ChannelCount);
        AssertInterleavedEqual(ScratchAudio.SoxSamples(path), clip, tolerance: 1e-6f);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x7FFFF000u)] // sox writing to a pipe
    public void Skips_odd_sized_chunks_and_reads_streaming_data_sizes_to_the_end(uint declaredDataSize)
    {
        short[] samples = [0, 1000, -1000, 32767, -32768, 5];
        string path = _scratch.PathOf("odd.wav");
        File.WriteAllBytes(path, WavBytes.Riff(
            WavBytes.Chunk("LIST", "INFOISFT\x03\0\0\0ab\0"u8.ToArray()),
            WavBytes.Chunk("fmt ", WavBytes.Fmt(tag: 1, channels: 1, rate: 16000, bits: 16)),
            WavBytes.Chunk("fact", new byte[4]),
            WavBytes.Chunk("data", WavBytes.Pcm16(samples), declaredDataSize)));

        var clip = AudioFile.Load(path);

        Assert.Equal(samples.Select(s => s / 32768f), clip.Channel(0).ToArray());
    }

    [Fact]
    public void Reports_the_duration_from_the_header()
    {
        string path = _scratch.PathOf("dur.wav");
        ScratchAudio.Run("sox", "-n", "-r", "8000", "-b", "16", path, "synth", "1.5", "sine", "440");

        using var stream = AudioStream.Open(path, 16000);

        Assert.Equal(TimeSpan.FromSeconds(1.5), stream.Duration);
        Assert.Equal(8000, stream.NativeSampleRateHz);
    }

    [Fact]
    public void An_empty_file_is_reported_as_empty()
    {
        string path = _scratch.PathOf("empty.wav");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.Equal($"{path}: the file is empty; a WAV file starts with a 44-byte RIFF header", error.Message);
    }

    [Fact]
    public void A_text_file_renamed_wav_is_named_as_not_a_wav_file()
    {
        string path = _scratch.PathOf("notes.wav");
        File.WriteAllText(path, "hello, this is not audio");

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.Equal($"{path}: not a WAV file: expected 'RIFF' at byte 0, found 'hello, this ' (text?)", error.Message);
    }

    [Fact]
    public void A_header_cut_short_is_reported_as_truncated()
    {
        string path = _scratch.PathOf("cut.wav");
        File.WriteAllBytes(path, WavBytes.Riff(WavBytes.Chunk("fmt ", WavBytes.Fmt(1, 1, 16000, 16)))[..30]);

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.StartsWith($"{path}: truncated: chunk 'fmt '", error.Message);
    }

    [Fact]
    public void A_data_chunk_longer_than_the_file_is_reported_as_truncated()
    {
        string path = _scratch.PathOf("short-data.wav");
        File.WriteAllBytes(path, WavBytes.Riff(WavBytes.Chunk("fmt ", WavBytes.Fmt(1, 1, 16000, 16)), WavBytes.Chunk("data", new byte[100], declaredSize: 32000)));

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.Equal($"{path}: truncated: the 'data' chunk declares 32000 bytes but only 100 follow", error.Message);
    }

    [Fact]
    public void An_unsupported_codec_is_named_with_the_supported_list()
    {
        string path = _scratch.PathOf("adpcm.wav");
        ScratchAudio.Run("sox", "-n", "-r", "8000", "-e", "ima-adpcm", path, "synth", "0.2", "sine", "440");

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.Contains("unsupported WAV codec 0x0011 (IMA ADPCM)", error.Message);
        Assert.Contains(WavFormat.SupportedList, error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => AudioFile.Load(_scratch.PathOf("nope.wav")));
    }

    private static void AssertInterleavedEqual(float[] interleaved, AudioClip clip, float tolerance)
    {
        Assert.Equal(interleaved.Length, clip.ChannelCount * clip.Channel(0).Length);
        float worst = 0;
        for (int c = 0; c < clip.ChannelCount; c++)
        {
            var channel = clip.Channel(c).Span;
            for (int i = 0; i < channel.Length; i++)
                worst = Math.Max(worst, Math.Abs(channel[i] - interleaved[i * clip.ChannelCount + c]));
        }

        Assert.True(worst <= tolerance, $"max difference from sox {worst}");
    }

    private static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return Math.Abs(ab) / Math.Sqrt(aa * bb);
    }
}
