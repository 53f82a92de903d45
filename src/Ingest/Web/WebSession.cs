namespace FunAsr.Ingest.Web;

/// <summary>One login: the cookie's token, the CSRF token every post must carry, and when it ends.</summary>
internal sealed record WebSession(string Token, string CsrfToken, DateTimeOffset Expires);
