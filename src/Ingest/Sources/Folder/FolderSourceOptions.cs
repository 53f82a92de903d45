
namespace FunAsr.Ingest.Sources.Folder;

/// <summary>
/// <c>type: folder</c>: an inbox folder, watched and rescanned. A file is taken once its last write is
/// <see cref="StableSeconds"/> old; writers may also write <c>name.wav.part</c> and rename it when done.
/// </summary>
internal sealed class FolderSourceOptions : SourceOptions
{
    public FolderSourceOptions() => Type = "folder";

    public string Path { get; set; } = "inbox";

    /// <summary>Seconds a file must go unmodified before it counts as complete.</summary>
    public double StableSeconds { get; set; } = 2;

    /// <summary>
    /// Seconds an unchanged file may still look unfinished (placeholder WAV sizes, a container ffmpeg cannot read to
    /// its end) before it is taken anyway, on the view that its recorder died.
    /// </summary>
    public double IncompleteTimeoutSeconds { get; set; } = 300;

    /// <summary>Full rescan interval, a backstop for missed file-system events.</summary>
    public double RescanSeconds { get; set; } = 30;

    public bool Recursive { get; set; } = true;

    /// <summary>File extensions taken as recordings (case-insensitive).</summary>
    public List<string> Extensions { get; set; } = [.. AudioFileTypes.Default];

    public override string InboxDirectory => System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(Path));

    public override IEnumerable<string> Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(Path)) yield return $"{key}.path: required";
        if (StableSeconds < 0) yield return $"{key}.stable_seconds: must be 0 or more (got {StableSeconds})";
        if (IncompleteTimeoutSeconds < StableSeconds)
            yield return $"{key}.incomplete_timeout_seconds: must be at least stable_seconds ({StableSeconds}) (got {IncompleteTimeoutSeconds})";
        if (RescanSeconds <= 0) yield return $"{key}.rescan_seconds: must be more than 0 (got {RescanSeconds})";
        foreach (var ext in Extensions.Where(e => !e.StartsWith('.')))
            yield return $"{key}.extensions: '{ext}' must start with a dot, like .wav";
        foreach (var problem in ValidateHotwords(key)) yield return problem;
    }
}
