using FunAsr.Recognizer;

namespace FunAsr.Ingest.Sources;

/// <summary>Base of every <c>sources:</c> entry; the <c>type</c> key picks the subclass (see <c>ComponentCatalog</c>).</summary>
internal abstract class SourceOptions
{
    public string Type { get; set; } = "";

    /// <summary>Hotword file for this inbox's recordings (same format as <c>hotwords.file</c>); extends the deployment list.</summary>
    public string? Hotwords { get; set; }

    /// <summary>Problems with this entry, each starting with <paramref name="key"/> (e.g. <c>sources[0].path</c>).</summary>
    public abstract IEnumerable<string> Validate(string key);

    /// <summary>The folder this source's recordings arrive in (absolute); its recordings get this entry's hotwords.</summary>
    public abstract string InboxDirectory { get; }

    /// <summary>This inbox's hotwords (the file read now); empty without a file.</summary>
    /// <exception cref="HotwordFileException">The file cannot be read or has malformed lines.</exception>
    public IReadOnlyList<Hotword> HotwordPhrases() => Hotwords is null ? [] : HotwordOptions.Load(System.IO.Path.GetFullPath(Hotwords)).Phrases;

    /// <summary>Problems with <see cref="Hotwords"/>, as <c>key.hotwords: path:line: message</c>.</summary>
    protected IEnumerable<string> ValidateHotwords(string key)
    {
        try
        {
            HotwordPhrases();
        }
        catch (HotwordFileException ex)
        {
            return [$"{key}.hotwords: {string.Join("; ", ex.Problems)}"];
        }
        return [];
    }
}
