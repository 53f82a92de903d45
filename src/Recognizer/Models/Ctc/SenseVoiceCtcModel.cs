using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Features;
using FunAsr.Recognizer.Onnx;
using Microsoft.ML.OnnxRuntime;
using OnnxRuntimeException = FunAsr.Recognizer.OnnxRuntimeException;

namespace FunAsr.Recognizer.Models.Ctc;

/// <summary>
/// SenseVoice-format CTC models (<c>model_type</c> <c>sense_voice_ctc</c>) in either export, told apart by input names:
/// sherpa-onnx (<c>x</c> float [N,T,560], <c>x_length</c> int32 [N], <c>language</c> int32 [N], <c>text_norm</c> int32 [N]
/// → <c>logits</c> [N,T+4,V]; settings in metadata) or FunASR (<c>speech</c>, <c>speech_lengths</c>, <c>language</c>,
/// <c>textnorm</c> → <c>ctc_logits</c> [N,T+4,V], <c>encoder_out_lens</c> int32 [N]; CMVN from am.mvn, tokens.json); and the
/// Fun-ASR-Nano CTC export (<c>x</c> [1,T,560] → <c>logits</c> [1,T,V], a metadata <c>comment</c> naming Nano; see
/// <see cref="ModelExport.NanoCtc"/>). See ../shared/spec/recognizer.md §1 and funasr-family.md §3.
/// </summary>
internal sealed class SenseVoiceCtcModel : IAcousticModel
{
    public const string ModelType = "sense_voice_ctc";

    private static readonly string[] s_sherpaInputs = ["x", "x_length", "language", "text_norm"];
    private static readonly string[] s_funAsrInputs = ["speech", "speech_lengths", "language", "textnorm"];
    private static readonly string[] s_nanoInputs = ["x"];
    private static readonly Dictionary<string, int> s_defaultLanguageIds = new(StringComparer.Ordinal)
    {
        ["auto"] = 0, ["zh"] = 3, ["en"] = 4, ["yue"] = 7, ["ja"] = 11, ["ko"] = 12, ["nospeech"] = 13,
    };

    private readonly OrtDeviceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private SenseVoiceCtcModel(OrtDeviceSession session, ModelInfo info, string[] inputNames, string[] outputNames)
    {
        _session = session;
        Info = info;
        _inputNames = inputNames;
        _outputNames = outputNames;
    }

    public ModelInfo Info { get; }

    public string Device => _session.Device;

    public int CpuFallbacks => _session.CpuFallbacks;

    /// <summary>The export whose input names <paramref name="inputs"/> has, or null.</summary>
    public static ModelExport? DetectExport(IReadOnlyList<OrtNodeInfo> inputs)
    {
        var names = inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return names.SetEquals(s_sherpaInputs) ? ModelExport.SherpaOnnx
            : names.SetEquals(s_funAsrInputs) ? ModelExport.FunAsr
            : null;
    }

    /// <summary>Adapts an open session; validates inputs, outputs, metadata and the token table against each other.</summary>
    /// <exception cref="ModelLoadException">Names the file and the input, output or key at fault.</exception>
    public static SenseVoiceCtcModel Open(ModelFiles files, OrtDeviceSession session, TokenTable tokens)
    {
        var onnx = session.Session;
        if (onnx.Metadata.TryGetValue("comment", out var comment) && comment.Contains("Nano", StringComparison.Ordinal))
        {
            return OpenNano(files, session, tokens);
        }

        var export = DetectExport(onnx.Inputs) ?? throw new ModelLoadException(files.ModelPath,
            $"inputs are ({string.Join(", ", onnx.Inputs)}); a SenseVoice CTC model needs either " +
            $"({string.Join(", ", s_sherpaInputs)}) as written by sherpa-onnx's export-onnx.py, or " +
            $"({string.Join(", ", s_funAsrInputs)}) as written by FunASR's export.");
        var metadata = new ModelMetadata(files.ModelPath, onnx.Metadata);
        var info = export == ModelExport.SherpaOnnx ? SherpaInfo(files, metadata) : FunAsrInfo(files, tokens);
        var outputs = export == ModelExport.SherpaOnnx ? new[] { "logits" } : ["ctc_logits", "encoder_out_lens"];
        var missing = outputs.Where(o => onnx.Outputs.All(n => n.Name != o)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelLoadException(files.ModelPath,
                $"output {string.Join(", ", missing)} is missing (outputs: {string.Join(", ", onnx.Outputs)}).");
        }

        if (tokens.Count != info.VocabSize)
        {
            throw new ModelLoadException(tokens.Path, $"has {tokens.Count} tokens but the model's vocabulary size is {info.VocabSize}.", "vocab_size");
        }

        var inputNames = export == ModelExport.SherpaOnnx ? s_sherpaInputs : s_funAsrInputs;
        return new SenseVoiceCtcModel(session, info, inputNames, outputs);
    }

    public LogitsBatch Run(FeatureBatch features, CancellationToken ct = default)
    {
        if (Info.Export == ModelExport.NanoCtc)
        {
            return RunNano(features, ct);
        }

        var n = features.BatchSize;
        var memory = OrtMemoryInfo.DefaultInstance;
        using var x = OrtValue.CreateTensorValueFromMemory(memory, features.Features.AsMemory(), [n, features.Frames, features.Dim]);
        using var lengths = OrtValue.CreateTensorValueFromMemory(memory, features.Lengths.AsMemory(), [n]);
        using var languages = OrtValue.CreateTensorValueFromMemory(memory, features.LanguageIds.AsMemory(), [n]);
        using var textNorms = OrtValue.CreateTensorValueFromMemory(memory, features.TextNormIds.AsMemory(), [n]);
        using var outputs = _session.Run(
            [(_inputNames[0], x), (_inputNames[1], lengths), (_inputNames[2], languages), (_inputNames[3], textNorms)],
            _outputNames, ct);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        if (shape.Length != 3 || shape[0] != n || shape[2] != Info.VocabSize)
        {
            throw new OnnxRuntimeException(
                $"{Info.ModelPath}: output {_outputNames[0]} has shape [{string.Join(",", shape)}]; expected [{n},T+4,{Info.VocabSize}].");
        }

        var frames = (int)shape[1];
        var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var outLengths = new int[n];
        var reported = outputs.Count > 1 ? outputs[1].GetTensorDataAsSpan<int>() : default;
        for (var i = 0; i < n; i++)
        {
            var length = outputs.Count > 1 ? reported[i] : features.Lengths[i] + Info.PromptFrames;
            outLengths[i] = Math.Clamp(length, 0, frames);
        }

        return new LogitsBatch(logits, outLengths, frames, Info.VocabSize);
    }

    public void Dispose() => _session.Dispose();

    private static SenseVoiceCtcModel OpenNano(ModelFiles files, OrtDeviceSession session, TokenTable tokens)
    {
        var onnx = session.Session;
        if (onnx.Inputs.Count != 1 || onnx.Inputs[0].Name != s_nanoInputs[0] || onnx.Outputs.All(o => o.Name != "logits"))
        {
            throw new ModelLoadException(files.ModelPath,
                $"metadata names a Fun-ASR-Nano CTC export, whose only input is x float[1,T,560] and output logits; this file has inputs ({string.Join(", ", onnx.Inputs)}) and outputs ({string.Join(", ", onnx.Outputs)}).");
        }

        var metadata = new ModelMetadata(files.ModelPath, onnx.Metadata);
        var window = metadata.Int("lfr_window_size");
        var info = new ModelInfo
        {
            ModelType = ModelType,
            ModelId = files.ModelId,
            ModelPath = files.ModelPath,
            Export = ModelExport.NanoCtc,
            VocabSize = metadata.Int("vocab_size"),
            BlankId = metadata.Int("blank_id"),
            LfrWindowSize = window,
            LfrWindowShift = metadata.Int("lfr_window_shift"),
            NormalizeSamples = metadata.Int("normalize_samples") != 0,
            Cmvn = Cmvn.None(80 * window),
            LanguageIds = s_defaultLanguageIds,
            PromptFrames = 0,
            SupportsBatch = false,
            Base64Tokens = true,
        };
        if (tokens.Count != info.VocabSize)
        {
            throw new ModelLoadException(tokens.Path, $"has {tokens.Count} tokens but the model's vocabulary size is {info.VocabSize}.", "vocab_size");
        }

        return new SenseVoiceCtcModel(session, info, [.. s_nanoInputs], ["logits"]);
    }

    /// <summary>The Nano CTC export has a static batch of 1: each item runs alone and is padded into the batch's logits.</summary>
    private LogitsBatch RunNano(FeatureBatch features, CancellationToken ct)
    {
        var n = features.BatchSize;
        var vocab = Info.VocabSize;
        var logits = new float[n * features.Frames * vocab];
        var lengths = new int[n];
        for (var i = 0; i < n; i++)
        {
            var frames = features.Lengths[i];
            var item = features.Features.AsMemory(i * features.Frames * features.Dim, frames * features.Dim);
            using var x = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, item, [1, frames, features.Dim]);
            using var outputs = _session.Run([(_inputNames[0], x)], _outputNames, ct);
            var output = outputs[0].GetTensorDataAsSpan<float>();
            lengths[i] = Math.Min(output.Length / vocab, features.Frames);
            output[..(lengths[i] * vocab)].CopyTo(logits.AsSpan(i * features.Frames * vocab));
        }

        return new LogitsBatch(logits, lengths, features.Frames, vocab);
    }

    private static ModelInfo SherpaInfo(ModelFiles files, ModelMetadata metadata)
    {
        var window = metadata.Int("lfr_window_size");
        var cmvn = Cmvn.FromMetadata(metadata.Required("neg_mean"), metadata.Required("inv_stddev"), files.ModelPath);
        if (cmvn.Dimension != 80 * window)
        {
            throw new ModelLoadException(files.ModelPath, $"ONNX metadata neg_mean/inv_stddev have {cmvn.Dimension} values; expected 80 × lfr_window_size = {80 * window}.", "neg_mean");
        }

        var languages = new Dictionary<string, int>(s_defaultLanguageIds, StringComparer.Ordinal);
        foreach (var language in s_defaultLanguageIds.Keys)
        {
            languages[language] = metadata.Int("lang_" + language, s_defaultLanguageIds[language]);
        }

        return new ModelInfo
        {
            ModelType = ModelType,
            ModelId = files.ModelId,
            ModelPath = files.ModelPath,
            Export = ModelExport.SherpaOnnx,
            VocabSize = metadata.Int("vocab_size"),
            BlankId = metadata.Int("blank_id", 0),
            LfrWindowSize = window,
            LfrWindowShift = metadata.Int("lfr_window_shift"),
            NormalizeSamples = metadata.Int("normalize_samples", 0) != 0,
            Cmvn = cmvn,
            LanguageIds = languages,
            WithItnId = metadata.Int("with_itn", 14),
            WithoutItnId = metadata.Int("without_itn", 15),
        };
    }

    private static ModelInfo FunAsrInfo(ModelFiles files, TokenTable tokens)
    {
        var amMvn = files.AmMvnPath ?? throw new ModelLoadException(files.Directory,
            "a FunASR-export SenseVoice model needs am.mvn (its CMVN statistics) beside the model file.");
        Cmvn cmvn;
        try
        {
            cmvn = Cmvn.LoadAmMvn(amMvn);
        }
        catch (CmvnFormatException e)
        {
            throw new ModelLoadException(amMvn, $"invalid CMVN statistics: {e.Message}", inner: e);
        }

        if (cmvn.Dimension != 560)
        {
            throw new ModelLoadException(amMvn, $"has {cmvn.Dimension} values per component; SenseVoice needs 560 (80 mel × LFR 7).");
        }

        return new ModelInfo
        {
            ModelType = ModelType,
            ModelId = files.ModelId,
            ModelPath = files.ModelPath,
            Export = ModelExport.FunAsr,
            VocabSize = tokens.Count,
            LfrWindowSize = 7,
            LfrWindowShift = 6,
            Cmvn = cmvn,
            LanguageIds = s_defaultLanguageIds,
        };
    }
}
