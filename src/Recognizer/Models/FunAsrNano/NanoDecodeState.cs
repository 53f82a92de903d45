using System.Runtime.InteropServices;
using FunAsr.Recognizer.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>
/// One utterance's decoding memory, made once and reused: the zeroed KV caches of <c>max_total_len</c> rows (pinned,
/// in the cache dtype), and every value a one-token step reads or writes (token id, its embedding, position, the
/// attention masks of each length, logits, deltas) bound to the embedding and LLM sessions, so a step allocates no
/// managed memory beyond rebinding the mask.
/// </summary>
internal sealed class NanoDecodeState : IDisposable
{
    private readonly byte[][] _caches;
    private readonly byte[][] _deltas;
    private readonly OrtValue[] _maskValues;
    private readonly string _maskName;
    private readonly List<IDisposable> _owned = [];

    public NanoDecodeState(NanoLlmShape shape, OrtSession embedding, OrtSession llm)
    {
        Shape = shape;
        var memory = OrtMemoryInfo.DefaultInstance;
        var rowBytes = shape.CacheRowBytes;
        _caches = new byte[shape.Layers * 2][];
        _deltas = new byte[shape.Layers * 2][];
        CacheValues = new OrtValue[_caches.Length];
        var deltaValues = new OrtValue[_caches.Length];
        for (var i = 0; i < _caches.Length; i++)
        {
            _caches[i] = GC.AllocateArray<byte>(shape.MaxTotalLength * rowBytes, pinned: true);
            _deltas[i] = GC.AllocateArray<byte>(rowBytes, pinned: true);
            CacheValues[i] = Own(OrtValue.CreateTensorValueWithData(memory, shape.CacheType, [1, shape.MaxTotalLength, shape.KvHeads, shape.HeadDim],
                Marshal.UnsafeAddrOfPinnedArrayElement(_caches[i], 0), _caches[i].Length));
            deltaValues[i] = Own(OrtValue.CreateTensorValueWithData(memory, shape.CacheType, [1, 1, shape.KvHeads, shape.HeadDim],
                Marshal.UnsafeAddrOfPinnedArrayElement(_deltas[i], 0), rowBytes));
        }

        Logits = new float[shape.VocabSize];
        Embedding = new float[shape.Hidden];
        var ones = new long[shape.MaxTotalLength];
        Array.Fill(ones, 1L);
        _maskValues = new OrtValue[shape.MaxTotalLength];
        for (var n = 1; n <= shape.MaxTotalLength; n++)
        {
            _maskValues[n - 1] = Own(OrtValue.CreateTensorValueFromMemory(memory, ones.AsMemory(0, n), [1, n]));
        }

        var tokenValue = Own(OrtValue.CreateTensorValueFromMemory(memory, TokenId.AsMemory(), [1, 1]));
        var embeddingValue = Own(OrtValue.CreateTensorValueFromMemory(memory, Embedding.AsMemory(), [1, 1, shape.Hidden]));
        var positionValue = Own(OrtValue.CreateTensorValueFromMemory(memory, Position.AsMemory(), [1]));
        var logitsValue = Own(OrtValue.CreateTensorValueFromMemory(memory, Logits.AsMemory(), [1, 1, shape.VocabSize]));

        EmbeddingBinding = Own(embedding.CreateIoBinding());
        EmbeddingBinding.BindInput(embedding.Inputs[0].Name, tokenValue);
        EmbeddingBinding.BindOutput(embedding.Outputs[0].Name, embeddingValue);

        LlmBinding = Own(llm.CreateIoBinding());
        LlmBinding.BindInput(llm.Inputs[0].Name, embeddingValue);
        LlmBinding.BindInput(llm.Inputs[2].Name, positionValue);
        _maskName = llm.Inputs[1].Name;
        LlmBinding.BindOutput(llm.Outputs[0].Name, logitsValue);
        for (var i = 0; i < _caches.Length; i++)
        {
            LlmBinding.BindInput(llm.Inputs[3 + i].Name, CacheValues[i]);
            LlmBinding.BindOutput(llm.Outputs[1 + i].Name, deltaValues[i]);
        }

        RunOptions = Own(new RunOptions());
    }

    public NanoLlmShape Shape { get; }

    /// <summary>The caches as bound inputs, in the LLM's input order from index 3.</summary>
    public OrtValue[] CacheValues { get; }

    /// <summary>The id the next step embeds.</summary>
    public long[] TokenId { get; } = new long[1];

    /// <summary>The absolute position of the step (<c>cache_position</c>).</summary>
    public long[] Position { get; } = new long[1];

    /// <summary>The step's embedding: the embedding session's output and the LLM's input.</summary>
    public float[] Embedding { get; }

    /// <summary>The step's logits.</summary>
    public float[] Logits { get; }

    public OrtIoBinding EmbeddingBinding { get; }

    public OrtIoBinding LlmBinding { get; }

    /// <summary>Reused for every run of this state; its terminate flag cancels.</summary>
    public RunOptions RunOptions { get; }

    /// <summary>Zeroes the caches for a new utterance.</summary>
    public void Reset()
    {
        foreach (var cache in _caches)
        {
            Array.Clear(cache);
        }

        RunOptions.Terminate = false;
    }

    /// <summary>Binds the attention mask of <paramref name="length"/> ones (<c>[1, length]</c>).</summary>
    public void BindMask(int length) => LlmBinding.BindInput(_maskName, _maskValues[length - 1]);

    /// <summary>Copies a prefill output's delta rows (one per context position) into the first rows of cache <paramref name="cache"/>.</summary>
    public void StorePrefill(int cache, ReadOnlySpan<byte> deltaRows) => deltaRows.CopyTo(_caches[cache]);

    /// <summary>Copies the bound one-row deltas into cache row <paramref name="row"/>.</summary>
    public void StoreStep(int row)
    {
        for (var i = 0; i < _caches.Length; i++)
        {
            _deltas[i].CopyTo(_caches[i].AsSpan(row * Shape.CacheRowBytes));
        }
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private T Own<T>(T value) where T : IDisposable
    {
        _owned.Add(value);
        return value;
    }
}
