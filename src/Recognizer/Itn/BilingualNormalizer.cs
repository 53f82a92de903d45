using FunAsr.Recognizer.Itn.Chinese;
using FunAsr.Recognizer.Itn.English;

namespace FunAsr.Recognizer.Itn;

/// <summary>
/// The Chinese and English grammars over one whitelist, applied to a segment as its language asks. The engine of
/// <see cref="InverseNormalizer"/>; the transcriber's parts use it directly.
/// </summary>
internal sealed class BilingualNormalizer
{
    private readonly ChineseNormalizer _chinese;
    private readonly EnglishNormalizer _english;

    /// <summary>Loads the word lists and the user whitelist once.</summary>
    /// <exception cref="FileNotFoundException">The <see cref="ItnOptions.WhitelistPath"/> file does not exist.</exception>
    /// <exception cref="FormatException">A whitelist line is malformed; the message gives <c>path:line</c>.</exception>
    public BilingualNormalizer(ItnOptions options)
    {
        var whitelist = new Whitelist(options);
        _chinese = new ChineseNormalizer(options, whitelist);
        _english = new EnglishNormalizer(options, whitelist);
    }

    /// <summary>Normalizes one segment of spoken-form text.</summary>
    /// <param name="spoken">The spoken form, as decoded.</param>
    /// <param name="language"><c>zh</c>, <c>en</c>, or <c>auto</c> (both grammars; each only touches its own script).</param>
    /// <exception cref="ArgumentException">The language is not zh, en or auto.</exception>
    public ItnResult Normalize(string spoken, string language)
    {
        ArgumentNullException.ThrowIfNull(spoken);
        var rewrites = new List<Rewrite>();
        switch (language.ToLowerInvariant())
        {
            case "zh":
                _chinese.Collect(spoken, rewrites);
                break;
            case "en":
                _english.Collect(spoken, rewrites);
                break;
            case "auto" or "":
                _chinese.Collect(spoken, rewrites);
                _english.Collect(spoken, rewrites);
                break;
            default:
                throw new ArgumentException($"Unknown ITN language '{language}' (expected zh, en or auto).", nameof(language));
        }

        return RewriteComposer.Compose(spoken, rewrites);
    }
}
