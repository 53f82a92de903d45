namespace FunAsr.Recognizer.Features;

/// <summary>
/// Low frame rate stacking (FunASR <c>frontend.py::apply_lfr</c>, sherpa-onnx <c>lfr.cc</c>): output frame i is the
/// concatenation of input frames <c>i·Shift − (Size−1)/2 … + Size−1</c>, where indices before 0 read frame 0 (the input is
/// left-padded with (Size−1)/2 copies of it) and indices past the end read the last frame. There are
/// <c>ceil(T / Shift)</c> output frames of <c>Size × dim</c> values. SenseVoice and Paraformer use (7, 6): 80 → 560 dims, 60 ms per frame.
/// Without <c>padEdges</c> (sherpa-onnx's Fun-ASR-Nano LLM path) output frame i is input frames <c>i·Shift … + Size−1</c>
/// and there are <c>(T − Size) / Shift + 1</c> of them (none when T &lt; Size).
/// </summary>
/// <param name="windowSize">Input frames stacked per output frame (<c>lfr_m</c>).</param>
/// <param name="windowShift">Input frames advanced per output frame (<c>lfr_n</c>).</param>
/// <param name="padEdges">Pad as FunASR does (true) or take whole windows only (false).</param>
internal sealed class Lfr(int windowSize = 7, int windowShift = 6, bool padEdges = true)
{
    /// <summary>Input frames stacked per output frame (<c>lfr_m</c>).</summary>
    /// <value>7.</value>
    public int WindowSize { get; } = windowSize > 0 ? windowSize : throw new ArgumentOutOfRangeException(nameof(windowSize));

    /// <summary>Input frames advanced per output frame (<c>lfr_n</c>).</summary>
    /// <value>6.</value>
    public int WindowShift { get; } = windowShift > 0 ? windowShift : throw new ArgumentOutOfRangeException(nameof(windowShift));

    /// <summary>Output frames for <paramref name="inputFrames"/> input frames: <c>ceil(T / WindowShift)</c>, or without edge
    /// padding <c>(T − WindowSize) / WindowShift + 1</c>.</summary>
    public int OutputFrameCount(int inputFrames) =>
        padEdges ? (inputFrames + WindowShift - 1) / WindowShift
        : inputFrames < WindowSize ? 0 : (inputFrames - WindowSize) / WindowShift + 1;

    /// <summary>Stacks row-major <c>[T, featureDim]</c> features into a new <c>[ceil(T/Shift), featureDim·Size]</c> array.</summary>
    public float[] Apply(ReadOnlySpan<float> features, int featureDim)
    {
        var output = new float[OutputFrameCount(features.Length / featureDim) * featureDim * WindowSize];
        Apply(features, featureDim, output);
        return output;
    }

    /// <summary>Stacks row-major <c>[T, featureDim]</c> features into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> features, int featureDim, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureDim);
        if (features.Length % featureDim != 0)
            throw new ArgumentException($"{features.Length} values are not whole frames of {featureDim}.", nameof(features));
        int frames = features.Length / featureDim;
        int outputFrames = OutputFrameCount(frames);
        int outputDim = featureDim * WindowSize;
        if (destination.Length < outputFrames * outputDim)
            throw new ArgumentException($"destination needs {outputFrames * outputDim} values.", nameof(destination));
        int leftPad = padEdges ? (WindowSize - 1) / 2 : 0;
        for (int i = 0; i < outputFrames; i++)
        {
            var row = destination.Slice(i * outputDim, outputDim);
            for (int j = 0; j < WindowSize; j++)
            {
                int source = Math.Clamp(i * WindowShift - leftPad + j, 0, frames - 1);
                features.Slice(source * featureDim, featureDim).CopyTo(row.Slice(j * featureDim, featureDim));
            }
        }
    }
}
