using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Features;
using FunAsr.Recognizer.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxRuntimeException = FunAsr.Recognizer.OnnxRuntimeException;

namespace FunAsr.Recognizer.Models.Paraformer;

/// <summary>
/// Offline Paraformer (../shared/spec/funasr-family.md §4): <c>speech</c> float [N,T,560] and <c>speech_lengths</c> int32
/// [N] → <c>logits</c> [N,U,V] (log-softmax over the CIF token positions) and <c>token_num</c> [N] (int32 as FunASR
/// exports it, or int64 as its C++ runtime reads it); timestamp (BiCif) and SeACo models add <c>us_alphas</c> and
/// <c>us_cif_peak</c> [N,3T]; contextual and SeACo models take <c>bias_embed</c> [N,H,512] from <c>model_eb.onnx</c>
/// beside them. Either folder style: sherpa-onnx's (metadata <c>model_type</c> paraformer, <c>neg_mean</c>,
/// <c>inv_stddev</c>, LFR, <c>vocab_size</c>; tokens.txt) or FunASR's (no metadata; <c>config.yaml</c>, <c>am.mvn</c>,
/// <c>tokens.json</c>).
/// </summary>
internal sealed class ParaformerModel : IAcousticModel
{
    public const string ModelType = "paraformer";
    private const string BiasInput = "bias_embed";

    private static readonly string[] s_inputs = ["speech", "speech_lengths"];
    private static readonly IReadOnlyDictionary<string, int> s_languages = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["auto"] = 0, ["zh"] = 0, ["en"] = 0, ["yue"] = 0,
    };

    private readonly OrtDeviceSession _session;
    private readonly string[] _outputs;
    private readonly bool _int64TokenNum;
    private readonly ParaformerGreedyDecoder _decoder;

    private ParaformerModel(OrtDeviceSession session, ModelInfo info, string[] outputs, bool int64TokenNum, HotwordEmbedder? embedder, ParaformerGreedyDecoder decoder)
    {
        _session = session;
        Info = info;
        _outputs = outputs;
        _int64TokenNum = int64TokenNum;
        Embedder = embedder;
        _decoder = decoder;
    }

    public ModelInfo Info { get; }

    public string Device => _session.Device;

    public int CpuFallbacks => _session.CpuFallbacks;

    /// <summary>The hotword embedder of a contextual/SeACo model; null for plain Paraformer (hotwords need SeACo).</summary>
    public HotwordEmbedder? Embedder { get; }

    /// <summary>True when <paramref name="session"/> has a FunASR Paraformer export's inputs and outputs (no metadata needed).</summary>
    public static bool IsFunAsrExport(OrtSession session)
    {
        var inputs = session.Inputs.Select(i => i.Name).ToList();
        return inputs.Count >= 2 && inputs.Take(2).SequenceEqual(s_inputs) && (inputs.Count == 2 || inputs is [_, _, BiasInput])
            && session.Outputs.Any(o => o.Name == "token_num");
    }

    /// <summary>Adapts an open session; validates inputs, outputs, front-end statistics, tokens and the hotword embedder.</summary>
    /// <exception cref="ModelLoadException">Names the file and the input, output, key or side file at fault.</exception>
    public static ParaformerModel Open(ModelFiles files, OrtDeviceSession session, TokenTable tokens)
    {
        var onnx = session.Session;
        if (!IsFunAsrExport(onnx))
        {
            throw new ModelLoadException(files.ModelPath,
                $"inputs are ({string.Join(", ", onnx.Inputs)}) and outputs ({string.Join(", ", onnx.Outputs)}); a Paraformer needs inputs " +
                $"(speech, speech_lengths[, {BiasInput}]) and outputs (logits, token_num[, us_alphas, us_cif_peak]).");
        }

        var outputs = onnx.Outputs.Any(o => o.Name == "us_cif_peak") ? new[] { "logits", "token_num", "us_cif_peak" } : ["logits", "token_num"];
        var missing = outputs.Where(o => onnx.Outputs.All(n => n.Name != o)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelLoadException(files.ModelPath, $"output {string.Join(", ", missing)} is missing (outputs: {string.Join(", ", onnx.Outputs)}).");
        }

        var tokenNum = onnx.Outputs.First(o => o.Name == "token_num").ElementType;
        if (tokenNum is not (TensorElementType.Int32 or TensorElementType.Int64))
        {
            throw new ModelLoadException(files.ModelPath, $"output token_num is {tokenNum}; expected int32 (FunASR's export) or int64.");
        }

        var metadata = new ModelMetadata(files.ModelPath, onnx.Metadata);
        var config = FunAsrConfig.Find(files.Directory);
        var info = metadata.Contains("model_type") ? SherpaInfo(files, metadata) : FunAsrInfo(files, tokens, config);
        if (tokens.Count != info.VocabSize)
        {
            throw new ModelLoadException(tokens.Path, $"has {tokens.Count} tokens but the model's vocabulary size is {info.VocabSize}.", "vocab_size");
        }

        var vocabOut = onnx.Outputs.First(o => o.Name == "logits").Shape;
        if (vocabOut.Count == 3 && vocabOut[2] > 0 && vocabOut[2] != tokens.Count)
        {
            throw new ModelLoadException(tokens.Path, $"has {tokens.Count} tokens but the model's logits have {vocabOut[2]} classes.");
        }

        var needsBias = onnx.Inputs.Count == 3;
        var embedder = needsBias ? HotwordEmbedder.Open(files.Directory, session.Runtime, tokens) : null;
        try
        {
            var predictorBias = config?.Integer("model_conf", "predictor_bias", 0) ?? 0;
            return new ParaformerModel(session, info, outputs, tokenNum == TensorElementType.Int64, embedder, new ParaformerGreedyDecoder(tokens, predictorBias));
        }
        catch
        {
            embedder?.Dispose();
            throw;
        }
    }

    /// <summary>The log-probabilities of each item's token positions (no hotwords), [N, U, V] with the token counts.</summary>
    public LogitsBatch Run(FeatureBatch features, CancellationToken ct = default)
    {
        using var outputs = RunSession(features, Embedder?.NoBias(features.BatchSize), ct);
        return ReadLogits(outputs, features.BatchSize).Logits;
    }

    /// <summary>Recognises a batch: greedy tokens up to <c>token_num</c> (or <c>&lt;/s&gt;</c>), joined as sherpa-onnx does,
    /// with token onsets from <c>us_cif_peak</c> when the model has it, else spread over the segment.</summary>
    /// <param name="features">The padded batch.</param>
    /// <param name="hotwords">Phrases for the SeACo/contextual bias (ignored by a plain model).</param>
    /// <param name="ct">Cancels the run.</param>
    public IReadOnlyList<DecodedUtterance> Recognize(FeatureBatch features, IReadOnlyList<string> hotwords, CancellationToken ct = default)
    {
        var n = features.BatchSize;
        using var bias = Embedder?.Bias(hotwords, n, ct);
        using var outputs = RunSession(features, bias, ct);
        var (logits, peaks) = ReadLogits(outputs, n);
        var results = new DecodedUtterance[n];
        for (var b = 0; b < n; b++)
        {
            var duration = Info.FrameShift * features.Lengths[b];
            results[b] = _decoder.Decode(logits.Item(b).Span, logits.VocabSize, peaks?.Item(b), duration);
        }

        return results;
    }

    public void Dispose()
    {
        _session.Dispose();
        Embedder?.Dispose();
    }

    private IDisposableReadOnlyCollection<OrtValue> RunSession(FeatureBatch features, OrtValue? bias, CancellationToken ct)
    {
        var n = features.BatchSize;
        var memory = OrtMemoryInfo.DefaultInstance;
        using var x = OrtValue.CreateTensorValueFromMemory(memory, features.Features.AsMemory(), [n, features.Frames, features.Dim]);
        using var lengths = OrtValue.CreateTensorValueFromMemory(memory, features.Lengths.AsMemory(), [n]);
        var inputs = new List<(string, OrtValue)> { ("speech", x), ("speech_lengths", lengths) };
        if (bias is not null)
        {
            inputs.Add((BiasInput, bias));
        }

        return _session.Run(inputs, _outputs, ct);
    }

    private (LogitsBatch Logits, CifPeaks? Peaks) ReadLogits(IDisposableReadOnlyCollection<OrtValue> outputs, int n)
    {
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        if (shape.Length != 3 || shape[0] != n || shape[2] != Info.VocabSize)
        {
            throw new OnnxRuntimeException($"{Info.ModelPath}: output logits has shape [{string.Join(",", shape)}]; expected [{n},U,{Info.VocabSize}].");
        }

        var positions = (int)shape[1];
        var counts = new int[n];
        for (var b = 0; b < n; b++)
        {
            var count = _int64TokenNum ? (int)outputs[1].GetTensorDataAsSpan<long>()[b] : outputs[1].GetTensorDataAsSpan<int>()[b];
            counts[b] = Math.Clamp(count, 0, positions);
        }

        var logits = new LogitsBatch(outputs[0].GetTensorDataAsSpan<float>().ToArray(), counts, positions, Info.VocabSize);
        if (outputs.Count < 3)
        {
            return (logits, null);
        }

        var peakShape = outputs[2].GetTensorTypeAndShape().Shape;
        return (logits, new CifPeaks(outputs[2].GetTensorDataAsSpan<float>().ToArray(), (int)peakShape[^1]));
    }

    private static ModelInfo SherpaInfo(ModelFiles files, ModelMetadata metadata)
    {
        var declared = metadata.Required("model_type");
        var window = metadata.Int("lfr_window_size");
        var cmvn = Cmvn.FromMetadata(metadata.Required("neg_mean"), metadata.Required("inv_stddev"), files.ModelPath);
        if (cmvn.Dimension != 80 * window)
        {
            throw new ModelLoadException(files.ModelPath, $"ONNX metadata neg_mean/inv_stddev have {cmvn.Dimension} values; expected 80 × lfr_window_size = {80 * window}.", "neg_mean");
        }

        return Describe(files, ModelExport.SherpaOnnx, metadata.Int("vocab_size"), window, metadata.Int("lfr_window_shift"), cmvn) with
        {
            ModelType = declared,
        };
    }

    private static ModelInfo FunAsrInfo(ModelFiles files, TokenTable tokens, FunAsrConfig? config)
    {
        var amMvn = files.AmMvnPath ?? throw new ModelLoadException(files.Directory,
            "a FunASR-export Paraformer needs am.mvn (its CMVN statistics) beside the model file.");
        Cmvn cmvn;
        try
        {
            cmvn = Cmvn.LoadAmMvn(amMvn);
        }
        catch (CmvnFormatException e)
        {
            throw new ModelLoadException(amMvn, $"invalid CMVN statistics: {e.Message}", inner: e);
        }

        var window = config?.Integer("frontend_conf", "lfr_m", 7) ?? 7;
        var shift = config?.Integer("frontend_conf", "lfr_n", 6) ?? 6;
        if (cmvn.Dimension != 80 * window)
        {
            throw new ModelLoadException(amMvn, $"has {cmvn.Dimension} values per component; this Paraformer needs {80 * window} (80 mel × LFR {window}).");
        }

        return Describe(files, ModelExport.FunAsr, tokens.Count, window, shift, cmvn);
    }

    private static ModelInfo Describe(ModelFiles files, ModelExport export, int vocabSize, int window, int shift, Cmvn cmvn) => new()
    {
        ModelType = ModelType,
        ModelId = files.ModelId,
        ModelPath = files.ModelPath,
        Export = export,
        VocabSize = vocabSize,
        LfrWindowSize = window,
        LfrWindowShift = shift,
        Cmvn = cmvn,
        LanguageIds = s_languages,
        PromptFrames = 0,
    };
}
