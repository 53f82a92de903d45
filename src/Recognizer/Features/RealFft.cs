using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FunAsr.Recognizer.Features;

/// <summary>
/// Power spectrum of a real frame of power-of-two length N: the frame is packed into a complex sequence of N/2
/// points (even samples real, odd imaginary), transformed with an iterative radix-2 FFT in split (re/im) layout
/// whose butterflies are <see cref="Vector{T}"/>-wide from the stage where they fit, then unpacked into the N/2+1 bins.
/// One instance owns its scratch buffers and is not thread-safe; <see cref="FbankExtractor"/> makes one per call.
/// </summary>
internal sealed class RealFft
{
    private readonly int _size;
    private readonly int _half;
    private readonly int[] _bitReversed;
    private readonly float[] _stageCos;
    private readonly float[] _stageSin;
    private readonly float[] _unpackCos;
    private readonly float[] _unpackSin;
    private readonly float[] _re;
    private readonly float[] _im;

    /// <summary>Prepares tables for frames of <paramref name="size"/> samples (a power of two, at least 4).</summary>
    public RealFft(int size)
    {
        var tables = FftTables.For(size);
        _size = size;
        _half = size / 2;
        (_bitReversed, _stageCos, _stageSin, _unpackCos, _unpackSin) = (tables.BitReversed, tables.StageCos, tables.StageSin, tables.UnpackCos, tables.UnpackSin);
        _re = new float[_half];
        _im = new float[_half];
    }

    /// <summary>Writes <c>|X[k]|²</c> for k = 0…N/2 of the real <paramref name="frame"/> (N samples) into <paramref name="power"/>.</summary>
    public void PowerSpectrum(ReadOnlySpan<float> frame, Span<float> power)
    {
        if (frame.Length != _size || power.Length < _half + 1)
            throw new ArgumentException($"frame must have {_size} samples and power room for {_half + 1} bins.");
        for (int i = 0; i < _half; i++)
        {
            int source = _bitReversed[i];
            _re[i] = frame[2 * source];
            _im[i] = frame[2 * source + 1];
        }

        Transform();

        // X[k] = (Z[k] + conj Z[M−k])/2 − i·e^{−2πik/N}·(Z[k] − conj Z[M−k])/2, with M = N/2 and Z[M] = Z[0].
        for (int k = 0; k <= _half; k++)
        {
            int a = k == _half ? 0 : k, b = k == 0 ? 0 : _half - k;
            float evenRe = 0.5f * (_re[a] + _re[b]), evenIm = 0.5f * (_im[a] - _im[b]);
            float oddRe = 0.5f * (_im[a] + _im[b]), oddIm = -0.5f * (_re[a] - _re[b]);
            float c = _unpackCos[k], s = _unpackSin[k];
            float re = evenRe + oddRe * c - oddIm * s;
            float im = evenIm + oddRe * s + oddIm * c;
            power[k] = re * re + im * im;
        }
    }

    private void Transform()
    {
        Span<float> re = _re, im = _im;
        int width = Vector<float>.Count;
        for (int h = 1; h < _half; h *= 2)
        {
            var cos = _stageCos.AsSpan(h - 1, h);
            var sin = _stageSin.AsSpan(h - 1, h);
            for (int start = 0; start < _half; start += 2 * h)
            {
                int j = 0;
                if (h >= width)
                {
                    for (; j < h; j += width)
                    {
                        var wr = Load(cos, j);
                        var wi = Load(sin, j);
                        var br = Load(re, start + h + j);
                        var bi = Load(im, start + h + j);
                        var tr = br * wr - bi * wi;
                        var ti = br * wi + bi * wr;
                        var ar = Load(re, start + j);
                        var ai = Load(im, start + j);
                        Store(ar - tr, re, start + h + j);
                        Store(ai - ti, im, start + h + j);
                        Store(ar + tr, re, start + j);
                        Store(ai + ti, im, start + j);
                    }
                }

                for (; j < h; j++)
                {
                    float wr = cos[j], wi = sin[j];
                    int p = start + j, q = p + h;
                    float tr = re[q] * wr - im[q] * wi;
                    float ti = re[q] * wi + im[q] * wr;
                    re[q] = re[p] - tr;
                    im[q] = im[p] - ti;
                    re[p] += tr;
                    im[p] += ti;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(Span<float> span, int index) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<float> value, Span<float> span, int index) =>
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
}
