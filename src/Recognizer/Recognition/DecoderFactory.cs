using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Models.Paraformer;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Recognition;

/// <summary>
/// How a call's segments are recognised: greedy CTC, or a prefix beam search over the hotwords' context graph and the
/// n-gram language model; a Paraformer's own CIF search, biased through its model (SeACo/contextual
/// <c>bias_embed</c>); or the Fun-ASR-Nano LLM with the hotwords in its prompt. The deployment's decoder is built once;
/// a call's own hotwords extend the deployment's list, and their decoders are cached by the list's content.
/// </summary>
internal sealed class DecoderFactory
{
    /// <summary>Per-call hotword lists kept built at once (per-inbox lists are few; per-upload lists come and go).</summary>
    private const int CachedHotwordLists = 64;

    private readonly ModelSet _models;
    private readonly TranscriberOptions _options;
    private readonly ILogger _logger;
    private readonly UtteranceDecoder? _decoder;
    private readonly NanoTextDecoder? _nanoText;
    private readonly DecoderCache _requestDecoders = new(CachedHotwordLists);
    private int _plainParaformerHotwordsWarned;

    public DecoderFactory(ModelSet models, TranscriberOptions options, ILogger logger)
    {
        _models = models;
        _options = options;
        _logger = logger;
        if (models.Nano is { } nano)
        {
            _nanoText = new NanoTextDecoder(nano.Tokenizer, nano.Info.FrameShift);
            return;
        }

        var info = models.Info;
        var tokens = models.Tokens!;
        var paraformer = models.Acoustic as ParaformerModel;
        var (ctc, skipped) = paraformer is null
            ? CreateCtcDecoder(options.Hotwords, models.LanguageModel, tokens, info.BlankId, logger)
            : (new GreedyCtcDecoder(info.BlankId), CheckModelHotwords(paraformer, options.Hotwords, logger));
        _decoder = new UtteranceDecoder(ctc, tokens, info.PromptFrames, info.FrameShift)
        {
            ModelHotwords = paraformer is null ? [] : PhrasesOf(options.Hotwords),
        };
        SkippedHotwords = skipped;
        _plainParaformerHotwordsWarned = paraformer is { Embedder: null } && options.Hotwords is { Phrases.Count: > 0 } ? 1 : 0;
    }

    /// <inheritdoc cref="Transcriber.SkippedHotwords"/>
    public IReadOnlyList<string> SkippedHotwords { get; } = [];

    /// <summary>Per-call hotword lists whose decoder is built and cached now.</summary>
    public int CachedHotwordListCount => _requestDecoders.Count;

    /// <summary>The recognizer for a call with <paramref name="request"/> hotwords (null: the deployment's).</summary>
    public ISegmentRecognizer For(HotwordOptions? request) => _models.Nano is { } nano
        ? new NanoLlmRecognizer(nano, _nanoText!, NanoPromptFor(nano, request), _options.MaxNewTokens, _logger)
        : new AcousticModelRecognizer(_models.Acoustic!, DecoderFor(request), _models.LanguageId, _options.BatchSize, _options.MaxBatchFrames);

    private static IReadOnlyList<string> PhrasesOf(HotwordOptions? hotwords) => hotwords?.Phrases.Select(p => p.Phrase).ToArray() ?? [];

    /// <summary>Greedy CTC without hotwords (or when none can be spelled) and without a language model; else prefix
    /// beam search over the hotwords' context graph and the language model, with the wider of their beams.</summary>
    private static (ICtcDecoder Decoder, IReadOnlyList<string> Skipped) CreateCtcDecoder(
        HotwordOptions? hotwords, LanguageModelFusion? languageModel, TokenTable tokens, int blankId, ILogger logger)
    {
        var skipped = new List<string>();
        var graph = hotwords is { Phrases.Count: > 0 } ? ContextGraph.FromHotwords(hotwords, tokens, skipped) : null;
        foreach (var problem in skipped)
        {
            logger.LogWarning("Hotword {Problem}", problem);
        }

        if (graph is { PhraseCount: > 0 })
        {
            logger.LogInformation("Decoding with {Count} hotwords (beam {BeamSize}, score {Score} per token).", graph.PhraseCount, hotwords!.BeamSize, hotwords.ScorePerToken);
        }
        else
        {
            graph = null;
        }

        if (graph is null && languageModel is null)
        {
            return (new GreedyCtcDecoder(blankId), skipped);
        }

        var beamSize = Math.Max(graph is null ? 1 : hotwords!.BeamSize, languageModel?.BeamSize ?? 1);
        return (new PrefixBeamCtcDecoder(beamSize, graph, blankId, languageModel), skipped);
    }

    /// <summary>The deployment's decoder, or, with per-call hotwords, the (cached) decoder for the deployment list extended by them.</summary>
    private UtteranceDecoder DecoderFor(HotwordOptions? request)
    {
        if (request is null || request.Phrases.Count == 0)
        {
            return _decoder!;
        }

        var hotwords = _options.Hotwords is { } deployment ? deployment.Extend(request) : request;
        if (_models.Acoustic is ParaformerModel paraformer)
        {
            return ModelHotwordDecoder(paraformer, hotwords);
        }

        return _requestDecoders.GetOrAdd(hotwords.ContentKey(),
            () => _decoder!.With(CreateCtcDecoder(hotwords, _models.LanguageModel, _decoder.Tokens, _models.Info.BlankId, _logger).Decoder));
    }

    /// <summary>Paraformer takes hotwords through its model (SeACo/contextual <c>bias_embed</c>), not the CTC search: says
    /// which phrases its vocabulary cannot spell, or that a plain Paraformer cannot use them at all.</summary>
    private static IReadOnlyList<string> CheckModelHotwords(ParaformerModel model, HotwordOptions? hotwords, ILogger logger)
    {
        if (hotwords is not { Phrases.Count: > 0 })
        {
            return [];
        }

        if (model.Embedder is null)
        {
            WarnPlainParaformer(model, hotwords.Phrases.Count, logger);
            return hotwords.Phrases.Select(p => $"{p.Origin}: '{p.Phrase}' skipped: hotwords need a SeACo/contextual Paraformer ({HotwordEmbedder.FileName} beside model.onnx)").ToArray();
        }

        var skipped = hotwords.Phrases.Where(p => model.Embedder.Spell(p.Phrase) is null)
            .Select(p => $"{p.Origin}: '{p.Phrase}' skipped: a character or word is not in the model's tokens").ToArray();
        foreach (var problem in skipped)
        {
            logger.LogWarning("Hotword {Problem}", problem);
        }

        logger.LogInformation("The Paraformer biases itself with {Count} hotwords through {File}.", hotwords.Phrases.Count - skipped.Length, HotwordEmbedder.FileName);
        return skipped;
    }

    private static void WarnPlainParaformer(ParaformerModel model, int count, ILogger logger) =>
        logger.LogWarning(
            "{Count} hotwords are not used: {Model} is a plain Paraformer, and Paraformer hotwords need the SeACo/contextual model " +
            "(model.onnx taking bias_embed, with {File} beside it).", count, model.Info.ModelPath, HotwordEmbedder.FileName);

    private UtteranceDecoder ModelHotwordDecoder(ParaformerModel model, HotwordOptions hotwords)
    {
        if (model.Embedder is null && Interlocked.Exchange(ref _plainParaformerHotwordsWarned, 1) == 0)
        {
            WarnPlainParaformer(model, hotwords.Phrases.Count, _logger);
        }

        return model.Embedder is null ? _decoder! : _decoder!.WithModelHotwords(PhrasesOf(hotwords));
    }

    /// <summary>The prompt for a call: the deployment's hotwords extended by the call's, the language, and ITN as configured.</summary>
    private NanoPrompt NanoPromptFor(NanoLlmModel nano, HotwordOptions? request)
    {
        var hotwords = request is { Phrases.Count: > 0 } && _options.Hotwords is { } deployment ? deployment.Extend(request) : request ?? _options.Hotwords;
        return NanoPrompt.Build(nano.Tokenizer, NanoPromptOptions.Default with
        {
            Hotwords = PhrasesOf(hotwords),
            Language = NanoLlmRecognizer.PromptLanguage(_options.Language),
            Itn = _options.Itn is not null,
        });
    }
}
