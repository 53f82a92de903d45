using FunAsr.Recognizer;

namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>itn:</c> section: inverse text normalization of transcripts (spoken → written form).</summary>
internal sealed class ItnSettings
{
    /// <summary>Off keeps the spoken form (digits spelled out), which phone-number rules then cannot match.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Output style: <c>callcentre</c> (default), <c>wetext</c> or <c>nemo</c> (<see cref="ItnProfiles"/>).</summary>
    public string Profile { get; set; } = ItnProfiles.CallCentre;

    /// <summary>A user whitelist file (<c>word</c>, or <c>spoken&lt;TAB&gt;written</c>, per line) added to the built-in one.</summary>
    public string? Whitelist { get; set; }

    /// <summary>The ITN options for the transcriber, or null when ITN is off.</summary>
    public ItnOptions? Options() => Enabled
        ? ItnProfiles.Get(Profile) with { WhitelistPath = Whitelist is null ? null : Path.GetFullPath(Whitelist) }
        : null;

    public IEnumerable<string> Validate()
    {
        if (!ItnProfiles.Descriptions.ContainsKey(Profile.ToLowerInvariant()))
            yield return $"itn.profile: '{Profile}' is not one of {string.Join(", ", ItnProfiles.Descriptions.Keys)}";
        if (Whitelist is not null && !File.Exists(Whitelist))
            yield return $"itn.whitelist: file '{Path.GetFullPath(Whitelist)}' does not exist";
    }
}
