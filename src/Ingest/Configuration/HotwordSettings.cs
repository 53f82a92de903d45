using FunAsr.Recognizer;

namespace FunAsr.Ingest.Configuration;

/// <summary>
/// The <c>hotwords:</c> section: phrases the recognizer favours (product names, plan names), decoded with a biased
/// prefix beam search. The deployment list is <see cref="File"/> plus, with <see cref="FromRules"/>, the literal words
/// of the rule pack; an inbox (<c>sources[].hotwords</c>) and a recording (sidecar or upload <c>hotwords</c>) extend
/// it for their recordings. Without any phrase decoding stays greedy.
/// </summary>
internal sealed class HotwordSettings
{
    /// <summary>Hotword file: one phrase per line, optional <c>:score</c>, <c>#</c> comments (e.g. <c>rules/hotwords.txt</c>).</summary>
    public string? File { get; set; }

    /// <summary>Also favour the literal words of the active rule pack (退款, 投诉, refund…; see <c>RuleSet.LiteralPhrases</c>).</summary>
    public bool FromRules { get; set; }

    /// <summary>Bonus per matched token for lines without their own <c>:score</c>.</summary>
    public float Score { get; set; } = new HotwordOptions().ScorePerToken;

    /// <summary>Prefixes kept per frame by the beam search.</summary>
    public int BeamSize { get; set; } = new HotwordOptions().BeamSize;

    /// <summary>The deployment's hotword options (the file read now, then <paramref name="rulePhrases"/> when
    /// <see cref="FromRules"/>), or null without phrases.</summary>
    /// <exception cref="HotwordFileException">The file cannot be read or has malformed lines.</exception>
    public HotwordOptions? Options(IReadOnlyList<string>? rulePhrases = null)
    {
        IReadOnlyList<Hotword> phrases = File is null ? [] : HotwordOptions.Load(Path.GetFullPath(File)).Phrases;
        if (FromRules && rulePhrases is not null)
        {
            phrases = [.. phrases, .. rulePhrases.Select(p => new Hotword(p, Origin: "hotwords.from_rules"))];
        }
        return phrases.Count == 0 ? null : With(phrases);
    }

    /// <summary>Options for an inbox's or a recording's own phrases, scored and searched as configured here.</summary>
    public HotwordOptions With(IReadOnlyList<Hotword> phrases) => new() { Phrases = phrases, ScorePerToken = Score, BeamSize = BeamSize };

    public IEnumerable<string> Validate()
    {
        if (!(Score > 0 && float.IsFinite(Score)))
            yield return $"hotwords.score: must be a positive number (got {Score})";
        if (BeamSize < 1)
            yield return $"hotwords.beam_size: must be at least 1 (got {BeamSize})";
        if (File is null) yield break;
        string? problem = null;
        try
        {
            Options();
        }
        catch (HotwordFileException ex)
        {
            problem = $"hotwords.file: {string.Join("; ", ex.Problems)}";
        }
        if (problem is not null) yield return problem;
    }
}
