using FunAsr.Ingest.Configuration;

namespace FunAsr.Ingest.Sources;

/// <summary>Base of every <c>sources:</c> entry; the <c>type</c> key picks the subclass (see <c>ComponentCatalog</c>).</summary>
internal abstract class SourceOptions
{
    public string Type { get; set; } = "";

    /// <summary>Problems with this entry, each starting with <paramref name="key"/> (e.g. <c>sources[0].path</c>).</summary>
    public abstract IEnumerable<string> Validate(string key, IngestSettings settings);
}
