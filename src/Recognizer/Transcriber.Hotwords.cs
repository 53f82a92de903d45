using FunAsr.Recognizer.Decoding;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    /// <summary>
    /// Hotwords of <see cref="TranscriberOptions.Hotwords"/> left out because the model has no token for part of them,
    /// each as <c>origin: 'phrase' skipped: reason</c> (also logged as warnings). Empty without hotwords.
    /// </summary>
    public IReadOnlyList<string> SkippedHotwords { get; private init; } = [];

    /// <summary>Greedy CTC without hotwords (or when none can be spelled); with them, prefix beam search over their context graph.</summary>
    private static (ICtcDecoder Decoder, IReadOnlyList<string> Skipped) CreateCtcDecoder(
        HotwordOptions? hotwords, TokenTable tokens, int blankId, ILogger logger)
    {
        if (hotwords is null || hotwords.Phrases.Count == 0)
        {
            return (new GreedyCtcDecoder(blankId), []);
        }

        var skipped = new List<string>();
        var graph = ContextGraph.FromHotwords(hotwords, tokens, skipped);
        foreach (var problem in skipped)
        {
            logger.LogWarning("Hotword {Problem}", problem);
        }

        if (graph.PhraseCount == 0)
        {
            return (new GreedyCtcDecoder(blankId), skipped);
        }

        logger.LogInformation("Decoding with {Count} hotwords (beam {BeamSize}, score {Score} per token).", graph.PhraseCount, hotwords.BeamSize, hotwords.ScorePerToken);
        return (new PrefixBeamCtcDecoder(hotwords.BeamSize, graph, blankId), skipped);
    }
}
