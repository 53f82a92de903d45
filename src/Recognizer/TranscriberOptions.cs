namespace FunAsr.Recognizer;

/// <summary>Settings of a <see cref="Transcriber"/>.</summary>
public sealed record TranscriberOptions
{
    /// <summary>Model directory (model.onnx + tokens.txt, or a FunASR export with tokens.json + am.mvn).</summary>
    /// <value><c>FUNASR_MODEL_DIR</c> when set, else the bundled <c>models/demo-callcentre</c>, else <c>models/test-tiny</c>.</value>
    public string ModelDirectory { get; init; } = BundledModels.DefaultDirectory();

    /// <summary><c>auto</c> (CUDA when available, else CPU, logged), <c>cpu</c>, <c>cuda</c>/<c>cuda:N</c> or
    /// <c>tensorrt</c>/<c>tensorrt:N</c> (error when unavailable; TensorRT only when asked for);
    /// <see cref="OnnxRuntimeInfo.IsValidDevice"/> checks a value before loading.</summary>
    /// <value><c>auto</c>.</value>
    public string Device { get; init; } = "auto";

    /// <summary>Language prompt: <c>auto</c>, <c>zh</c>, <c>en</c>, <c>yue</c>, <c>ja</c>, <c>ko</c>.</summary>
    /// <value><c>auto</c>.</value>
    public string Language { get; init; } = "auto";

    /// <summary>Segments padded into one model run (on the CPU only segments of similar length share a run).</summary>
    /// <value>8.</value>
    public int BatchSize { get; init; } = 8;

    /// <summary>Upper bound on batch size × padded frames (model frames of 60 ms) per run, to bound memory.</summary>
    /// <value>6000 (six minutes of audio).</value>
    public int MaxBatchFrames { get; init; } = 6000;

    /// <summary>Longest segment fed to the model; longer channels are cut at the quietest point before this.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan MaxSegmentDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>ONNX Runtime threads inside one operator; 0 lets ORT choose (one per physical core). Idle pool threads
    /// sleep instead of spinning, so spare cores cost no CPU.</summary>
    /// <value>0.</value>
    public int IntraOpThreads { get; init; }

    /// <summary>ONNX Runtime threads running independent operators side by side; 0 lets ORT choose.</summary>
    /// <value>0.</value>
    public int InterOpThreads { get; init; }

    /// <summary>CUDA memory arena limit in bytes; null for no limit.</summary>
    public long? GpuMemoryLimitBytes { get; init; }

    /// <summary>Where TensorRT caches the engines it builds (device <c>tensorrt:N</c> only); null uses
    /// <c>FUNASR_TENSORRT_CACHE</c>, else <c>~/.cache/funasr-pipeline/tensorrt</c>.</summary>
    public string? TensorRtCacheDirectory { get; init; }

    /// <summary>A native ONNX Runtime library of your own (file or folder); null uses <c>ORT_LIBRARY_PATH</c> when set,
    /// else the one the NuGet package put in the application folder.</summary>
    public string? OrtLibraryPath { get; init; }

    /// <summary>Voice activity detection: cuts each channel into speech segments as the recording is read (silero, or
    /// the energy fallback), and gives the call metrics; <see cref="VadOptions.Method"/> <c>off</c> cuts at
    /// <see cref="MaxSegmentDuration"/> instead.</summary>
    /// <value><see cref="VadOptions.Default"/> (method <c>auto</c>).</value>
    public VadOptions Vad { get; init; } = VadOptions.Default;

    /// <summary>Speaker label of each channel (<c>channel_roles</c>); a recording's own roles (sidecar metadata) win.</summary>
    /// <value>null: <see cref="ChannelRoles.Default"/> (agent left, customer right); mono is <c>speaker</c>.</value>
    public IReadOnlyList<string>? ChannelRoles { get; init; }

    /// <summary>Inverse text normalization of each segment; null leaves <see cref="TranscriptSegment.Text"/> in spoken form.</summary>
    public ItnOptions? Itn { get; init; }

    /// <summary>CT-Transformer punctuation inserted into each segment after decoding and before ITN; null writes none.</summary>
    /// <value>null.</value>
    public PunctuationOptions? Punctuation { get; init; }

    /// <summary>Phrases to favour (context-biased prefix beam search); null or no phrases decodes greedily unless a
    /// <see cref="LanguageModel"/> is used.</summary>
    /// <value>null.</value>
    public HotwordOptions? Hotwords { get; init; }

    /// <summary>Fun-ASR-Nano LLM only: the most tokens it writes per segment (sherpa-onnx <c>max_new_tokens</c>).</summary>
    /// <value>512.</value>
    public int MaxNewTokens { get; init; } = 512;

    /// <summary>N-gram language model fused into a prefix beam search; null decodes without one.</summary>
    /// <value><see cref="LanguageModelOptions.Default"/>: the model directory's <c>lm.arpa</c> when it has one.</value>
    public LanguageModelOptions? LanguageModel { get; init; } = LanguageModelOptions.Default;

    /// <summary>Checks the numbers the model loading does not; the message names the option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, $"{nameof(TranscriberOptions)}.{nameof(BatchSize)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchFrames, 1, $"{nameof(TranscriberOptions)}.{nameof(MaxBatchFrames)}");
        if (MaxSegmentDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{nameof(TranscriberOptions)}.{nameof(MaxSegmentDuration)} must be at least 1 s; got {MaxSegmentDuration}.", "options");
        }
    }
}
