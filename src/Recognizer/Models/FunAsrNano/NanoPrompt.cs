using FunAsr.Recognizer.Decoding.Qwen;

namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>
/// The ChatML prompt around the audio, as token ids: <see cref="Prefix"/> is the system part and the user part up to
/// and including the user prompt, the audio frames go right after it, and <see cref="Suffix"/> closes the user turn and
/// opens the assistant's (funasr-family.md §2.6).
/// </summary>
internal sealed record NanoPrompt(int[] Prefix, int[] Suffix)
{
    private const string HotwordPreamble = "请结合上下文信息，更加准确地完成语音转写任务。如果没有相关信息，我们会留空。";

    private static readonly char[] s_hotwordSeparators = [',', ';', '\n', '\r', '\t', '，', '；'];

    public static NanoPrompt Build(QwenTokenizer tokenizer, NanoPromptOptions options)
    {
        var prefix = $"{QwenTokenizer.ImStart}system\n{options.SystemPrompt}{QwenTokenizer.ImEnd}\n{QwenTokenizer.ImStart}user\n{UserPrompt(options)}";
        var suffix = $"{QwenTokenizer.ImEnd}\n{QwenTokenizer.ImStart}assistant\n";
        return new NanoPrompt([.. tokenizer.Encode(prefix)], [.. tokenizer.Encode(suffix)]);
    }

    /// <summary>The hotwords as the prompt lists them: split at sherpa-onnx's separators, trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> SplitHotwords(IEnumerable<string> phrases) =>
        phrases.SelectMany(p => p.Split(s_hotwordSeparators)).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();

    private static string UserPrompt(NanoPromptOptions options)
    {
        var hotwords = SplitHotwords(options.Hotwords);
        if (hotwords.Count == 0 && options.Language.Length == 0 && options.Itn)
        {
            return options.UserPrompt;
        }

        var prompt = hotwords.Count == 0 ? "" : $"{HotwordPreamble}\n\n\n**上下文信息：**\n\n\n热词列表：[{string.Join(", ", hotwords)}]\n";
        prompt += options.Language.Length == 0 ? "语音转写" : $"语音转写成{options.Language}";
        return prompt + (options.Itn ? "" : "，不进行文本规整") + "：";
    }
}
