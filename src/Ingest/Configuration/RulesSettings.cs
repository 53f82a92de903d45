using FunAsr.Ingest.Pipeline;
namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>rules:</c> section: the grok rule pack applied to every transcript.</summary>
internal sealed class RulesSettings
{
    /// <summary>False runs without a rule pack: transcripts are stored without fields, tags or alerts.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rule folder; null uses <c>FUNASR_RULES_DIR</c>, else the bundled <c>rules/</c> (<see cref="RulePackLocation"/>).</summary>
    public string? Directory { get; set; }

    /// <summary>The folder to load, or null for none.</summary>
    public RulePackLocation? Resolve() => Enabled ? RulePackLocation.Resolve(Directory, "rules.directory") : null;

    public IEnumerable<string> Validate()
    {
        if (Enabled && Directory is not null && !System.IO.Directory.Exists(Directory))
            yield return $"rules.directory: folder '{Path.GetFullPath(Directory)}' does not exist";
    }
}
