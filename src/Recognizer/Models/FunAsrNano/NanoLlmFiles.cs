namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>
/// The files of a Fun-ASR-Nano LLM folder as sherpa-onnx publishes them (funasr-family.md §2.2):
/// <c>encoder_adaptor[.int8].onnx</c>, <c>embedding[.int8].onnx</c>, one of <c>llm.int8.onnx</c>, <c>llm.fp16.onnx</c>
/// or <c>llm.fp32.onnx</c> (with its external weights <c>llm.fp32.data</c>), and the tokenizer folder <c>Qwen3-0.6B/</c>.
/// </summary>
internal sealed record NanoLlmFiles(string Directory, string EncoderAdaptor, string Embedding, string Llm, string Tokenizer)
{
    private static readonly string[] s_encoderNames = ["encoder_adaptor.int8.onnx", "encoder_adaptor.onnx"];
    private static readonly string[] s_embeddingNames = ["embedding.int8.onnx", "embedding.onnx"];
    private static readonly string[] s_llmNames = ["llm.int8.onnx", "llm.fp16.onnx", "llm.fp32.onnx"];
    private const string TokenizerFolder = "Qwen3-0.6B";

    /// <summary>Model identifier: the directory name.</summary>
    public string ModelId => Path.GetFileName(Directory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>True when <paramref name="directory"/> holds any part of the LLM trio (so it is one, or a broken one).</summary>
    public static bool IsNanoLlmFolder(string directory) =>
        System.IO.Directory.Exists(directory) && s_encoderNames.Concat(s_llmNames).Any(n => File.Exists(Path.Combine(directory, n)));

    /// <summary>Finds the files; a missing one is named with what was expected.</summary>
    /// <exception cref="ModelLoadException">A part, the tokenizer folder or <c>llm.fp32.data</c> is missing.</exception>
    public static NanoLlmFiles Find(string directory)
    {
        directory = Path.GetFullPath(directory);
        var encoder = First(directory, s_encoderNames, "the audio encoder + adaptor");
        var embedding = First(directory, s_embeddingNames, "the LLM's token embedding");
        var llm = First(directory, s_llmNames, "the Qwen3 LLM in the unified KV-delta format");
        var data = Path.ChangeExtension(llm, ".data");
        if (llm.EndsWith("llm.fp32.onnx", StringComparison.Ordinal) && !File.Exists(data))
        {
            throw new ModelLoadException(data, "missing: llm.fp32.onnx keeps its weights in this external data file; copy it beside the model (it is published with it).");
        }

        var tokenizer = Path.Combine(directory, TokenizerFolder);
        if (!System.IO.Directory.Exists(tokenizer))
        {
            throw new ModelLoadException(tokenizer, "missing: the LLM needs its tokenizer folder Qwen3-0.6B/ with vocab.json, merges.txt and tokenizer.json.");
        }

        return new NanoLlmFiles(directory, encoder, embedding, llm, tokenizer);
    }

    private static string First(string directory, string[] names, string what) =>
        names.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists)
        ?? throw new ModelLoadException(Path.Combine(directory, names[0]),
            $"missing: a Fun-ASR-Nano LLM folder needs {what} as {string.Join(" or ", names)}.");
}
