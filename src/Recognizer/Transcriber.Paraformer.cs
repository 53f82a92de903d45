using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models.Paraformer;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    private int _plainParaformerHotwordsWarned;

    private static IReadOnlyList<string> PhrasesOf(HotwordOptions? hotwords) => hotwords?.Phrases.Select(p => p.Phrase).ToArray() ?? [];

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
            WarnPlainParaformer(model, hotwords.Phrases.Count, Logger);
        }

        return model.Embedder is null ? _decoder! : _decoder!.WithModelHotwords(PhrasesOf(hotwords));
    }
}
