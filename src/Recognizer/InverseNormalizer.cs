using FunAsr.Recognizer.Itn;

namespace FunAsr.Recognizer;

/// <summary>
/// Turns the spoken form a speech model emits into written form: 四零零八八八一二三四 → 4008881234,
/// 二零二五年一月三号 → 2025年1月3日, "nine a m to five thirty p m" → 9:00 a.m. to 5:30 p.m.; every replacement
/// is recorded as an <see cref="ItnSpan"/>. Rule-based and deterministic; build once, then call from any thread.
/// </summary>
public sealed class InverseNormalizer
{
    private readonly BilingualNormalizer _grammars;

    private InverseNormalizer(ItnOptions options)
    {
        Options = options;
        _grammars = new BilingualNormalizer(options);
    }

    /// <summary>The options this normalizer was built with.</summary>
    public ItnOptions Options { get; }

    /// <summary>Builds a normalizer: loads the word lists and the user whitelist once.</summary>
    /// <param name="options">What to rewrite and how; <see cref="ItnOptions.Default"/> for call-centre transcripts.</param>
    /// <returns>A thread-safe normalizer.</returns>
    /// <exception cref="FileNotFoundException">The <see cref="ItnOptions.WhitelistPath"/> file does not exist.</exception>
    /// <exception cref="FormatException">A whitelist line is malformed; the message gives <c>path:line</c>.</exception>
    public static InverseNormalizer Create(ItnOptions options) => new(options);

    /// <summary>Normalizes one segment of spoken-form text.</summary>
    /// <param name="spoken">The spoken form, as decoded.</param>
    /// <param name="language"><c>zh</c>, <c>en</c>, or <c>auto</c> (both grammars; each only touches its own script).</param>
    /// <returns>The written form with its spans.</returns>
    /// <exception cref="ArgumentException">The language is not zh, en or auto.</exception>
    public ItnResult Normalize(string spoken, string language = "auto") => _grammars.Normalize(spoken, language);
}
