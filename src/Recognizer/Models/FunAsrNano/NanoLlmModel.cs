using System.Collections.Concurrent;
using FunAsr.Recognizer.Decoding.Qwen;
using FunAsr.Recognizer.Features;
using FunAsr.Recognizer.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>
/// Fun-ASR-Nano-2512 as three ONNX files (funasr-family.md §2): <c>encoder_adaptor</c> turns LFR features into LLM
/// embeddings, <c>embedding</c> embeds prompt ids, and the unified KV-delta Qwen3 <c>llm</c> runs a prefill over the
/// ChatML prompt with the audio spliced in after the user prompt, then one-token steps. The caller keeps the caches:
/// each run returns key/value deltas, copied into zeroed caches of <c>max_total_len</c> rows. Greedy argmax; stops at
/// <c>&lt;|endoftext|&gt;</c> or <c>&lt;|im_end|&gt;</c>, after <c>maxNewTokens</c>, or when the caches are full.
/// Thread-safe: each call rents its own <see cref="NanoDecodeState"/>.
/// </summary>
internal sealed class NanoLlmModel : IDisposable
{
    public const string ModelType = "funasr_nano_llm";
    private const string KvDeltaMarker = "kv_delta";

    private readonly OrtDeviceSession _encoder;
    private readonly OrtDeviceSession _embedding;
    private readonly OrtDeviceSession _llm;
    private readonly ConcurrentBag<NanoDecodeState> _states = [];
    private readonly int[] _stopIds;

    private NanoLlmModel(NanoLlmFiles files, OrtDeviceSession encoder, OrtDeviceSession embedding, OrtDeviceSession llm, QwenTokenizer tokenizer, NanoLlmShape shape, ModelInfo info)
    {
        Files = files;
        _encoder = encoder;
        _embedding = embedding;
        _llm = llm;
        Tokenizer = tokenizer;
        Shape = shape;
        Info = info;
        _stopIds = [tokenizer.SpecialId(QwenTokenizer.EndOfText), tokenizer.SpecialId(QwenTokenizer.ImEnd)];
    }

    public NanoLlmFiles Files { get; }

    public QwenTokenizer Tokenizer { get; }

    public NanoLlmShape Shape { get; }

    /// <summary>Front-end settings: snip_edges false, mel ceiling 7600 Hz, unpadded LFR, no CMVN.</summary>
    public ModelInfo Info { get; }

    public string Device => _llm.Device;

    public int CpuFallbacks => _encoder.CpuFallbacks + _embedding.CpuFallbacks + _llm.CpuFallbacks;

    /// <summary>Opens and cross-checks the three files and the tokenizer.</summary>
    /// <exception cref="ModelLoadException">A file's inputs, outputs, cache dims or metadata are not the published export's; names the file and what was expected.</exception>
    public static NanoLlmModel Open(NanoLlmFiles files, OrtRuntime runtime, OrtSessionSettings settings, ILogger logger)
    {
        var tokenizer = QwenTokenizer.Load(files.Tokenizer);
        var opened = new List<OrtDeviceSession>();
        try
        {
            var encoder = Opened(OrtDeviceSession.Open(runtime, files.EncoderAdaptor, settings, logger));
            var embedding = Opened(OrtDeviceSession.Open(runtime, files.Embedding, settings, logger));
            var llm = Opened(OrtDeviceSession.Open(runtime, files.Llm, settings, logger));
            var encoderMetadata = new ModelMetadata(files.EncoderAdaptor, encoder.Session.Metadata);
            var hidden = encoderMetadata.Int("llm_dim");
            CheckEncoder(encoder.Session, hidden);
            CheckEmbedding(embedding.Session, hidden);
            var shape = CheckLlm(llm.Session, hidden);
            var info = new ModelInfo
            {
                ModelType = ModelType,
                ModelId = files.ModelId,
                ModelPath = files.Llm,
                Export = ModelExport.SherpaOnnx,
                VocabSize = shape.VocabSize,
                LfrWindowSize = encoderMetadata.Int("lfr_window_size"),
                LfrWindowShift = encoderMetadata.Int("lfr_window_shift"),
                NormalizeSamples = encoderMetadata.Int("normalize_samples", 0) != 0,
                Fbank = FbankOptions.Default with { SnipEdges = false, HighFrequencyHz = -400 },
                LfrPadEdges = false,
                Cmvn = Cmvn.None(80 * encoderMetadata.Int("lfr_window_size")),
                LanguageIds = new Dictionary<string, int>(),
                PromptFrames = 0,
                SupportsBatch = false,
            };
            return new NanoLlmModel(files, encoder, embedding, llm, tokenizer, shape, info);
        }
        catch
        {
            opened.ForEach(s => s.Dispose());
            throw;
        }

        OrtDeviceSession Opened(OrtDeviceSession session)
        {
            opened.Add(session);
            return session;
        }
    }

    /// <summary>Writes the transcript of one utterance's features (row-major [frames, 560], unpadded LFR, no CMVN).</summary>
    public NanoGeneration Generate(float[] features, int frames, NanoPrompt prompt, int maxNewTokens, CancellationToken ct)
    {
        var state = _states.TryTake(out var pooled) ? pooled : new NanoDecodeState(Shape, _embedding.Session, _llm.Session);
        try
        {
            using var cancel = ct.Register(() => state.RunOptions.Terminate = true);
            state.Reset();
            var (context, audioFrames, audioCut) = Prefill(state, features, frames, prompt, ct);
            return Decode(state, context, audioFrames, audioCut, maxNewTokens, ct);
        }
        finally
        {
            _states.Add(state);
        }
    }

    public void Dispose()
    {
        while (_states.TryTake(out var state))
        {
            state.Dispose();
        }

        _encoder.Dispose();
        _embedding.Dispose();
        _llm.Dispose();
    }

    private (int Context, int AudioFrames, bool AudioCut) Prefill(NanoDecodeState state, float[] features, int frames, NanoPrompt prompt, CancellationToken ct)
    {
        var memory = OrtMemoryInfo.DefaultInstance;
        var hidden = Shape.Hidden;
        using var x = OrtValue.CreateTensorValueFromMemory(memory, features.AsMemory(0, frames * Info.FeatureDim), [1, frames, Info.FeatureDim]);
        using var encoded = _encoder.Run([(_encoder.Session.Inputs[0].Name, x)], [_encoder.Session.Outputs[0].Name], ct);
        var audio = encoded[0].GetTensorDataAsSpan<float>();
        var encodedFrames = audio.Length / hidden;

        // As sherpa-onnx: audio is cut first when the context is too long; a prompt that alone is too long keeps only the suffix.
        var promptOnly = prompt.Prefix.Length + prompt.Suffix.Length;
        var prefix = promptOnly > Shape.MaxTotalLength ? [] : prompt.Prefix;
        var audioFrames = promptOnly > Shape.MaxTotalLength ? 0 : Math.Min(encodedFrames, Shape.MaxTotalLength - promptOnly);
        var context = prefix.Length + audioFrames + prompt.Suffix.Length;
        var ids = new long[context];
        for (var i = 0; i < prefix.Length; i++)
        {
            ids[i] = prefix[i];
        }

        Array.Fill(ids, _stopIds[0], prefix.Length, audioFrames);
        for (var i = 0; i < prompt.Suffix.Length; i++)
        {
            ids[prefix.Length + audioFrames + i] = prompt.Suffix[i];
        }

        using var idValue = OrtValue.CreateTensorValueFromMemory(memory, ids.AsMemory(), [1, context]);
        using var embedded = _embedding.Run([(_embedding.Session.Inputs[0].Name, idValue)], [_embedding.Session.Outputs[0].Name], ct);
        var embeds = embedded[0].GetTensorDataAsSpan<float>().ToArray();
        audio[..(audioFrames * hidden)].CopyTo(embeds.AsSpan(prefix.Length * hidden));

        var mask = new long[context];
        Array.Fill(mask, 1L);
        var positions = new long[context];
        for (var i = 0; i < context; i++)
        {
            positions[i] = i;
        }

        var llm = _llm.Session;
        using var embedsValue = OrtValue.CreateTensorValueFromMemory(memory, embeds.AsMemory(), [1, context, hidden]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(memory, mask.AsMemory(), [1, context]);
        using var positionValue = OrtValue.CreateTensorValueFromMemory(memory, positions.AsMemory(), [context]);
        var inputs = new List<(string, OrtValue)> { (llm.Inputs[0].Name, embedsValue), (llm.Inputs[1].Name, maskValue), (llm.Inputs[2].Name, positionValue) };
        for (var i = 0; i < state.CacheValues.Length; i++)
        {
            inputs.Add((llm.Inputs[3 + i].Name, state.CacheValues[i]));
        }

        using var outputs = _llm.Run(inputs, llm.Outputs.Select(o => o.Name).ToArray(), ct);
        for (var i = 0; i < state.CacheValues.Length; i++)
        {
            state.StorePrefill(i, outputs[1 + i].GetTensorMutableRawData());
        }

        outputs[0].GetTensorDataAsSpan<float>().Slice((context - 1) * Shape.VocabSize, Shape.VocabSize).CopyTo(state.Logits);
        return (context, audioFrames, audioFrames < encodedFrames);
    }

    private NanoGeneration Decode(NanoDecodeState state, int context, int audioFrames, bool audioCut, int maxNewTokens, CancellationToken ct)
    {
        var generated = new int[Math.Min(maxNewTokens, Shape.MaxTotalLength)];
        var count = 0;
        var valid = context;
        var steps = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var next = ArgMax(state.Logits);
        while (next != _stopIds[0] && next != _stopIds[1])
        {
            generated[count++] = next;
            if (count >= maxNewTokens || valid >= Shape.MaxTotalLength)
            {
                break;
            }

            ct.ThrowIfCancellationRequested();
            state.TokenId[0] = next;
            _embedding.Session.RunWithBinding(state.EmbeddingBinding, state.RunOptions);
            state.Position[0] = valid;
            _llm.Session.RunWithBinding(state.LlmBinding(valid + 1), state.RunOptions);
            state.StoreStep(valid);
            valid++;
            steps++;
            next = ArgMax(state.Logits);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return new NanoGeneration(generated[..count], audioFrames, steps, allocated, elapsed, audioCut || valid >= Shape.MaxTotalLength);
    }

    /// <summary>The first index of the largest finite value (sherpa-onnx skips NaN and infinities).</summary>
    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        var bestValue = float.NegativeInfinity;
        for (var i = 0; i < logits.Length; i++)
        {
            if (float.IsFinite(logits[i]) && logits[i] > bestValue)
            {
                (best, bestValue) = (i, logits[i]);
            }
        }

        return best;
    }

    private static void CheckEncoder(OrtSession encoder, int hidden)
    {
        if (encoder.Inputs.Count != 1 || encoder.Inputs[0].ElementType != TensorElementType.Float || encoder.Inputs[0].Shape.Count != 3)
        {
            throw new ModelLoadException(encoder.ModelPath, $"inputs are ({string.Join(", ", encoder.Inputs)}); the encoder adaptor takes one float input x [1, T, 560].");
        }

        var output = encoder.Outputs[0].Shape;
        if (output.Count != 3 || (output[2] > 0 && output[2] != hidden))
        {
            throw new ModelLoadException(encoder.ModelPath, $"output {encoder.Outputs[0]} should be [1, T, {hidden}] (llm_dim in its metadata).", "llm_dim");
        }
    }

    private static void CheckEmbedding(OrtSession embedding, int hidden)
    {
        if (embedding.Inputs.Count != 1 || embedding.Inputs[0].ElementType != TensorElementType.Int64)
        {
            throw new ModelLoadException(embedding.ModelPath, $"inputs are ({string.Join(", ", embedding.Inputs)}); the embedding takes one int64 input input_ids [batch, sequence].");
        }

        var output = embedding.Outputs[0];
        if (output.ElementType != TensorElementType.Float || output.Shape.Count != 3 || (output.Shape[2] > 0 && output.Shape[2] != hidden))
        {
            throw new ModelLoadException(embedding.ModelPath, $"output {output} should be float [batch, sequence, {hidden}] (llm_dim of the encoder adaptor).");
        }
    }

    private static NanoLlmShape CheckLlm(OrtSession llm, int hidden)
    {
        var metadata = new ModelMetadata(llm.ModelPath, llm.Metadata);
        var modelType = metadata.Required("model_type");
        if (!modelType.Contains(KvDeltaMarker, StringComparison.Ordinal))
        {
            throw new ModelLoadException(llm.ModelPath,
                $"model_type is '{modelType}'; only the unified KV-delta export (model_type containing '{KvDeltaMarker}', sherpa-onnx ≥ 1.12.21) is supported, not the older llm_prefill/llm_decode pair.", "model_type");
        }

        var vocabSize = metadata.Int("vocab_size");
        var layers = metadata.Int("num_layers", (llm.Inputs.Count - 3) / 2);
        if (llm.Inputs.Count != 3 + 2 * layers || llm.Outputs.Count != 1 + 2 * layers)
        {
            throw new ModelLoadException(llm.ModelPath,
                $"has {llm.Inputs.Count} inputs and {llm.Outputs.Count} outputs; with {layers} layers the KV-delta LLM has 3 + 2×{layers} = {3 + 2 * layers} inputs " +
                $"(inputs_embeds, attention_mask, cache_position, cache_key_i/cache_value_i) and 1 + 2×{layers} = {1 + 2 * layers} outputs (logits, key_delta_i/value_delta_i).", "num_layers");
        }

        if (llm.Inputs[0].ElementType != TensorElementType.Float || llm.Outputs[0].ElementType != TensorElementType.Float)
        {
            throw new ModelLoadException(llm.ModelPath, $"{llm.Inputs[0]} and {llm.Outputs[0]} must be float32 in every variant (fp16 models keep float32 embeddings and logits).");
        }

        if (llm.Outputs[0].Shape.Count != 3 || (llm.Outputs[0].Shape[2] > 0 && llm.Outputs[0].Shape[2] != vocabSize))
        {
            throw new ModelLoadException(llm.ModelPath, $"output {llm.Outputs[0]} should be [batch, seq, {vocabSize}] (vocab_size in its metadata).", "vocab_size");
        }

        var cache = llm.Inputs[3];
        if (cache.Shape.Count != 4 || cache.Shape.Skip(1).Any(d => d <= 0))
        {
            throw new ModelLoadException(llm.ModelPath, $"cache input {cache} must have static dims 1–3 [batch, max_total_len, kv_heads, head_dim].");
        }

        var maxTotalLength = metadata.Int("max_total_len", metadata.Int("attention_mask_len", (int)cache.Shape[1]));
        for (var i = 3; i < llm.Inputs.Count; i++)
        {
            var input = llm.Inputs[i];
            if (input.ElementType != cache.ElementType || !input.Shape.Skip(1).SequenceEqual(cache.Shape.Skip(1)) || input.Shape[1] != maxTotalLength)
            {
                throw new ModelLoadException(llm.ModelPath,
                    $"cache input {input} should be {cache.ElementType.ToString().ToLowerInvariant()}[batch, {maxTotalLength}, {cache.Shape[2]}, {cache.Shape[3]}] (max_total_len {maxTotalLength} from the metadata, kv heads and head dim from {cache.Name}).", "max_total_len");
            }
        }

        if (cache.ElementType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new ModelLoadException(llm.ModelPath, $"cache input {cache} must be float32 or float16.");
        }

        return new NanoLlmShape(layers, maxTotalLength, (int)cache.Shape[2], (int)cache.Shape[3], cache.ElementType, hidden, vocabSize);
    }
}
