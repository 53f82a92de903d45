using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Models.Paraformer;

/// <summary>
/// <c>model_eb.onnx</c> of a contextual/SeACo Paraformer: <c>hotword</c> int32 [H,10] (token ids, 0-padded; the last
/// row is the no-bias row [1,0,…]) → <c>hw_embed</c> float [10,H,D], time-major. Row j's embedding is the time step of
/// its last token (the no-bias row: step 0), repeated over the batch as <c>bias_embed</c> [N,H,D]. Phrases are spelled
/// as FunASR's C++ runtime does: one id per character (an ASCII word is one token), at most 10, and a phrase with a
/// piece the vocabulary lacks is left out.
/// </summary>
internal sealed class HotwordEmbedder : IDisposable
{
    public const string FileName = "model_eb.onnx";
    public const int MaxTokens = 10;
    private readonly OrtSession _session;
    private readonly TokenTable _tokens;
    private readonly int _dim;

    private HotwordEmbedder(OrtSession session, TokenTable tokens, int dim)
    {
        _session = session;
        _tokens = tokens;
        _dim = dim;
    }

    /// <summary>Opens <c>model_eb.onnx</c> in <paramref name="directory"/> on the CPU.</summary>
    /// <exception cref="ModelLoadException">The file is missing or its input/output is not the embedder's.</exception>
    public static HotwordEmbedder Open(string directory, OrtRuntime runtime, TokenTable tokens)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ModelLoadException(directory,
                $"the model takes bias_embed (a contextual/SeACo Paraformer) but {FileName}, its hotword embedder, is not beside it.");
        }

        using var options = new OrtSessionSettings(OrtDevice.Cpu, IntraOpThreads: 1, InterOpThreads: 1).CreateOptions(OrtDevice.Cpu);
        var session = OrtSession.Create(runtime, path, options);
        var input = session.Inputs.FirstOrDefault();
        var output = session.Outputs.FirstOrDefault();
        if (session.Inputs.Count != 1 || input!.ElementType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int32 || input.Shape.Count != 2 || input.Shape[1] != MaxTokens
            || output is null || output.Shape.Count != 3 || output.Shape[2] <= 0)
        {
            session.Dispose();
            throw new ModelLoadException(path,
                $"inputs ({string.Join(", ", session.Inputs)}) and outputs ({string.Join(", ", session.Outputs)}) are not a hotword embedder's: " +
                $"expected hotword int32[H,{MaxTokens}] → hw_embed float[{MaxTokens},H,D].");
        }

        return new HotwordEmbedder(session, tokens, (int)output.Shape[2]);
    }

    /// <summary>The token ids of <paramref name="phrase"/>, or null when the vocabulary cannot spell it.</summary>
    public int[]? Spell(string phrase)
    {
        var pieces = phrase.All(char.IsAscii)
            ? phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : phrase.Where(c => !char.IsWhiteSpace(c)).Select(c => c.ToString()).ToArray();
        var ids = new List<int>();
        foreach (var piece in pieces)
        {
            if (!_tokens.TryGetId(piece, out var id))
            {
                return null;
            }

            ids.Add(id);
        }

        return ids.Count == 0 ? null : ids.Take(MaxTokens).ToArray();
    }

    /// <summary><c>bias_embed</c> with only the no-bias row.</summary>
    public OrtValue NoBias(int batch) => Bias([], batch, CancellationToken.None);

    /// <summary><c>bias_embed</c> [batch, H, D] for the phrases the vocabulary can spell, plus the no-bias row.</summary>
    public OrtValue Bias(IReadOnlyList<string> phrases, int batch, CancellationToken ct)
    {
        var rows = phrases.Select(Spell).OfType<int[]>().Append([1]).ToList();
        var hotword = new int[rows.Count * MaxTokens];
        for (var r = 0; r < rows.Count; r++)
        {
            rows[r].CopyTo(hotword, r * MaxTokens);
        }

        var memory = OrtMemoryInfo.DefaultInstance;
        using var input = OrtValue.CreateTensorValueFromMemory(memory, hotword.AsMemory(), [rows.Count, MaxTokens]);
        using var outputs = _session.Run([(_session.Inputs[0].Name, input)], [_session.Outputs[0].Name], ct);
        var embedded = outputs[0].GetTensorDataAsSpan<float>();
        var bias = new float[batch * rows.Count * _dim];
        for (var r = 0; r < rows.Count; r++)
        {
            var step = r == rows.Count - 1 ? 0 : rows[r].Length - 1;
            var source = embedded.Slice((step * rows.Count + r) * _dim, _dim);
            for (var b = 0; b < batch; b++)
            {
                source.CopyTo(bias.AsSpan((b * rows.Count + r) * _dim, _dim));
            }
        }

        return OrtValue.CreateTensorValueFromMemory(memory, bias.AsMemory(), [batch, rows.Count, _dim]);
    }

    public void Dispose() => _session.Dispose();
}
