namespace FunAsr.Recognizer.Features;

/// <summary>
/// One segment's model input: Kaldi fbank, LFR stacking, then CMVN (FunASR's <c>WavFrontend</c> order). Row-major
/// [frames, mel bins × LFR window]; empty when the segment is shorter than one fbank frame. Thread-safe.
/// </summary>
internal sealed class FeaturePipeline(FbankOptions fbank, Lfr lfr, Cmvn cmvn)
{
    private readonly FbankExtractor _fbank = new(fbank);

    public float[] Compute(ReadOnlySpan<float> samples)
    {
        var frames = _fbank.Compute(samples);
        if (frames.Length == 0)
        {
            return [];
        }

        var features = lfr.Apply(frames, _fbank.MelBins);
        cmvn.ApplyInPlace(features);
        return features;
    }
}
