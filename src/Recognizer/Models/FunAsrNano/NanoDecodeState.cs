using System.Runtime.InteropServices;
using FunAsr.Recognizer.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>
/// One utterance's decoding memory, made once and reused: the zeroed KV caches of <c>max_total_len</c> rows (pinned,
/// in the cache dtype), and every value a one-token step reads or writes (token id, its embedding, position, the
/// attention masks of each length, logits, deltas) bound to the embedding and LLM sessions. The LLM gets one binding per
/// mask length, made on first use, because rebinding the mask alone would marshal its name on every step; so once a
/// length has been used, a step allocates no managed memory.
/// </summary>
internal sealed class NanoDecodeState : IDisposable
{
    private readonly byte[][] _caches;
    private readonly byte[][] _deltas;
    private readonly OrtValue[] _maskValues;
    private readonly OrtIoBinding?[] _llmBindings;
    private readonly OrtSession _llm;
    private readonly OrtValue _embeddingValue;
    private readonly OrtValue _positionValue;
    private readonly OrtValue _logitsValue;
    private readonly OrtValue[] _deltaValues;
    private readonly List<IDisposable> _owned = [];

    public NanoDecodeState(NanoLlmShape shape, OrtSession embedding, OrtSession llm)
    {
        Shape = shape;
        _llm = llm;
        var memory = OrtMemoryInfo.DefaultInstance;
        var rowBytes = shape.CacheRowBytes;
        _caches = new byte[shape.Layers * 2][];
        _deltas = new byte[shape.Layers * 2][];
        CacheValues = new OrtValue[_caches.Length];
        _deltaValues = new OrtValue[_caches.Length];
        for (var i = 0; i < _caches.Length; i++)
        {
            _caches[i] = GC.AllocateArray<byte>(shape.MaxTotalLength * rowBytes, pinned: true);
            _deltas[i] = GC.AllocateArray<byte>(rowBytes, pinned: true);
            CacheValues[i] = Own(OrtValue.CreateTensorValueWithData(memory, shape.CacheType, [1, shape.MaxTotalLength, shape.KvHeads, shape.HeadDim],
                Marshal.UnsafeAddrOfPinnedArrayElement(_caches[i], 0), _caches[i].Length));
            _deltaValues[i] = Own(OrtValue.CreateTensorValueWithData(memory, shape.CacheType, [1, 1, shape.KvHeads, shape.HeadDim],
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
        _embeddingValue = Own(OrtValue.CreateTensorValueFromMemory(memory, Embedding.AsMemory(), [1, 1, shape.Hidden]));
        _positionValue = Own(OrtValue.CreateTensorValueFromMemory(memory, Position.AsMemory(), [1]));
        _logitsValue = Own(OrtValue.CreateTensorValueFromMemory(memory, Logits.AsMemory(), [1, 1, shape.VocabSize]));
        _llmBindings = new OrtIoBinding?[shape.MaxTotalLength];

        EmbeddingBinding = Own(embedding.CreateIoBinding());
        EmbeddingBinding.BindInput(embedding.Inputs[0].Name, tokenValue);
        EmbeddingBinding.BindOutput(embedding.Outputs[0].Name, _embeddingValue);

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

    /// <summary>The LLM binding of a step whose attention mask is <paramref name="maskLength"/> ones.</summary>
    public OrtIoBinding LlmBinding(int maskLength) => _llmBindings[maskLength - 1] ??= BindLlm(maskLength);

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

    private OrtIoBinding BindLlm(int maskLength)
    {
        var binding = Own(_llm.CreateIoBinding());
        binding.BindInput(_llm.Inputs[0].Name, _embeddingValue);
        binding.BindInput(_llm.Inputs[1].Name, _maskValues[maskLength - 1]);
        binding.BindInput(_llm.Inputs[2].Name, _positionValue);
        binding.BindOutput(_llm.Outputs[0].Name, _logitsValue);
        for (var i = 0; i < _caches.Length; i++)
        {
            binding.BindInput(_llm.Inputs[3 + i].Name, CacheValues[i]);
            binding.BindOutput(_llm.Outputs[1 + i].Name, _deltaValues[i]);
        }

        return binding;
    }

    private T Own<T>(T value) where T : IDisposable
    {
        _owned.Add(value);
        return value;
    }
}
