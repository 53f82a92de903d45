namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>ui:</c> section: the web page served on the API's address (<c>/ui/</c>) when <c>api.enabled</c> is true.</summary>
internal sealed class UiSettings
{
    /// <summary>On by default; the page needs the API, so it is served only when <c>api.enabled</c> is true as well.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a login lasts, in hours (default 12); the session ends sooner when the host restarts.</summary>
    public double SessionHours { get; set; } = 12;

    public IEnumerable<string> Validate()
    {
        if (Enabled && !(SessionHours > 0))
            yield return $"ui.session_hours: must be above 0 (got {SessionHours})";
    }
}
