using System.Numerics.Tensors;

namespace FunAsr.Recognizer.Features;

/// <summary>
/// Kaldi's triangular mel filters (<c>kaldi/src/feat/mel-computations.cc</c>, torchaudio <c>get_mel_banks</c>):
/// mel(f) = 1127·ln(1 + f/700); <c>MelBins</c> filters evenly spaced in mel between the low and high frequency, each
/// rising from its left edge to its centre and falling to its right edge, sampled at FFT bins 0…N/2−1 (the Nyquist
/// bin gets weight 0). Each filter is stored as its first non-zero bin plus its weights, so applying it is one dot product.
/// </summary>
internal sealed class MelFilterBank
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;

    /// <summary>Builds the filters for <paramref name="options"/>.</summary>
    public MelFilterBank(FbankOptions options)
    {
        int fftSize = options.FftSize;
        int bins = fftSize / 2;
        double nyquist = options.SampleRateHz / 2.0;
        double high = options.HighFrequencyHz <= 0 ? nyquist + options.HighFrequencyHz : options.HighFrequencyHz;
        double low = options.LowFrequencyHz;
        if (low < 0 || low >= high || high > nyquist)
            throw new ArgumentException(
                $"FbankOptions: need 0 ≤ LowFrequencyHz ({low}) < high frequency ({high}) ≤ Nyquist ({nyquist}).");
        double binWidth = (double)options.SampleRateHz / fftSize;
        double melLow = Mel(low), melHigh = Mel(high);
        double delta = (melHigh - melLow) / (options.MelBins + 1);
        _firstBin = new int[options.MelBins];
        _weights = new float[options.MelBins][];
        for (int m = 0; m < options.MelBins; m++)
        {
            double left = melLow + m * delta, centre = left + delta, right = centre + delta;
            var weights = new List<float>();
            int first = -1;
            for (int i = 0; i < bins; i++)
            {
                double mel = Mel(binWidth * i);
                if (mel <= left || mel >= right)
                    continue;
                double weight = mel <= centre ? (mel - left) / (centre - left) : (right - mel) / (right - centre);
                if (first < 0)
                    first = i;
                weights.Add((float)weight);
            }

            _firstBin[m] = Math.Max(first, 0);
            _weights[m] = [.. weights];
        }
    }

    /// <summary>Number of filters.</summary>
    public int Count => _weights.Length;

    /// <summary>Writes one energy per filter for the power spectrum <paramref name="power"/> (N/2+1 bins).</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> energies)
    {
        for (int m = 0; m < _weights.Length; m++)
            energies[m] = TensorPrimitives.Dot(power.Slice(_firstBin[m], _weights[m].Length), _weights[m]);
    }

    private static double Mel(double hz) => 1127.0 * Math.Log(1.0 + hz / 700.0);
}
