using Microsoft.ML.OnnxRuntime.Tensors;

namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>The sizes of a unified KV-delta LLM, read from its metadata and static input dims.</summary>
/// <param name="Layers">Transformer layers (a key and a value cache each).</param>
/// <param name="MaxTotalLength">Cache rows: prompt + audio + generated tokens must fit.</param>
/// <param name="KvHeads">Key/value heads (static dim 2 of the caches).</param>
/// <param name="HeadDim">Per-head size (static dim 3 of the caches).</param>
/// <param name="CacheType">float32 or float16.</param>
/// <param name="Hidden">Embedding size (<c>llm_dim</c>).</param>
/// <param name="VocabSize">Logits per position.</param>
internal sealed record NanoLlmShape(int Layers, int MaxTotalLength, int KvHeads, int HeadDim, TensorElementType CacheType, int Hidden, int VocabSize)
{
    /// <summary>Bytes of one cache row (one position's keys or values).</summary>
    public int CacheRowBytes => KvHeads * HeadDim * (CacheType == TensorElementType.Float16 ? 2 : 4);
}
