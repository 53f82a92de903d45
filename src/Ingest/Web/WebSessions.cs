using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FunAsr.Ingest.Web;

/// <summary>
/// The web page's logins, in memory (a restart logs everyone out). The session cookie is HttpOnly and
/// SameSite=Strict (Secure on https); its token and the CSRF token are 256 random bits each.
/// </summary>
internal sealed class WebSessions(TimeSpan lifetime)
{
    public const string CookieName = "funasr_session";

    private readonly ConcurrentDictionary<string, WebSession> _sessions = new(StringComparer.Ordinal);

    public WebSession Start(HttpContext context)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (token, old) in _sessions)
            if (old.Expires <= now) _sessions.TryRemove(token, out _);
        var session = new WebSession(NewToken(), NewToken(), now + lifetime);
        _sessions[session.Token] = session;
        context.Response.Cookies.Append(CookieName, session.Token, Cookie(context, session.Expires));
        return session;
    }

    public WebSession? Find(HttpContext context) =>
        context.Request.Cookies[CookieName] is { } token && _sessions.TryGetValue(token, out var session) &&
        session.Expires > DateTimeOffset.UtcNow
            ? session
            : null;

    public void End(HttpContext context, WebSession session)
    {
        _sessions.TryRemove(session.Token, out _);
        context.Response.Cookies.Delete(CookieName, Cookie(context, null));
    }

    /// <summary>HttpOnly, SameSite=Strict, path-wide; Secure when the page is served over https.</summary>
    public static CookieOptions Cookie(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
    };

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Compares tokens in time independent of where they differ.</summary>
    public static bool SameToken(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
