namespace FunAsr.Ingest.Web;

/// <summary>
/// Endpoint metadata: only a logged-in session may call it. A page (<paramref name="IsPage"/>) sends the browser to
/// the login form; data and audio answer 401.
/// </summary>
internal sealed record WebSessionRequired(bool IsPage);
