namespace FunAsr.Recognizer.Features;

/// <summary>
/// Settings of the Kaldi-compatible log-mel filter bank (<c>kaldi/src/feat/feature-fbank.h</c>,
/// <c>feature-window.h</c>, <c>mel-computations.h</c>; <c>torchaudio.compliance.kaldi.fbank</c>). The defaults are the
/// SenseVoice/Paraformer front end (FunASR <c>WavFrontend</c>, sherpa-onnx <c>InitFeatConfig</c>). <c>dither = 0</c> is
/// fixed rather than configurable (deterministic output; FunASR's own default of 1.0 is random), and <c>use_energy</c> is false.
/// </summary>
internal sealed record FbankOptions
{
    /// <summary>The SenseVoice front end.</summary>
    public static FbankOptions Default { get; } = new();

    /// <summary>Sample rate the extractor expects (Kaldi <c>sample_frequency</c>).</summary>
    /// <value>16000.</value>
    public int SampleRateHz { get; init; } = 16000;

    /// <summary>Number of triangular mel filters (Kaldi <c>num_mel_bins</c>).</summary>
    /// <value>80.</value>
    public int MelBins { get; init; } = 80;

    /// <summary>Frame length (Kaldi <c>frame_length</c>, in ms there): 400 samples at 16 kHz.</summary>
    /// <value>25 ms.</value>
    public TimeSpan FrameLength { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Frame shift (Kaldi <c>frame_shift</c>): 160 samples at 16 kHz.</summary>
    /// <value>10 ms.</value>
    public TimeSpan FrameShift { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Window function (Kaldi <c>window_type</c>; Kaldi's default is povey, SenseVoice overrides it).</summary>
    /// <value><see cref="FbankWindow.Hamming"/>.</value>
    public FbankWindow Window { get; init; } = FbankWindow.Hamming;

    /// <summary>Pre-emphasis <c>x[i] −= k·x[i−1]</c>, with <c>x[−1] = x[0]</c> (Kaldi <c>preemphasis_coefficient</c>).</summary>
    /// <value>0.97.</value>
    public float PreemphasisCoefficient { get; init; } = 0.97f;

    /// <summary>Subtract each frame's mean before pre-emphasis (Kaldi <c>remove_dc_offset</c>).</summary>
    /// <value>true.</value>
    public bool RemoveDcOffset { get; init; } = true;

    /// <summary>
    /// Zero-pad each frame to the next power of two for the FFT (Kaldi <c>round_to_power_of_two</c>): 400 → 512.
    /// Our FFT is radix-2, so false is only accepted when the frame length is already a power of two.
    /// </summary>
    /// <value>true.</value>
    public bool RoundToPowerOfTwo { get; init; } = true;

    /// <summary>
    /// Kaldi <c>snip_edges</c>: true keeps only whole frames (<c>1 + (N − frame) / shift</c> of them); false centres frame
    /// f on sample <c>f·shift + shift/2</c>, gives <c>(N + shift/2) / shift</c> frames and reflects the signal at its ends
    /// (the Fun-ASR-Nano LLM front end in sherpa-onnx).
    /// </summary>
    /// <value>true.</value>
    public bool SnipEdges { get; init; } = true;

    /// <summary>Lower edge of the first mel filter (Kaldi <c>low_freq</c>).</summary>
    /// <value>20 Hz.</value>
    public double LowFrequencyHz { get; init; } = 20;

    /// <summary>Upper edge of the last mel filter; zero or negative means that much below Nyquist (Kaldi <c>high_freq</c>).</summary>
    /// <value>0, i.e. Nyquist (8 kHz at 16 kHz).</value>
    public double HighFrequencyHz { get; init; }

    /// <summary>
    /// Factor applied to samples in [-1, 1] before anything else. Kaldi-trained models (SenseVoice, metadata
    /// <c>normalize_samples = 0</c>) expect 16-bit integer amplitudes.
    /// </summary>
    /// <value>32768.</value>
    public float SampleScale { get; init; } = 32768f;

    /// <summary>Floor applied to each mel energy before the log: float epsilon, as Kaldi and torchaudio do.</summary>
    /// <value>1.1920929E-07 (<c>std::numeric_limits&lt;float&gt;::epsilon()</c>).</value>
    public float LogFloor { get; init; } = 1.1920929E-07f;

    /// <summary>Frame length in samples.</summary>
    public int FrameLengthSamples => (int)(SampleRateHz * FrameLength.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>Frame shift in samples.</summary>
    public int FrameShiftSamples => (int)(SampleRateHz * FrameShift.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>FFT size: the frame length, rounded up to a power of two when <see cref="RoundToPowerOfTwo"/>.</summary>
    public int FftSize => RoundToPowerOfTwo ? (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)FrameLengthSamples) : FrameLengthSamples;
}
