using FunAsr.Recognizer.Punctuation;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    private CtTransformerModel? Punctuation { get; init; }

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

    /// <summary>The segment's spoken form with punctuation, and where each character went (unchanged without a model).</summary>
    private PunctuatedText Punctuate(string text) =>
        Punctuation is null || text.Length == 0
            ? new PunctuatedText(text, Enumerable.Range(0, text.Length + 1).ToArray())
            : new Punctuator(Punctuation).Punctuate(text);
}
