using System.Numerics;
using System.Runtime.Intrinsics;
using FunAsr.Recognizer.Features;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// The STFT magnitudes the specialized silero file reads (<see cref="SileroSpecializedFile"/>): each window
/// reflect-padded on both sides, cut into <see cref="FramesPerWindow"/> frames a hop apart, times a periodic Hann
/// window, the magnitude of its FFT. The file's own STFT was a product with the windowed DFT's matrix (256 × 258 at
/// 16 kHz), a third of a run; the FFT does a tenth of that arithmetic. A window's frames are the lanes of one
/// <see cref="Vector256{T}"/>, so each butterfly transforms all of them at once and each bin's magnitudes are one
/// store into the bin-major layout the file reads. One instance owns its scratch buffers and is not thread-safe.
/// </summary>
internal sealed class SileroSpectrum
{
    /// <summary>Frames per window: the lanes of a <see cref="Vector256{T}"/>, which silero's framing gives at 16 kHz.</summary>
    public const int FramesPerWindow = 8;

    private readonly int _windowSamples;
    private readonly int _hop;
    private readonly int _pad;
    private readonly int _half;
    private readonly float _logScale;
    private readonly float[] _hann;
    private readonly int[] _bitReversed;
    private readonly float[] _stageCos;
    private readonly float[] _stageSin;
    private readonly float[] _unpackCos;
    private readonly float[] _unpackSin;
    private readonly float[] _padded;
    private readonly Vector256<float>[] _re;
    private readonly Vector256<float>[] _im;

    /// <summary>The spectrum a file wants (<paramref name="framing"/>): FFT size (a power of two), frames a hop apart over
    /// <paramref name="windowSamples"/> samples reflect-padded on each side, and the scale of its log spectrum. Throws
    /// <see cref="ArgumentException"/> with <see cref="FramingProblem"/>'s reason when it has one.</summary>
    public SileroSpectrum(SileroSpectrumFraming framing, int windowSamples)
    {
        if (FramingProblem(framing, windowSamples) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var (fftSize, hop, pad) = (framing.FftSize, framing.Hop, framing.ReflectPad);
        _logScale = framing.LogScale;
        (_windowSamples, _hop, _pad, _half) = (windowSamples, hop, pad, fftSize / 2);
        _hann = new float[fftSize];
        for (var n = 0; n < fftSize; n++)
        {
            _hann[n] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * n / fftSize));
        }

        var tables = FftTables.For(fftSize);
        (_bitReversed, _stageCos, _stageSin, _unpackCos, _unpackSin) = (tables.BitReversed, tables.StageCos, tables.StageSin, tables.UnpackCos, tables.UnpackSin);
        _padded = new float[windowSamples + 2 * pad];
        _re = new Vector256<float>[_half];
        _im = new Vector256<float>[_half];
    }

    /// <summary>Why <paramref name="framing"/> cannot be computed here (it does not cut a window of
    /// <paramref name="windowSamples"/> into <see cref="FramesPerWindow"/> whole frames of a power-of-two size), or null.</summary>
    public static string? FramingProblem(SileroSpectrumFraming framing, int windowSamples)
    {
        var (fftSize, hop, pad) = (framing.FftSize, framing.Hop, framing.ReflectPad);
        var span = windowSamples + 2 * pad - fftSize;
        return fftSize < 4 || !BitOperations.IsPow2(fftSize) || hop <= 0 || pad < 0 || pad >= windowSamples || span < 0
            || span % hop != 0 || span / hop + 1 != FramesPerWindow
            ? $"FFT size {fftSize}, hop {hop} and reflect pad {pad} do not cut a {windowSamples}-sample window into {FramesPerWindow} frames."
            : null;
    }

    /// <summary>Magnitudes per frame: FFT size / 2 + 1.</summary>
    public int Bins => _half + 1;

    /// <summary>Writes the magnitudes of <paramref name="window"/>'s frames, bin by bin (the <see cref="FramesPerWindow"/>
    /// of bin k from <paramref name="magnitudes"/>[k × <paramref name="binStride"/>]), and at the same places in
    /// <paramref name="logs"/> their log(1 + scale × magnitude).</summary>
    public void Compute(ReadOnlySpan<float> window, Span<float> magnitudes, Span<float> logs, int binStride = FramesPerWindow)
    {
        var needed = (Bins - 1) * binStride + FramesPerWindow;
        if (window.Length != _windowSamples || binStride < FramesPerWindow || magnitudes.Length < needed || logs.Length < needed)
        {
            throw new ArgumentException($"a window has {_windowSamples} samples and room for {Bins} bins {binStride} apart of {FramesPerWindow} magnitudes.");
        }

        var padded = _padded.AsSpan();
        for (var i = 0; i < _pad; i++)
        {
            padded[i] = window[_pad - i];
            padded[_pad + _windowSamples + i] = window[_windowSamples - 2 - i];
        }

        window.CopyTo(padded[_pad..]);

        // The frames packed as complex points (even samples real, odd imaginary), in bit-reversed order, one frame per lane.
        var hop = _hop;
        for (var m = 0; m < _half; m++)
        {
            var even = 2 * _bitReversed[m];
            _re[m] = Lanes(padded[even..], hop) * _hann[even];
            _im[m] = Lanes(padded[(even + 1)..], hop) * _hann[even + 1];
        }

        Transform();

        // X[k] = (Z[k] + conj Z[M−k])/2 − i·e^{−2πik/N}·(Z[k] − conj Z[M−k])/2, with M = N/2 and Z[M] = Z[0].
        var halfVector = Vector256.Create(0.5f);
        var scale = Vector256.Create(_logScale);
        for (var k = 0; k <= _half; k++)
        {
            int a = k == _half ? 0 : k, b = k == 0 ? 0 : _half - k;
            var evenRe = halfVector * (_re[a] + _re[b]);
            var evenIm = halfVector * (_im[a] - _im[b]);
            var oddRe = halfVector * (_im[a] + _im[b]);
            var oddIm = halfVector * (_re[b] - _re[a]);
            float c = _unpackCos[k], s = _unpackSin[k];
            var re = evenRe + oddRe * c - oddIm * s;
            var im = evenIm + oddRe * s + oddIm * c;
            var magnitude = Vector256.Sqrt(re * re + im * im);
            magnitude.CopyTo(magnitudes.Slice(k * binStride, FramesPerWindow));
            Vector256.Log(Vector256<float>.One + scale * magnitude).CopyTo(logs.Slice(k * binStride, FramesPerWindow));
        }
    }

    /// <summary>The sample at <paramref name="samples"/>[0] of each frame: one every <paramref name="hop"/>.</summary>
    private static Vector256<float> Lanes(ReadOnlySpan<float> samples, int hop) =>
        Vector256.Create(samples[0], samples[hop], samples[2 * hop], samples[3 * hop], samples[4 * hop], samples[5 * hop], samples[6 * hop], samples[7 * hop]);

    private void Transform()
    {
        var re = _re.AsSpan();
        var im = _im.AsSpan();
        for (var h = 1; h < _half; h *= 2)
        {
            for (var start = 0; start < _half; start += 2 * h)
            {
                for (var j = 0; j < h; j++)
                {
                    // RealFft's butterfly, on the 8 frames at once.
                    float wr = _stageCos[h - 1 + j], wi = _stageSin[h - 1 + j];
                    int p = start + j, q = p + h;
                    var (tr, ti) = (re[q] * wr - im[q] * wi, re[q] * wi + im[q] * wr);
                    (re[q], im[q], re[p], im[p]) = (re[p] - tr, im[p] - ti, re[p] + tr, im[p] + ti);
                }
            }
        }
    }
}
