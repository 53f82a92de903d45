using FunAsr.Recognizer.Features;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    /// <summary>
    /// One segment's model input: Kaldi fbank (SenseVoice settings; samples scaled by 32768 unless the model says
    /// <c>normalize_samples</c>), LFR stacking, then CMVN. Row-major [frames, 560]; empty when the segment is shorter
    /// than one 25 ms frame.
    /// </summary>
    private float[] ComputeFeatures(ReadOnlySpan<float> samples)
    {
        var fbank = _fbank.Compute(samples);
        if (fbank.Length == 0)
        {
            return [];
        }

        var features = _lfr.Apply(fbank, _fbank.MelBins);
        Model.Cmvn.ApplyInPlace(features);
        return features;
    }

    private static FbankExtractor CreateFbank(Models.ModelInfo info) => new(info.Fbank with
    {
        MelBins = info.MelBins,
        SampleScale = info.NormalizeSamples ? 1f : FbankOptions.Default.SampleScale,
    });
}
