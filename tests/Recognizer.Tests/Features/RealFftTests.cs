using FunAsr.Recognizer.Features;

namespace FunAsr.Recognizer.Tests.Features;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(512)]
    public void Power_spectrum_matches_a_direct_dft(int size)
    {
        var random = new Random(size);
        var frame = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var power = new float[size / 2 + 1];

        new RealFft(size).PowerSpectrum(frame, power);

        for (int k = 0; k <= size / 2; k++)
        {
            double re = 0, im = 0;
            for (int n = 0; n < size; n++)
            {
                re += frame[n] * Math.Cos(-2 * Math.PI * k * n / size);
                im += frame[n] * Math.Sin(-2 * Math.PI * k * n / size);
            }

            double expected = re * re + im * im;
            Assert.True(Math.Abs(power[k] - expected) <= 1e-4 * (1 + expected), $"bin {k}: {power[k]} vs {expected}");
        }
    }
}
