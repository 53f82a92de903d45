using FunAsr.Recognizer.Audio;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.Audio;

[Collection(ProcessMemoryCollection.Name)]
public sealed class AudioStreamTests(ITestOutputHelper output) : IDisposable
{
    private readonly ScratchAudio _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Block_reads_give_the_same_samples_as_loading_the_whole_clip()
    {
        string path = _scratch.PathOf("call-8k.wav");
        ScratchAudio.Run("sox", "-n", "-r", "8000", "-c", "2", "-e", "mu-law", path, "synth", "1.3", "sine", "200-3000", "pinknoise");
        var whole = AudioFile.Load(path);

        using var stream = AudioStream.Open(path, 16000);
        var block = new[] { new float[1234], new float[1234] };
        var left = new List<float>();
        var right = new List<float>();
        for (int n; (n = stream.Read(block, 1234)) > 0;)
        {
            left.AddRange(block[0][..n]);
            right.AddRange(block[1][..n]);
        }

        Assert.Equal(whole.Channel(0).ToArray(), left);
        Assert.Equal(whole.Channel(1).ToArray(), right);
        Assert.Equal(20800, left.Count);
    }

    [Fact]
    public void A_two_hour_stereo_recording_is_read_in_bounded_memory()
    {
        const int rate = 16000, channels = 2;
        long frames = 2L * 3600 * rate;
        string path = _scratch.PathOf("two-hours.wav");
        WriteSparsePcm16(path, rate, channels, frames);
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var stream = AudioStream.Open(path, 16000);
        var block = new[] { new float[rate], new float[rate] };
        long read = 0, peak = 0;
        for (int n, i = 0; (n = stream.Read(block, rate)) > 0; i++)
        {
            read += n;
            if (i % 600 == 0)
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
        }

        long fileBytes = new FileInfo(path).Length;
        output.WriteLine($"read {read} frames × {channels} channels from a {fileBytes / 1_000_000} MB file; managed heap grew at most {peak / 1_000_000.0:F1} MB");
        Assert.Equal(frames, read);
        Assert.Equal(TimeSpan.FromHours(2), stream.Duration);
        Assert.True(peak < 64_000_000, $"heap grew by {peak} bytes");
    }

    /// <summary>A header plus a sparse (all-zero) data area: 460 MB on paper, almost nothing on disk.</summary>
    private static void WriteSparsePcm16(string path, int rate, int channels, long frames)
    {
        long dataBytes = frames * channels * 2;
        byte[] header = WavBytes.Riff(
            WavBytes.Chunk("fmt ", WavBytes.Fmt(tag: 1, (ushort)channels, rate, bits: 16)),
            WavBytes.Chunk("data", [], declaredSize: (uint)dataBytes));
        using var file = File.Create(path);
        file.Write(header);
        file.SetLength(header.Length + dataBytes);
    }
}
