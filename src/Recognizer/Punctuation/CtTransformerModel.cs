using System.Text.Json;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FunAsr.Recognizer.Punctuation;

/// <summary>
/// A CT-Transformer punctuation model (../shared/spec/funasr-family.md §6): <c>inputs</c> int32 [1,L] (token ids) and
/// <c>text_lengths</c> int32 [1] → <c>logits</c> [1,L,P], one label per token; the realtime model adds <c>vad_masks</c>
/// and <c>sub_masks</c> float [1,1,L,L], fed all ones here (each segment is punctuated on its own, with no words cached
/// from the previous one). Inputs are bound by position, as both FunASR runtimes do. The vocabulary and labels come
/// from sherpa-onnx's metadata (<c>tokens</c>, <c>punctuations</c>, <c>unk_symbol</c>) or from FunASR's
/// <c>tokens.json</c> and <c>config.yaml</c> (<c>model_conf.punc_list</c>, ASCII <c>,</c>/<c>?</c> read full-width).
/// Runs on the CPU with one thread: a segment is a few dozen tokens.
/// </summary>
internal sealed class CtTransformerModel : IDisposable
{
    private static readonly string[] s_modelNames = ["model.onnx", "model.int8.onnx", "model_quant.onnx"];
    private readonly OrtSession _session;
    private readonly Dictionary<string, int> _ids;
    private readonly int _unk;

    private CtTransformerModel(OrtSession session, Dictionary<string, int> ids, int unk, IReadOnlyList<string> labels)
    {
        _session = session;
        _ids = ids;
        _unk = unk;
        Labels = labels;
    }

    /// <summary>The label of each class: <c>&lt;unk&gt;</c>, <c>_</c> (none), <c>，</c>, <c>。</c>, <c>？</c>, <c>、</c>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>True for the realtime model (four inputs).</summary>
    public bool Realtime => _session.Inputs.Count == 4;

    /// <summary>Opens the model in <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">A file is missing, or the inputs, outputs, vocabulary or labels are wrong; names the file and key.</exception>
    public static CtTransformerModel Open(string directory, string? ortLibraryPath)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new ModelLoadException(full, "punctuation model directory does not exist (--punc DIR, punctuation.model_dir).");
        }

        var path = s_modelNames.Select(n => Path.Combine(full, n)).FirstOrDefault(File.Exists)
            ?? throw new ModelLoadException(full, $"no punctuation model file (looked for {string.Join(", ", s_modelNames)}).");
        var runtime = OrtRuntime.Load(ortLibraryPath);
        using var options = new OrtSessionSettings(OrtDevice.Cpu, IntraOpThreads: 1, InterOpThreads: 1).CreateOptions(OrtDevice.Cpu);
        var session = OrtSession.Create(runtime, path, options);
        try
        {
            return Adapt(full, path, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The id of each token (lower-cased lookup; unknown ones get <c>&lt;unk&gt;</c>).</summary>
    public int[] Ids(IEnumerable<string> tokens) => tokens.Select(t => _ids.TryGetValue(t.ToLowerInvariant(), out var id) ? id : _unk).ToArray();

    /// <summary>The best label of each token of one window.</summary>
    public int[] Predict(ReadOnlySpan<int> ids)
    {
        var length = ids.Length;
        var memory = OrtMemoryInfo.DefaultInstance;
        var tokenIds = ids.ToArray();
        using var inputs = OrtValue.CreateTensorValueFromMemory(memory, tokenIds.AsMemory(), [1, length]);
        using var lengths = OrtValue.CreateTensorValueFromMemory(memory, new[] { length }.AsMemory(), [1]);
        var feeds = new List<(string, OrtValue)> { (_session.Inputs[0].Name, inputs), (_session.Inputs[1].Name, lengths) };
        using var mask = Realtime ? OrtValue.CreateTensorValueFromMemory(memory, Enumerable.Repeat(1f, length * length).ToArray().AsMemory(), [1, 1, length, length]) : null;
        if (mask is not null)
        {
            feeds.Add((_session.Inputs[2].Name, mask));
            feeds.Add((_session.Inputs[3].Name, mask));
        }

        using var outputs = _session.Run(feeds, [_session.Outputs[0].Name]);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        var labels = new int[length];
        for (var t = 0; t < length; t++)
        {
            var row = logits.Slice(t * Labels.Count, Labels.Count);
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > row[labels[t]])
                {
                    labels[t] = c;
                }
            }
        }

        return labels;
    }

    public void Dispose() => _session.Dispose();

    private static CtTransformerModel Adapt(string directory, string path, OrtSession session)
    {
        var inputs = session.Inputs;
        if (inputs.Count is not (2 or 4) || inputs.Take(2).Any(i => i.ElementType != TensorElementType.Int32)
            || inputs.Skip(2).Any(i => i.ElementType != TensorElementType.Float) || session.Outputs.Count != 1)
        {
            throw new ModelLoadException(path,
                $"inputs ({string.Join(", ", inputs)}) and outputs ({string.Join(", ", session.Outputs)}) are not a CT-Transformer's: expected " +
                "inputs int32[1,L], text_lengths int32[1] (realtime: + vad_masks, sub_masks float[1,1,L,L]) → logits float[1,L,P].");
        }

        var classes = session.Outputs[0].Shape is { Count: 3 } shape ? shape[2] : -1;
        var metadata = new Models.ModelMetadata(path, session.Metadata);
        string[] tokens;
        IReadOnlyList<string> labels;
        string unk;
        if (metadata.Contains("punctuations"))
        {
            tokens = metadata.Required("tokens").Split('|');
            var vocabSize = metadata.Int("vocab_size");
            if (vocabSize != tokens.Length)
            {
                throw new ModelLoadException(path, $"ONNX metadata 'tokens' has {tokens.Length} entries but vocab_size is {vocabSize}.", "vocab_size");
            }

            labels = metadata.Required("punctuations").Split('|');
            unk = metadata.Required("unk_symbol");
        }
        else
        {
            tokens = ReadTokens(directory);
            var config = FunAsrConfig.Find(directory) ?? throw new ModelLoadException(directory,
                $"a FunASR punctuation model needs {FunAsrConfig.FileName} (model_conf.punc_list) beside it, or sherpa-onnx's metadata in the model.");
            labels = (config.Strings("model_conf", "punc_list") ?? throw new ModelLoadException(config.Path, "model_conf.punc_list is missing.", "model_conf.punc_list"))
                .Select(l => l switch { "," => "，", "?" => "？", _ => l }).ToArray();
            unk = tokens[^1];
        }

        if (classes != labels.Count)
        {
            throw new ModelLoadException(path, $"the model scores {classes} classes but there are {labels.Count} punctuation labels ({string.Join(" ", labels)}).");
        }

        var missing = new[] { "_", "，", "。", "？" }.Where(l => !labels.Contains(l)).ToArray();
        if (missing.Length > 0)
        {
            throw new ModelLoadException(path, $"the punctuation labels ({string.Join(" ", labels)}) lack {string.Join(" ", missing)}.");
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            ids.TryAdd(tokens[i], i);
        }

        return new CtTransformerModel(session, ids, ids.TryGetValue(unk, out var unkId) ? unkId : tokens.Length - 1, labels);
    }

    private static string[] ReadTokens(string directory)
    {
        var path = Path.Combine(directory, "tokens.json");
        if (!File.Exists(path))
        {
            throw new ModelLoadException(directory, "a FunASR punctuation model needs tokens.json beside it (or sherpa-onnx's 'tokens' metadata in the model).");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<string[]>(stream) is { Length: > 0 } tokens
                ? tokens
                : throw new ModelLoadException(path, "expected a non-empty JSON array of tokens.");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{path}:{(e.LineNumber ?? 0) + 1}", $"expected a JSON array of token strings: {e.Message}", inner: e);
        }
    }
}
