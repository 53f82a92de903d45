namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>rules:</c> section: the grok rule pack applied to every transcript.</summary>
internal sealed class RulesSettings
{
    /// <summary>Rule folder; null uses <see cref="BundledRules"/> when there is one and runs without rules otherwise.</summary>
    public string? Directory { get; set; }

    /// <summary>The folder to load, or null for none.</summary>
    public string? Resolve() =>
        Directory is not null ? Path.GetFullPath(Directory) : BundledRules.Find();

    public IEnumerable<string> Validate()
    {
        if (Directory is not null && !System.IO.Directory.Exists(Directory))
            yield return $"rules.directory: folder '{Path.GetFullPath(Directory)}' does not exist";
    }
}
