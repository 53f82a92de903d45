namespace FunAsr.Recognizer;

/// <summary>One phrase to favour in decoding, e.g. <c>退款流程</c> or <c>gold membership :2.5</c> in a hotword file.</summary>
/// <param name="Phrase">The phrase as written: Chinese by character, English words (split into the model's pieces), or
/// the model's own pieces separated by spaces (<c>▁GOLD ▁MEMBER SHIP</c>, the sherpa-onnx form).</param>
/// <param name="Score">Bonus per token for this phrase, overriding <see cref="HotwordOptions.ScorePerToken"/>; null uses it.</param>
/// <param name="Origin">Where the phrase came from (<c>path:line</c>, <c>request</c>…), for messages.</param>
public sealed record Hotword(string Phrase, float? Score = null, string Origin = "");
