using System.Buffers.Binary;
using FunAsr.Recognizer.Audio;

namespace FunAsr.Recognizer.Tests.Audio;

/// <summary>Hostile or broken WAV headers end in one <see cref="AudioFormatException"/> naming the file and the field, before any large allocation.</summary>
public sealed class BadWavHeaderTests : IDisposable
{
    private readonly ScratchAudio _scratch = new();

    public void Dispose() => _scratch.Dispose();

    public static TheoryData<string, byte[], string> BadHeaders() => new()
    {
        { "rate-ffffffff", Wav(Fmt(rate: 0xFFFFFFFF)), "the 'fmt ' chunk declares a sample rate of 4294967295 Hz; 1000 to 384000 Hz are supported" },
        { "rate-0", Wav(Fmt(rate: 0)), "the 'fmt ' chunk declares a sample rate of 0 Hz; 1000 to 384000 Hz are supported" },
        { "rate-999", Wav(Fmt(rate: 999)), "the 'fmt ' chunk declares a sample rate of 999 Hz; 1000 to 384000 Hz are supported" },
        { "rate-384001", Wav(Fmt(rate: 384_001)), "the 'fmt ' chunk declares a sample rate of 384001 Hz; 1000 to 384000 Hz are supported" },
        { "channels-65535", Wav(Fmt(channels: 65535)), "the 'fmt ' chunk declares 65535 channels; 1 to 32 are supported" },
        { "channels-33", Wav(Fmt(channels: 33)), "the 'fmt ' chunk declares 33 channels; 1 to 32 are supported" },
        { "channels-0", Wav(Fmt(channels: 0)), "the 'fmt ' chunk declares 0 channels; 1 to 32 are supported" },
        { "bits-0", Wav(Fmt(bits: 0)), "unsupported Pcm sample size of 0 bits" },
        { "block-align-65535", Wav(Fmt(blockAlign: 65535)), "block align is 65535 bytes but 1 channel(s) × 16 bits need 2" },
        { "fmt-4gb", WavBytes.Riff(WavBytes.Chunk("fmt ", Fmt(), declaredSize: 0xFFFFFFF0), WavBytes.Chunk("data", new byte[64])),
          "the 'fmt ' chunk at byte 12 declares 4294967280 bytes; a real one has at most 1024" },
        { "list-beyond-file", WavBytes.Riff(WavBytes.Chunk("LIST", new byte[8], declaredSize: 0x7FFFFFFF), WavBytes.Chunk("fmt ", Fmt())),
          "truncated: chunk 'LIST' at byte 12 declares 2147483647 bytes but the file ends at byte" },
        { "data-beyond-file", WavBytes.Riff(WavBytes.Chunk("fmt ", Fmt()), WavBytes.Chunk("data", new byte[64], declaredSize: 0x7FFFFF00)),
          "truncated: the 'data' chunk declares 2147483392 bytes but only 64 follow" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void A_bad_header_names_the_file_and_the_field(string name, byte[] bytes, string problem)
    {
        string path = _scratch.PathOf(name + ".wav");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.StartsWith($"{path}: {problem}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_widest_supported_file_is_read_with_one_filter_bank_for_all_channels()
    {
        const int channels = WavFormat.MaxChannels;
        const int rate = WavFormat.MaxSampleRateHz - 1; // coprime with 16 kHz: the largest tap table
        string path = _scratch.PathOf("wide.wav");
        File.WriteAllBytes(path, WavBytes.Riff(
            WavBytes.Chunk("fmt ", WavBytes.Fmt(tag: 1, channels: channels, rate: rate, bits: 16)),
            WavBytes.Chunk("data", new byte[channels * 2 * rate / 100])));

        var clip = AudioFile.Load(path);

        Assert.Equal(channels, clip.ChannelCount);
        Assert.InRange(clip.FrameCount, 159, 161);
    }

    [Fact]
    public void The_resampler_refuses_a_ratio_whose_taps_would_exhaust_memory() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseFilterBank(int.MaxValue, 16000));

    [Fact]
    public void A_header_ffmpeg_writes_beyond_the_bounds_is_refused_without_waiting_for_ffmpeg()
    {
        string path = _scratch.PathOf("forty.au");
        ScratchAudio.Run("sox", "-n", "-r", "8000", "-c", "40", "-b", "16", path, "synth", "2", "sine", "300");

        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));

        Assert.Equal($"{path}: decoded by ffmpeg, the 'fmt ' chunk declares 40 channels; 1 to 32 are supported", error.Message);
    }

    private static byte[] Wav(byte[] fmt) => WavBytes.Riff(WavBytes.Chunk("fmt ", fmt), WavBytes.Chunk("data", new byte[64]));

    /// <summary>A 16 kHz mono 16-bit <c>fmt </c> body with one field overwritten.</summary>
    private static byte[] Fmt(uint? rate = null, ushort? channels = null, ushort? bits = null, ushort? blockAlign = null)
    {
        var body = WavBytes.Fmt(tag: 1, channels: 1, rate: 16000, bits: 16);
        if (channels is { } c) BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), c);
        if (rate is { } r) BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), r);
        if (blockAlign is { } a) BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), a);
        if (bits is { } b) BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), b);
        return body;
    }
}
