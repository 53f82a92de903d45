using FunAsr.Recognizer;
namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>recognizer:</c> section: which model, on which device, in which batches, and who speaks on which channel.</summary>
internal sealed class RecognizerSettings
{
    /// <summary>Model folder; null uses the bundled demo model (else <c>models/test-tiny</c>).</summary>
    public string? ModelDir { get; set; }

    /// <summary><c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, <c>tensorrt</c> or <c>tensorrt:N</c>.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Where TensorRT caches its engines (device <c>tensorrt:N</c>); null uses <c>FUNASR_TENSORRT_CACHE</c>,
    /// else <c>~/.cache/funasr-pipeline/tensorrt</c>.</summary>
    public string? TensorrtCacheDir { get; set; }

    /// <summary><c>auto</c>, <c>zh</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "auto";

    /// <summary>Speech segments recognized together in one model run.</summary>
    public int BatchSize { get; set; } = 4;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose. Idle threads sleep rather than spin.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>ONNX Runtime inter-op threads (independent operators side by side); 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>Fun-ASR-Nano LLM models only: the most tokens written per segment.</summary>
    public int MaxNewTokens { get; set; } = 512;

    /// <summary>
    /// Speaker of each channel in channel order; a recording's <c>channel_roles</c> metadata wins. Null uses
    /// <c>[agent, customer]</c> (agent left, customer right), and a mono recording's one speaker is <c>speaker</c>.
    /// </summary>
    public List<string>? ChannelRoles { get; set; }

    /// <summary>Voice activity detection: <c>auto</c>, <c>silero</c>, <c>energy</c>, <c>fsmn</c> (with <see cref="VadModelDir"/>) or <c>off</c>.</summary>
    public string Vad { get; set; } = VadOptions.Default.Method;

    /// <summary>The FSMN-VAD folder for <c>vad: fsmn</c> (or a silero file for <c>silero</c>); null searches for silero.</summary>
    public string? VadModelDir { get; set; }

    /// <summary>The command line's <c>--threads</c> and <c>--inter-op-threads</c>, when given, win over the file.</summary>
    public void OverrideThreads(int? intraOp, int? interOp)
    {
        IntraOpThreads = intraOp ?? IntraOpThreads;
        InterOpThreads = interOp ?? InterOpThreads;
    }

    public IEnumerable<string> Validate()
    {
        if (!OnnxRuntimeInfo.IsValidDevice(Device))
            yield return $"recognizer.device: '{Device}' is not valid: {OnnxRuntimeInfo.AcceptedDevices}";
        if (Language is not ("auto" or "zh" or "en"))
            yield return $"recognizer.language: '{Language}' is not one of auto, zh, en";
        if (BatchSize < 1)
            yield return $"recognizer.batch_size: must be at least 1 (got {BatchSize})";
        if (IntraOpThreads < 0)
            yield return $"recognizer.intra_op_threads: must be 0 (automatic) or more (got {IntraOpThreads})";
        if (InterOpThreads < 0)
            yield return $"recognizer.inter_op_threads: must be 0 (automatic) or more (got {InterOpThreads})";
        if (MaxNewTokens < 1)
            yield return $"recognizer.max_new_tokens: must be at least 1 (got {MaxNewTokens})";
        if (ChannelRoles is { Count: 0 })
            yield return "recognizer.channel_roles: must name at least one speaker (e.g. [agent, customer]); leave it out for the default";
        for (var i = 0; i < (ChannelRoles?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(ChannelRoles![i]))
                yield return $"recognizer.channel_roles[{i}]: the speaker of channel {i} is empty";
        }
        if (Vad is not ("auto" or "silero" or "energy" or "fsmn" or "off"))
            yield return $"recognizer.vad: '{Vad}' is not one of auto, silero, energy, fsmn, off";
        if (Vad == "fsmn" && VadModelDir is null)
            yield return "recognizer.vad_model_dir: vad fsmn needs the FSMN-VAD folder (model.onnx, am.mvn, config.yaml)";
        if (ModelDir is not null && !Directory.Exists(ModelDir))
            yield return $"recognizer.model_dir: folder '{Path.GetFullPath(ModelDir)}' does not exist";
    }
}
