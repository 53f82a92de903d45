using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Models.Paraformer;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Punctuation;
using FunAsr.Recognizer.Vad;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Recognition;

/// <summary>
/// Everything a <see cref="Transcriber"/> loads from <see cref="TranscriberOptions"/>: the acoustic model (a family of
/// <see cref="ModelCatalog"/>) or the Fun-ASR-Nano LLM, its tokens and language prompt, the n-gram language model, the
/// voice activity detector, the punctuation model and the inverse normalizer. Owns and disposes the sessions.
/// </summary>
internal sealed class ModelSet : IDisposable
{
    private ModelSet(ModelInfo info)
    {
        Info = info;
    }

    public ModelInfo Info { get; }

    /// <summary>The CTC or Paraformer model; null for the Fun-ASR-Nano LLM.</summary>
    public IAcousticModel? Acoustic { get; private init; }

    /// <summary>The Fun-ASR-Nano LLM; null for an acoustic model.</summary>
    public NanoLlmModel? Nano { get; private init; }

    /// <summary>The acoustic model's tokens (base64-decoded when the model says so); null for the LLM.</summary>
    public TokenTable? Tokens { get; private init; }

    /// <summary>The <c>language</c> prompt id of <see cref="TranscriberOptions.Language"/>.</summary>
    public int LanguageId { get; private init; }

    public LanguageModelFusion? LanguageModel { get; private init; }

    public VoiceActivityDetector? Vad { get; private set; }

    public CtTransformerModel? Punctuation { get; private set; }

    public BilingualNormalizer? Normalizer { get; private init; }

    public string Device => Acoustic?.Device ?? Nano!.Device;

    public int CpuFallbacks => Acoustic?.CpuFallbacks ?? Nano!.CpuFallbacks;

    /// <summary>Loads what <paramref name="options"/> name; the acoustic model's session is opened by <paramref name="openSession"/>.</summary>
    /// <inheritdoc cref="Transcriber.Create(TranscriberOptions)"/>
    public static ModelSet Load(TranscriberOptions options, ILogger logger, SessionOpener openSession)
    {
        var device = OrtDevice.Parse(options.Device);
        var settings = new OrtSessionSettings(device, options.IntraOpThreads, options.InterOpThreads, GpuMemoryLimitBytes: options.GpuMemoryLimitBytes,
            TensorRtCacheDirectory: options.TensorRtCacheDirectory);
        var models = NanoLlmFiles.IsNanoLlmFolder(options.ModelDirectory) ? LoadNano(options, settings, logger) : LoadAcoustic(options, settings, logger, openSession);
        try
        {
            models.Vad = options.Vad.Method == "off" ? null : VoiceActivityDetector.Create(options.Vad, logger, options.OrtLibraryPath);
            if (models.Vad is not null && models.Info.SampleRateHz != VoiceActivityDetector.SampleRateHz)
            {
                throw new ArgumentException(
                    $"{models.Info.ModelPath} takes {models.Info.SampleRateHz} Hz audio; voice activity detection runs at {VoiceActivityDetector.SampleRateHz} Hz. " +
                    $"Set {nameof(TranscriberOptions)}.{nameof(options.Vad)} to off.", nameof(options));
            }

            // The LLM writes punctuation itself, as its prompt asks.
            models.Punctuation = models.Nano is null ? OpenPunctuation(options, logger) : null;
            return models;
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Acoustic?.Dispose();
        Nano?.Dispose();
        Vad?.Dispose();
        Punctuation?.Dispose();
    }

    private static ModelSet LoadAcoustic(TranscriberOptions options, OrtSessionSettings settings, ILogger logger, SessionOpener openSession)
    {
        var files = ModelFiles.Find(options.ModelDirectory);
        var tokens = TokenTable.Load(files.TokensPath);
        var model = ModelCatalog.Open(files, tokens, OrtRuntime.Load(options.OrtLibraryPath), settings, logger, openSession);
        try
        {
            if (!model.Info.LanguageIds.TryGetValue(options.Language.ToLowerInvariant(), out var languageId))
            {
                throw new ArgumentException(
                    $"{nameof(TranscriberOptions)}.{nameof(options.Language)} '{options.Language}' is not known to {files.ModelPath} " +
                    $"(known: {string.Join(", ", model.Info.LanguageIds.Keys)}).", nameof(options));
            }

            tokens = model.Info.Base64Tokens ? tokens.DecodeBase64() : tokens;
            return new ModelSet(model.Info)
            {
                Acoustic = model,
                Tokens = tokens,
                LanguageId = languageId,
                LanguageModel = model is ParaformerModel ? null : LanguageModelLoader.Load(options.LanguageModel, files, tokens, model.Info, logger),
                Normalizer = options.Itn is { } itn ? new BilingualNormalizer(itn) : null,
            };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static ModelSet LoadNano(TranscriberOptions options, OrtSessionSettings settings, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxNewTokens, 1, $"{nameof(TranscriberOptions)}.{nameof(options.MaxNewTokens)}");
        var files = NanoLlmFiles.Find(options.ModelDirectory);
        var nano = NanoLlmModel.Open(files, OrtRuntime.Load(options.OrtLibraryPath), settings, logger);
        logger.LogInformation("Fun-ASR-Nano LLM {Llm}: {Layers} layers, max_total_len {MaxTotalLength}, caches {CacheType}; hotwords go into its prompt.",
            Path.GetFileName(files.Llm), nano.Shape.Layers, nano.Shape.MaxTotalLength, nano.Shape.CacheType.ToString().ToLowerInvariant());
        return new ModelSet(nano.Info) { Nano = nano };
    }

    private static CtTransformerModel? OpenPunctuation(TranscriberOptions options, ILogger logger)
    {
        if (options.Punctuation is not { } punctuation)
        {
            return null;
        }

        var model = CtTransformerModel.Open(punctuation.ModelDirectory, options.OrtLibraryPath);
        logger.LogInformation("Punctuation by the CT-Transformer{Kind} in {Directory}.", model.Realtime ? " (realtime)" : "", punctuation.ModelDirectory);
        return model;
    }
}
