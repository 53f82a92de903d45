using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models.Paraformer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    /// <summary>Per-call hotword lists kept built at once (per-inbox lists are few; per-upload lists come and go).</summary>
    private const int CachedHotwordLists = 64;

    private readonly DecoderCache _requestDecoders = new(CachedHotwordLists);

    /// <summary>
    /// Hotwords of <see cref="TranscriberOptions.Hotwords"/> left out because the model has no token for part of them,
    /// each as <c>origin: 'phrase' skipped: reason</c> (also logged as warnings). Empty without hotwords.
    /// Phrases skipped from a <see cref="TranscriptionRequest.Hotwords"/> list are logged when the list is first used.
    /// </summary>
    public IReadOnlyList<string> SkippedHotwords { get; private init; } = [];

    /// <summary>Per-call hotword lists whose decoder is built and cached now.</summary>
    internal int CachedHotwordListCount => _requestDecoders.Count;

    private ILogger Logger { get; init; } = NullLogger.Instance;

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
        if (_model is ParaformerModel paraformer)
        {
            return ModelHotwordDecoder(paraformer, hotwords);
        }

        return _requestDecoders.GetOrAdd(hotwords.ContentKey(), () => _decoder!.With(CreateCtcDecoder(hotwords, LanguageModel, _decoder.Tokens, Model.BlankId, Logger).Decoder));
    }
}
