using System.Numerics.Tensors;

namespace FunAsr.Recognizer.Audio;

/// <summary>
/// Streaming rational-ratio resampler for one channel: a Kaiser-windowed sinc low-pass evaluated as a polyphase
/// filter bank (<see cref="PolyphaseFilterBank"/>), so each output sample is one vectorised dot product.
/// Output sample n lies at input time n·M/L (M/L = input/output rate after dividing by the GCD), i.e. it is linear
/// phase with no added delay, like sox's <c>rate</c>. The stream is zero-extended at both ends, and
/// ceil(inputFrames·L/M) samples come out in total.
/// </summary>
internal sealed class PolyphaseResampler
{
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
        : this(new PolyphaseFilterBank(inputRateHz, outputRateHz))
    {
    }

    /// <summary>Creates a resampler over a bank shared with the other channels of the same recording.</summary>
    public PolyphaseResampler(PolyphaseFilterBank bank)
    {
        _up = bank.Up;
        _down = bank.Down;
        _taps = bank.Taps;
        _halfWidth = bank.HalfWidth;
        _phases = bank.Phases;
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
}
