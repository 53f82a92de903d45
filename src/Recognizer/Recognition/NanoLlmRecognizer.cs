using System.Text;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models.FunAsrNano;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Recognition;

/// <summary>
/// The Fun-ASR-Nano LLM over segments, one at a time, with one call's <paramref name="prompt"/>. A segment longer than
/// the context leaves for audio runs in pieces whose text is joined.
/// </summary>
internal sealed class NanoLlmRecognizer(NanoLlmModel nano, NanoTextDecoder text, NanoPrompt prompt, int maxNewTokens, ILogger logger)
    : ISegmentRecognizer
{
    // The language codes of TranscriberOptions.Language as the Fun-ASR-Nano prompt names them (upstream examples).
    private static readonly Dictionary<string, string> s_languages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = "", ["zh"] = "中文", ["en"] = "英文", ["ja"] = "日文", ["ko"] = "韩文", ["yue"] = "粤语",
    };

    /// <summary>The prompt language for <see cref="TranscriberOptions.Language"/>: empty for <c>auto</c>, the Chinese
    /// name for a known code, else the value as given.</summary>
    public static string PromptLanguage(string language) => s_languages.TryGetValue(language, out var name) ? name : language;

    public IReadOnlyList<DecodedUtterance> Recognize(IReadOnlyList<float[]> features, CancellationToken ct)
    {
        var dim = nano.Info.FeatureDim;
        var frameShift = nano.Info.FrameShift;
        var promptLength = prompt.Prefix.Length + prompt.Suffix.Length;
        // Audio gets at most 4/5 of what the prompt leaves, so the text has room; longer segments run in pieces.
        var audioBudget = (nano.Shape.MaxTotalLength - promptLength) * 4 / 5;
        if (audioBudget < 1)
        {
            throw new ArgumentException(
                $"The Fun-ASR-Nano prompt is {promptLength} tokens, which leaves no room for audio in {Path.GetFileName(nano.Files.Llm)} (max_total_len {nano.Shape.MaxTotalLength}); shorten the hotword list.");
        }

        var results = new DecodedUtterance[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var frames = features[i].Length / dim;
            var pieces = new List<DecodedUtterance>();
            for (var start = 0; start < frames; start += audioBudget)
            {
                var length = Math.Min(audioBudget, frames - start);
                var piece = features[i].AsSpan(start * dim, length * dim).ToArray();
                var generation = nano.Generate(piece, length, prompt, maxNewTokens, ct);
                if (generation.ContextFull)
                {
                    logger.LogWarning("The context of {Llm} (max_total_len {MaxTotalLength}) filled up; the text of this {Seconds:F1} s piece may be cut short.",
                        Path.GetFileName(nano.Files.Llm), nano.Shape.MaxTotalLength, (frameShift * length).TotalSeconds);
                }

                pieces.Add(Shifted(text.Decode(generation), frameShift * start));
            }

            results[i] = Join(pieces);
        }

        return results;
    }

    private static DecodedUtterance Shifted(DecodedUtterance utterance, TimeSpan offset) =>
        utterance with { Tokens = utterance.Tokens.Select(t => t with { Start = t.Start + offset }).ToArray() };

    /// <summary>The pieces of one segment as one utterance; a space goes between pieces only where two Latin words meet.</summary>
    private static DecodedUtterance Join(List<DecodedUtterance> pieces)
    {
        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        var joined = new StringBuilder();
        var tokens = new List<DecodedToken>();
        foreach (var piece in pieces.Where(p => p.Text.Length > 0))
        {
            if (joined.Length > 0 && char.IsAsciiLetterOrDigit(joined[^1]) && char.IsAsciiLetterOrDigit(piece.Text[0]))
            {
                joined.Append(' ');
            }

            tokens.AddRange(piece.Tokens.Select(t => t with { RawOffset = t.RawOffset + joined.Length }));
            joined.Append(piece.Text);
        }

        return new DecodedUtterance("", "", "", joined.ToString(), tokens);
    }
}
