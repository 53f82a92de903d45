using FunAsr.Recognizer.Audio;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.Audio;

public sealed class PolyphaseResamplerTests(ITestOutputHelper output) : IDisposable
{
    private readonly ScratchAudio _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(8000, 3600)]
    [InlineData(44100, 7200)]
    [InlineData(48000, 7200)]
    [InlineData(22050, 7200)]
    public void Matches_sox_on_a_sweep(int inputRateHz, int topHz)
    {
        string sweep = _scratch.PathOf($"sweep-{inputRateHz}.wav");
        ScratchAudio.Run("sox", "-n", "-r", inputRateHz.ToString(), "-e", "floating-point", "-b", "32", sweep,
            "synth", "2", "sine", $"50-{topHz}", "gain", "-6");
        float[] reference = ScratchAudio.Run("sox", sweep, "-t", "f32", "-", "rate", "-v", "16000") is var bytes
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray()
            : [];

        var ours = AudioFile.Load(sweep).Channel(0).Span;

        Assert.Equal(reference.Length, ours.Length);
        int edge = 800;
        double signal = 0, noise = 0;
        for (int i = edge; i < ours.Length - edge; i++)
        {
            signal += reference[i] * (double)reference[i];
            noise += (reference[i] - ours[i]) * (double)(reference[i] - ours[i]);
        }

        double snrDb = 10 * Math.Log10(signal / noise);
        output.WriteLine($"{inputRateHz} Hz → 16000 Hz, sweep 50–{topHz} Hz: SNR against sox 'rate -v' = {snrDb:F1} dB");
        Assert.True(snrDb > 50, $"SNR {snrDb:F1} dB");
    }

    [Fact]
    public void Streams_the_same_samples_whatever_the_block_size()
    {
        var resampler = new PolyphaseResampler(8000, 16000);
        var input = Enumerable.Range(0, 8000).Select(i => (float)Math.Sin(i * 0.05)).ToArray();
        var whole = Drain(resampler, [input]);

        var blocks = Drain(new PolyphaseResampler(8000, 16000), input.Chunk(333).ToArray());

        Assert.Equal(16000, whole.Length);
        Assert.Equal(whole, blocks);
    }

    [Fact]
    public void Produces_the_ceiling_of_input_times_ratio_samples()
    {
        Assert.Equal(5805, Drain(new PolyphaseResampler(44100, 16000), [new float[16000]]).Length);
        Assert.Equal(334, Drain(new PolyphaseResampler(48000, 16000), [new float[1000]]).Length);
    }

    private static float[] Drain(PolyphaseResampler resampler, float[][] blocks)
    {
        var result = new List<float>();
        var buffer = new float[257];
        foreach (var block in blocks)
        {
            resampler.Write(block);
            for (int n; (n = resampler.Read(buffer)) > 0;)
                result.AddRange(buffer[..n]);
        }

        resampler.Complete();
        for (int n; (n = resampler.Read(buffer)) > 0;)
            result.AddRange(buffer[..n]);
        return [.. result];
    }
}
