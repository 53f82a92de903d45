using FunAsr.Recognizer.Vad;

namespace FunAsr.Recognizer.Tests.Vad;

public sealed class SileroSpectrumTests
{
    [Fact]
    public void Each_frame_is_the_magnitude_of_the_hann_windowed_dft_of_the_reflect_padded_window_and_its_log_spectrum_the_log_of_one_plus_the_scaled_magnitude()
    {
        const int size = 256, hop = 64, pad = 96, samples = 512;
        var random = new Random(7);
        var window = Enumerable.Range(0, samples).Select(i => (float)(0.4 * Math.Sin(i * 0.07) + 0.2 * (random.NextDouble() - 0.5))).ToArray();
        var spectrum = new SileroSpectrum(new SileroSpectrumFraming(size, hop, pad, LogScale: 1 << 20), samples);
        var magnitudes = new float[spectrum.Bins * SileroSpectrum.FramesPerWindow];
        var logs = new float[magnitudes.Length];

        spectrum.Compute(window, magnitudes, logs);

        var padded = new double[samples + 2 * pad];
        for (var i = 0; i < padded.Length; i++)
        {
            var at = i - pad;
            padded[i] = window[at < 0 ? -at : at >= samples ? 2 * (samples - 1) - at : at];
        }

        for (var frame = 0; frame < SileroSpectrum.FramesPerWindow; frame++)
        {
            for (var bin = 0; bin < spectrum.Bins; bin++)
            {
                double re = 0, im = 0;
                for (var n = 0; n < size; n++)
                {
                    var sample = padded[frame * hop + n] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * n / size));
                    re += sample * Math.Cos(2 * Math.PI * n * bin / size);
                    im -= sample * Math.Sin(2 * Math.PI * n * bin / size);
                }

                var at = bin * SileroSpectrum.FramesPerWindow + frame;
                Assert.Equal(Math.Sqrt(re * re + im * im), magnitudes[at], 1e-5);
                Assert.Equal(Math.Log(1 + (1 << 20) * (double)magnitudes[at]), logs[at], 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(255, 64, 96)]
    [InlineData(256, 60, 96)]
    [InlineData(256, 64, 64)]
    public void A_framing_that_does_not_give_eight_whole_frames_is_refused(int size, int hop, int pad) =>
        Assert.Throws<ArgumentException>(() => new SileroSpectrum(new SileroSpectrumFraming(size, hop, pad, 1), 512));
}
