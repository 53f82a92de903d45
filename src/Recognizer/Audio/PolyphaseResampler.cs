using System.Numerics.Tensors;

namespace FunAsr.Recognizer.Audio;

/// <summary>
/// Streaming rational-ratio resampler for one channel: a Kaiser-windowed sinc low-pass evaluated as a polyphase
/// filter bank (one tap set per output phase), so each output sample is one vectorised dot product.
/// Output sample n lies at input time n·M/L (M/L = input/output rate after dividing by the GCD), i.e. it is linear
/// phase with no added delay, like sox's <c>rate</c>. The stream is zero-extended at both ends, and
/// ceil(inputFrames·L/M) samples come out in total.
/// </summary>
internal sealed class PolyphaseResampler
{
    /// <summary>Zero crossings of the sinc kept on each side: longer = steeper transition band.</summary>
    private const int ZeroCrossings = 32;

    /// <summary>Kaiser β: about 90 dB stop-band attenuation.</summary>
    private const double KaiserBeta = 9.0;

    /// <summary>Cut-off as a fraction of the lower Nyquist frequency (the -6 dB point).</summary>
    private const double Rolloff = 0.96;

    /// <summary>At most this many phases are tabulated; odd ratios round the phase down (timing error below 1/1024 of an input sample).</summary>
    private const int MaxPhases = 1024;

    private readonly long _up;
    private readonly long _down;
    private readonly int _taps;
    private readonly int _halfWidth;
    private readonly float[][] _phases;
    private float[] _buffer;
    private long _bufferStart;
    private int _bufferCount;
    private long _inputFrames;
    private long _nextOutput;
    private bool _completed;

    /// <summary>Creates a resampler from <paramref name="inputRateHz"/> to <paramref name="outputRateHz"/>.</summary>
    public PolyphaseResampler(int inputRateHz, int outputRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRateHz);
        long gcd = Gcd(inputRateHz, outputRateHz);
        _up = outputRateHz / gcd;
        _down = inputRateHz / gcd;
        double cutoff = 0.5 * Math.Min(1.0, (double)_up / _down) * Rolloff;
        _halfWidth = (int)Math.Ceiling(ZeroCrossings / (2 * cutoff));
        _taps = 2 * _halfWidth;
        _phases = new float[(int)Math.Min(_up, MaxPhases)][];
        for (int p = 0; p < _phases.Length; p++)
            _phases[p] = DesignPhase((double)p / _phases.Length, cutoff);
        _buffer = new float[Math.Max(4096, 2 * _taps)];
        _bufferStart = -_halfWidth;
        _bufferCount = _halfWidth;
    }

    /// <summary>Appends input samples.</summary>
    public void Write(ReadOnlySpan<float> input)
    {
        if (_completed)
            throw new InvalidOperationException("Write after Complete.");
        Append(input);
        _inputFrames += input.Length;
    }

    /// <summary>Marks the end of input: the tail is flushed with zeros.</summary>
    public void Complete()
    {
        if (_completed)
            return;
        _completed = true;
        Append(new float[_halfWidth + 1]);
    }

    /// <summary>Writes as many output samples as are ready into <paramref name="destination"/>; returns the count.</summary>
    public int Read(Span<float> destination)
    {
        long end = _completed ? (_inputFrames * _up + _down - 1) / _down : long.MaxValue;
        long available = _bufferStart + _bufferCount;
        int written = 0;
        while (written < destination.Length && _nextOutput < end)
        {
            long position = _nextOutput * _down;
            long index = position / _up;
            if (index + _halfWidth >= available)
                break;
            long phase = position % _up * _phases.Length / _up;
            var window = _buffer.AsSpan((int)(index - _halfWidth + 1 - _bufferStart), _taps);
            destination[written++] = TensorPrimitives.Dot(window, _phases[phase]);
            _nextOutput++;
        }

        return written;
    }

    private void Append(ReadOnlySpan<float> input)
    {
        long keepFrom = _nextOutput * _down / _up - _halfWidth + 1;
        int drop = (int)Math.Clamp(keepFrom - _bufferStart, 0, _bufferCount);
        if (drop > 0)
        {
            _buffer.AsSpan(drop, _bufferCount - drop).CopyTo(_buffer);
            _bufferStart += drop;
            _bufferCount -= drop;
        }

        if (_bufferCount + input.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _bufferCount + input.Length));
        input.CopyTo(_buffer.AsSpan(_bufferCount));
        _bufferCount += input.Length;
    }

    /// <summary>Taps for an output lying <paramref name="fraction"/> of an input sample after the window centre.</summary>
    private float[] DesignPhase(double fraction, double cutoff)
    {
        var taps = new double[_taps];
        double sum = 0;
        for (int j = 0; j < _taps; j++)
        {
            double tau = fraction + _halfWidth - 1 - j;
            double x = 2 * cutoff * tau;
            double sinc = Math.Abs(x) < 1e-12 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
            double ratio = tau / _halfWidth;
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
