using FunAsr.Recognizer;

namespace FunAsr.Ingest.Configuration;

/// <summary>
/// The <c>language_model:</c> section: an n-gram LM (ARPA over the model's tokens) fused into a prefix beam search.
/// By default the model directory's <c>lm.arpa</c> is used when it has one (the demo model does); <c>enabled: false</c>
/// decodes without it.
/// </summary>
internal sealed class LanguageModelSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>ARPA file; null uses the model directory's <c>lm.arpa</c> when present.</summary>
    public string? File { get; set; }

    /// <summary>Scale of the LM log-probability against the acoustic one.</summary>
    public float Weight { get; set; } = LanguageModelOptions.Default.Weight;

    /// <summary>Score added per emitted token.</summary>
    public float TokenBonus { get; set; } = LanguageModelOptions.Default.TokenBonus;

    /// <summary>Prefixes kept per frame by the beam search.</summary>
    public int BeamSize { get; set; } = LanguageModelOptions.Default.BeamSize;

    /// <summary>Languages whose utterances the LM scores (by the model's language tag); null: every language.</summary>
    public List<string>? Languages { get; set; }

    /// <summary>The recognizer's options, or null when disabled.</summary>
    public LanguageModelOptions? Options() => Enabled
        ? new LanguageModelOptions { File = File is null ? null : Path.GetFullPath(File), Weight = Weight, TokenBonus = TokenBonus, BeamSize = BeamSize, Languages = Languages }
        : null;

    public IEnumerable<string> Validate()
    {
        if (!(Weight >= 0 && float.IsFinite(Weight)))
            yield return $"language_model.weight: must be a number ≥ 0 (got {Weight})";
        if (!float.IsFinite(TokenBonus))
            yield return $"language_model.token_bonus: must be a number (got {TokenBonus})";
        if (BeamSize < 1)
            yield return $"language_model.beam_size: must be at least 1 (got {BeamSize})";
        if (Languages is { Count: 0 })
            yield return "language_model.languages: must name at least one language (e.g. [zh]); leave it out for every language";
        if (Enabled && File is not null && !System.IO.File.Exists(File))
            yield return $"language_model.file: '{Path.GetFullPath(File)}' does not exist (leave it out to use the model directory's lm.arpa)";
    }
}
