namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>What the Fun-ASR-Nano LLM is asked (sherpa-onnx <c>BuildUserPrompt</c>, upstream <c>get_prompt</c>).</summary>
internal sealed record NanoPromptOptions
{
    public static NanoPromptOptions Default { get; } = new();

    public string SystemPrompt { get; init; } = "You are a helpful assistant.";

    /// <summary>Used verbatim only without hotwords and language and with ITN on; otherwise the prompt is rebuilt.</summary>
    public string UserPrompt { get; init; } = "语音转写：";

    /// <summary>Phrases for the prompt's 热词列表 (trimmed; empty ones dropped).</summary>
    public IReadOnlyList<string> Hotwords { get; init; } = [];

    /// <summary>Language name put in the prompt verbatim (中文, 英文…), or empty to let the model choose.</summary>
    public string Language { get; init; } = "";

    /// <summary>Ask for written form (numbers as digits, punctuation); false adds 不进行文本规整.</summary>
    public bool Itn { get; init; } = true;
}
