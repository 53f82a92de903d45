namespace FunAsr.Recognizer;

/// <summary>
/// Shallow fusion of a token n-gram language model (ARPA) into the CTC prefix beam search: each emitted token adds
/// <see cref="Weight"/> × its LM log-probability plus <see cref="TokenBonus"/>, and the end of the utterance adds the
/// weighted <c>&lt;/s&gt;</c> score. It settles what the acoustics leave open: Mandarin homophones (活动, not 货动) and
/// English words that sound alike. The ARPA words must be the model's tokens (<c>tools/demo-model/build_lm.py</c>
/// builds one from transcripts).
/// </summary>
public sealed record LanguageModelOptions
{
    /// <summary>The file looked for in the model directory when <see cref="File"/> is not set.</summary>
    public const string BundledFileName = "lm.arpa";

    /// <summary>ARPA file; null uses the model directory's <c>lm.arpa</c> when there is one (else no LM).</summary>
    /// <value>null.</value>
    public string? File { get; init; }

    /// <summary>Scale of the LM log-probability against the acoustic one.</summary>
    /// <value>0.5 (with the token bonus, tuned on the demo model's held-out split: see its model card).</value>
    public float Weight { get; init; } = 0.5f;

    /// <summary>Added per emitted token, offsetting the LM's cost of every token (which otherwise favours dropping tokens).</summary>
    /// <value>3.0.</value>
    public float TokenBonus { get; init; } = 3.0f;

    /// <summary>Prefixes kept, and tokens tried, per frame (with hotwords as well, the wider of the two beams is used).</summary>
    /// <value>16.</value>
    public int BeamSize { get; init; } = 16;

    /// <summary>Languages (<c>zh</c>, <c>en</c>…) whose utterances the LM scores, by the language tag the model emits;
    /// an utterance in another language is decoded without it. Null scores every language.</summary>
    /// <value>null.</value>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>The model directory's <c>lm.arpa</c> if present, at the default weights.</summary>
    public static LanguageModelOptions Default { get; } = new();
}
