using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Recognition;

/// <summary>Opens the n-gram language model a CTC search is fused with.</summary>
internal static class LanguageModelLoader
{
    /// <summary>The configured ARPA file, else the model directory's <c>lm.arpa</c>; null without either.</summary>
    public static LanguageModelFusion? Load(LanguageModelOptions? options, ModelFiles files, TokenTable tokens, ModelInfo info, ILogger logger)
    {
        if (options is null)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.BeamSize, 1, $"{nameof(LanguageModelOptions)}.{nameof(options.BeamSize)}");
        if (!float.IsFinite(options.Weight) || options.Weight < 0 || !float.IsFinite(options.TokenBonus))
        {
            throw new ArgumentException($"{nameof(LanguageModelOptions)}: weight must be a finite number ≥ 0 and the token bonus finite (got {options.Weight}, {options.TokenBonus}).", nameof(options));
        }

        var bundled = Path.Combine(files.Directory, LanguageModelOptions.BundledFileName);
        var path = options.File ?? (File.Exists(bundled) ? bundled : null);
        if (path is null)
        {
            return null;
        }

        var languageTags = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in info.LanguageIds.Keys)
        {
            if (tokens.TryGetId($"<|{language}|>", out var tag))
            {
                languageTags[language] = tag;
            }
        }

        var unknown = options.Languages?.Where(l => !languageTags.ContainsKey(l)).ToArray() ?? [];
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"{nameof(LanguageModelOptions)}.{nameof(options.Languages)}: {string.Join(", ", unknown)} not known to {files.TokensPath} (known: {string.Join(", ", languageTags.Keys)}).",
                nameof(options));
        }

        var model = NgramLanguageModel.Load(Path.GetFullPath(path), tokens);
        logger.LogInformation("Decoding with the {Order}-gram language model {Path} (weight {Weight}, token bonus {Bonus}, beam {BeamSize}, languages {Languages}).",
            model.Order, model.Path, options.Weight, options.TokenBonus, options.BeamSize, options.Languages is { } listed ? string.Join(", ", listed) : "all");
        return new LanguageModelFusion(model, options, languageTags);
    }
}
