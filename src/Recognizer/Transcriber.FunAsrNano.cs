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
        var results = new DecodedUtterance[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var generation = _nano!.Generate(features[i], features[i].Length / Model.FeatureDim, prompt, _options.MaxNewTokens, ct);
            if (generation.DroppedAudioFrames > 0)
            {
                Logger.LogWarning(
                    "The context does not fit {Llm}: prompt {Prompt} tokens + {Frames} audio frames exceed its max_total_len {MaxTotalLength}; the last {Dropped} frames ({Seconds:F1} s) were not transcribed. Lower max_segment_duration or the VAD's longest segment, or shorten the hotword list.",
                    Path.GetFileName(_nano.Files.Llm), prompt.Prefix.Length + prompt.Suffix.Length, generation.AudioFrames + generation.DroppedAudioFrames,
                    _nano.Shape.MaxTotalLength, generation.DroppedAudioFrames, (Model.FrameShift * generation.DroppedAudioFrames).TotalSeconds);
            }

            results[i] = _nanoText!.Decode(generation);
        }

        return results;
    }
}
