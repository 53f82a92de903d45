namespace FunAsr.Ingest.Sinks;

/// <summary>Base of every <c>sinks:</c> entry; the <c>type</c> key picks the subclass (see <c>ComponentCatalog</c>).</summary>
internal abstract class SinkOptions
{
    public string Type { get; set; } = "";

    /// <summary>Problems with this entry, each starting with <paramref name="key"/> (e.g. <c>sinks[1].path</c>).</summary>
    public abstract IEnumerable<string> Validate(string key);
}
