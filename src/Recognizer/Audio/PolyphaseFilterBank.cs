namespace FunAsr.Recognizer.Audio;

/// <summary>
/// The taps of a rational-ratio resampler: a Kaiser-windowed sinc low-pass tabulated as one tap set per output
/// phase. Read-only once built, so every channel of a recording shares one bank.
/// </summary>
internal sealed class PolyphaseFilterBank
{
    /// <summary>Zero crossings of the sinc kept on each side: longer = steeper transition band.</summary>
    private const int ZeroCrossings = 32;

    /// <summary>Kaiser β: about 90 dB stop-band attenuation.</summary>
    private const double KaiserBeta = 9.0;

    /// <summary>Cut-off as a fraction of the lower Nyquist frequency (the -6 dB point).</summary>
    private const double Rolloff = 0.96;

    /// <summary>At most this many phases are tabulated; odd ratios round the phase down (timing error below 1/1024 of an input sample).</summary>
    private const int MaxPhases = 1024;

    /// <summary>
    /// Most coefficients tabulated (16 MiB of floats): 383,999 Hz → 8 kHz, the worst supported case, needs 3.3 M.
    /// A larger ratio means a rate no real recording has, and its table would exhaust memory.
    /// </summary>
    private const long MaxCoefficients = 4L << 20;

    /// <summary>Designs the bank from <paramref name="inputRateHz"/> to <paramref name="outputRateHz"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not positive, or the ratio needs more than 16 MiB of taps.</exception>
    public PolyphaseFilterBank(int inputRateHz, int outputRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRateHz);
        long gcd = Gcd(inputRateHz, outputRateHz);
        Up = outputRateHz / gcd;
        Down = inputRateHz / gcd;
        double cutoff = 0.5 * Math.Min(1.0, (double)Up / Down) * Rolloff;
        long halfWidth = (long)Math.Ceiling(ZeroCrossings / (2 * cutoff));
        int phases = (int)Math.Min(Up, MaxPhases);
        if (2 * halfWidth * phases > MaxCoefficients)
            throw new ArgumentOutOfRangeException(nameof(inputRateHz), inputRateHz,
                $"resampling {inputRateHz} Hz to {outputRateHz} Hz needs {2 * halfWidth * phases} filter taps; at most {MaxCoefficients} are allowed");
        HalfWidth = (int)halfWidth;
        Taps = 2 * HalfWidth;
        Phases = new float[phases][];
        for (int p = 0; p < phases; p++)
            Phases[p] = DesignPhase((double)p / phases, cutoff);
    }

    /// <summary>Output rate divided by the GCD of both rates.</summary>
    public long Up { get; }

    /// <summary>Input rate divided by the GCD of both rates.</summary>
    public long Down { get; }

    /// <summary>Input samples on each side of an output sample's position.</summary>
    public int HalfWidth { get; }

    /// <summary>Taps per phase (twice <see cref="HalfWidth"/>).</summary>
    public int Taps { get; }

    /// <summary>One tap set per output phase, each <see cref="Taps"/> long.</summary>
    public float[][] Phases { get; }

    /// <summary>Taps for an output lying <paramref name="fraction"/> of an input sample after the window centre.</summary>
    private float[] DesignPhase(double fraction, double cutoff)
    {
        var taps = new double[Taps];
        double sum = 0;
        for (int j = 0; j < Taps; j++)
        {
            double tau = fraction + HalfWidth - 1 - j;
            double x = 2 * cutoff * tau;
            double sinc = Math.Abs(x) < 1e-12 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
            double ratio = tau / HalfWidth;
            double window = Math.Abs(ratio) >= 1 ? 0 : BesselI0(KaiserBeta * Math.Sqrt(1 - ratio * ratio)) / BesselI0(KaiserBeta);
            taps[j] = 2 * cutoff * sinc * window;
            sum += taps[j];
        }

        return taps.Select(t => (float)(t / sum)).ToArray();
    }

    private static double BesselI0(double x)
    {
        double term = 1, sum = 1, half = x / 2;
        for (int k = 1; term > 1e-12 * sum; k++)
        {
            term *= half / k * (half / k);
            sum += term;
        }

        return sum;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
