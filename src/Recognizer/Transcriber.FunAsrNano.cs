using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Onnx;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    // The language codes of TranscriberOptions.Language as the Fun-ASR-Nano prompt names them (upstream examples).
    private static readonly Dictionary<string, string> s_nanoLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = "", ["zh"] = "中文", ["en"] = "英文", ["ja"] = "日文", ["ko"] = "韩文", ["yue"] = "粤语",
    };

    private readonly NanoLlmModel? _nano;
    private readonly NanoTextDecoder? _nanoText;

    private Transcriber(TranscriberOptions options, NanoLlmModel nano)
    {
        _options = options;
        _nano = nano;
        _nanoText = new NanoTextDecoder(nano.Tokenizer, nano.Info.FrameShift);
        Model = nano.Info;
        _fbank = CreateFbank(nano.Info);
        _lfr = new Features.Lfr(nano.Info.LfrWindowSize, nano.Info.LfrWindowShift, nano.Info.LfrPadEdges);
    }

    /// <summary>The prompt language for <see cref="TranscriberOptions.Language"/>: empty for <c>auto</c>, the Chinese
    /// name for a known code, else the value as given.</summary>
    internal static string NanoLanguage(string language) => s_nanoLanguages.TryGetValue(language, out var name) ? name : language;

    private static Transcriber CreateNano(TranscriberOptions options, OrtSessionSettings settings, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxNewTokens, 1, $"{nameof(TranscriberOptions)}.{nameof(options.MaxNewTokens)}");
        var files = NanoLlmFiles.Find(options.ModelDirectory);
        var nano = NanoLlmModel.Open(files, OrtRuntime.Load(options.OrtLibraryPath), settings, logger);
        try
        {
            logger.LogInformation("Fun-ASR-Nano LLM {Llm}: {Layers} layers, max_total_len {MaxTotalLength}, caches {CacheType}; hotwords go into its prompt.",
                Path.GetFileName(files.Llm), nano.Shape.Layers, nano.Shape.MaxTotalLength, nano.Shape.CacheType.ToString().ToLowerInvariant());
            return new Transcriber(options, nano) { Vad = CreateVad(options, logger), Logger = logger };
        }
        catch
        {
            nano.Dispose();
            throw;
        }
    }

    /// <summary>The prompt for a call: the deployment's hotwords extended by the call's, the language, and ITN as configured.</summary>
    private NanoPrompt NanoPromptFor(HotwordOptions? request)
    {
        var hotwords = request is { Phrases.Count: > 0 } && _options.Hotwords is { } deployment ? deployment.Extend(request) : request ?? _options.Hotwords;
        return NanoPrompt.Build(_nano!.Tokenizer, NanoPromptOptions.Default with
        {
            Hotwords = hotwords?.Phrases.Select(p => p.Phrase).ToArray() ?? [],
            Language = NanoLanguage(_options.Language),
            Itn = _options.Itn is not null,
        });
    }

    private IReadOnlyList<DecodedUtterance> RecognizeWithLlm(IReadOnlyList<float[]> features, NanoPrompt prompt, CancellationToken ct)
    {
        var nano = _nano!;
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
            var frames = features[i].Length / Model.FeatureDim;
            var pieces = new List<DecodedUtterance>();
            for (var start = 0; start < frames; start += audioBudget)
            {
                var length = Math.Min(audioBudget, frames - start);
                var piece = features[i].AsSpan(start * Model.FeatureDim, length * Model.FeatureDim).ToArray();
                var generation = nano.Generate(piece, length, prompt, _options.MaxNewTokens, ct);
                if (generation.ContextFull)
                {
                    Logger.LogWarning("The context of {Llm} (max_total_len {MaxTotalLength}) filled up; the text of this {Seconds:F1} s piece may be cut short.",
                        Path.GetFileName(nano.Files.Llm), nano.Shape.MaxTotalLength, (Model.FrameShift * length).TotalSeconds);
                }

                pieces.Add(Shifted(_nanoText!.Decode(generation), Model.FrameShift * start));
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

        var text = new System.Text.StringBuilder();
        var tokens = new List<DecodedToken>();
        foreach (var piece in pieces.Where(p => p.Text.Length > 0))
        {
            if (text.Length > 0 && char.IsAsciiLetterOrDigit(text[^1]) && char.IsAsciiLetterOrDigit(piece.Text[0]))
            {
                text.Append(' ');
            }

            tokens.AddRange(piece.Tokens.Select(t => t with { RawOffset = t.RawOffset + text.Length }));
            text.Append(piece.Text);
        }

        return new DecodedUtterance("", "", "", text.ToString(), tokens);
    }
}
