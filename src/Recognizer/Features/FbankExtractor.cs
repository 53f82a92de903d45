using System.Numerics.Tensors;

namespace FunAsr.Recognizer.Features;

/// <summary>
/// Kaldi-compatible log-mel filter bank (<c>compute-fbank-feats</c>, <c>torchaudio.compliance.kaldi.fbank</c>,
/// kaldi-native-fbank as used by sherpa-onnx and FunASR). For each 25 ms frame every 10 ms (whole frames only):
/// scale to 16-bit amplitude, remove the DC offset, pre-emphasise, window, zero-pad to 512, power spectrum,
/// 80 mel filters, then <c>ln(max(energy, ε))</c>. Output is row-major <c>[frames, MelBins]</c>.
/// Thread-safe: each call uses its own scratch buffers. The steps are vectorised with <see cref="TensorPrimitives"/>.
/// </summary>
internal sealed class FbankExtractor
{
    private readonly MelFilterBank _melBank;
    private readonly float[] _window;

    /// <summary>Creates an extractor; <paramref name="options"/> defaults to <see cref="FbankOptions.Default"/> (SenseVoice).</summary>
    public FbankExtractor(FbankOptions? options = null)
    {
        Options = options ?? FbankOptions.Default;
        if (Options.FrameLengthSamples < 2 || Options.FrameShiftSamples < 1)
            throw new ArgumentException($"FbankOptions: frame length {Options.FrameLength} and shift {Options.FrameShift} are too short at {Options.SampleRateHz} Hz.");
        if (Options.FftSize < Options.FrameLengthSamples || !System.Numerics.BitOperations.IsPow2(Options.FftSize))
            throw new ArgumentException($"FbankOptions: RoundToPowerOfTwo = false needs a power-of-two frame length, not {Options.FrameLengthSamples} samples.");
        _melBank = new MelFilterBank(Options);
        _window = BuildWindow(Options.Window, Options.FrameLengthSamples);
    }

    /// <summary>The settings in use.</summary>
    public FbankOptions Options { get; }

    /// <summary>Values per output frame (<see cref="FbankOptions.MelBins"/>).</summary>
    public int MelBins => Options.MelBins;

    /// <summary>Frames produced for <paramref name="sampleCount"/> samples: <c>1 + (N − length) / shift</c>, or 0 if shorter
    /// than one frame; without <see cref="FbankOptions.SnipEdges"/>, <c>(N + shift/2) / shift</c>.</summary>
    public int FrameCount(int sampleCount) =>
        !Options.SnipEdges ? (sampleCount + Options.FrameShiftSamples / 2) / Options.FrameShiftSamples
        : sampleCount < Options.FrameLengthSamples ? 0 : 1 + (sampleCount - Options.FrameLengthSamples) / Options.FrameShiftSamples;

    /// <summary>Computes the features of <paramref name="samples"/> (in [-1, 1] at <see cref="FbankOptions.SampleRateHz"/>).</summary>
    /// <returns>Row-major <c>[FrameCount(samples.Length), MelBins]</c>.</returns>
    public float[] Compute(ReadOnlySpan<float> samples)
    {
        var features = new float[FrameCount(samples.Length) * MelBins];
        Compute(samples, features);
        return features;
    }

    /// <summary>Computes the features of <paramref name="samples"/> into <paramref name="destination"/> (row-major <c>[frames, MelBins]</c>).</summary>
    public void Compute(ReadOnlySpan<float> samples, Span<float> destination)
    {
        int frames = FrameCount(samples.Length);
        if (destination.Length < frames * MelBins)
            throw new ArgumentException($"destination needs {frames * MelBins} values for {frames} frames.", nameof(destination));
        int length = Options.FrameLengthSamples, shift = Options.FrameShiftSamples;
        var fft = new RealFft(Options.FftSize);
        var frame = new float[length];
        var padded = new float[Options.FftSize];
        var power = new float[Options.FftSize / 2 + 1];
        float k = Options.PreemphasisCoefficient;
        for (int f = 0; f < frames; f++)
        {
            var first = Options.SnipEdges ? f * shift : f * shift + shift / 2 - length / 2;
            if (first >= 0 && first + length <= samples.Length)
            {
                TensorPrimitives.Multiply(samples.Slice(first, length), Options.SampleScale, frame);
            }
            else
            {
                ReflectedFrame(samples, first, frame);
                TensorPrimitives.Multiply(frame, Options.SampleScale, frame);
            }

            if (Options.RemoveDcOffset)
                TensorPrimitives.Subtract(frame, TensorPrimitives.Sum(frame) / length, frame);

            // padded[i] = frame[i] − k·frame[i−1] for i ≥ 1, and frame[0]·(1 − k): Kaldi's "x[−1] = x[0]".
            if (k != 0)
            {
                TensorPrimitives.MultiplyAdd(frame.AsSpan(0, length - 1), -k, frame.AsSpan(1), padded.AsSpan(1, length - 1));
                padded[0] = frame[0] - k * frame[0];
            }
            else
            {
                frame.CopyTo(padded, 0);
            }

            TensorPrimitives.Multiply(padded.AsSpan(0, length), _window, padded.AsSpan(0, length));
            fft.PowerSpectrum(padded, power);
            var row = destination.Slice(f * MelBins, MelBins);
            _melBank.Apply(power, row);
            TensorPrimitives.Max(row, Options.LogFloor, row);
            TensorPrimitives.Log(row, row);
        }
    }

    /// <summary>Kaldi's <c>ExtractWindow</c> for a frame reaching past either end: indices mirror back into the signal.</summary>
    private static void ReflectedFrame(ReadOnlySpan<float> samples, int first, Span<float> frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            int s = first + i;
            while (s < 0 || s >= samples.Length)
                s = s < 0 ? -s - 1 : 2 * samples.Length - 1 - s;
            frame[i] = samples[s];
        }
    }

    private static float[] BuildWindow(FbankWindow type, int length)
    {
        var window = new float[length];
        double a = 2 * Math.PI / (length - 1);
        for (int i = 0; i < length; i++)
        {
            window[i] = type switch
            {
                FbankWindow.Hamming => (float)(0.54 - 0.46 * Math.Cos(a * i)),
                FbankWindow.Hanning => (float)(0.5 - 0.5 * Math.Cos(a * i)),
                FbankWindow.Povey => (float)Math.Pow(0.5 - 0.5 * Math.Cos(a * i), 0.85),
                FbankWindow.Rectangular => 1f,
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown window"),
            };
        }

        return window;
    }
}
