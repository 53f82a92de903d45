using FunAsr.Recognizer.Decoding;

namespace FunAsr.Ingest.Configuration;

/// <summary>
/// The <c>hotwords:</c> section: phrases the recognizer favours (product names, plan names), decoded with a biased
/// prefix beam search. Without a file decoding stays greedy.
/// </summary>
internal sealed class HotwordSettings
{
    /// <summary>Hotword file: one phrase per line, optional <c>:score</c>, <c>#</c> comments (e.g. <c>rules/hotwords.txt</c>).</summary>
    public string? File { get; set; }

    /// <summary>Bonus per matched token for lines without their own <c>:score</c>.</summary>
    public float Score { get; set; } = new HotwordOptions().ScorePerToken;

    /// <summary>Prefixes kept per frame by the beam search.</summary>
    public int BeamSize { get; set; } = new HotwordOptions().BeamSize;

    /// <summary>The transcriber's hotword options (the file read now), or null without a file.</summary>
    /// <exception cref="HotwordFileException">The file cannot be read or has malformed lines.</exception>
    public HotwordOptions? Options() => File is null
        ? null
        : HotwordOptions.Load(Path.GetFullPath(File)) with { ScorePerToken = Score, BeamSize = BeamSize };

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
