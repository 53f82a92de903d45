using System.Text;

namespace FunAsr.Ingest.Web;

/// <summary>
/// The page's files (<c>Web/wwwroot</c>, embedded in the assembly). A name is looked up in this fixed set, never
/// joined to a path. HTML pages get the session's CSRF token written in place of <c>{{csrf}}</c> and a strict
/// Content-Security-Policy: scripts and styles from this origin only, so an injected tag would not run.
/// </summary>
internal static class WebAssets
{
    private const string Prefix = "web/";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, byte[]> Files = Load();

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>A script or style sheet by its name, or 404.</summary>
    public static IResult Asset(string name) =>
        Files.TryGetValue(name, out var bytes) && !name.EndsWith(".html", StringComparison.Ordinal) &&
        ContentTypes.TryGetValue(Path.GetExtension(name), out var type)
            ? Results.Bytes(bytes, type)
            : Results.NotFound();

    /// <summary>An HTML page with <c>{{csrf}}</c> and <c>{{error}}</c> filled in (both plain text without markup).</summary>
    public static IResult Page(HttpContext context, string name, string csrf, string error = "", int status = StatusCodes.Status200OK)
    {
        var html = Encoding.UTF8.GetString(Files[name])
            .Replace("{{csrf}}", csrf, StringComparison.Ordinal)
            .Replace("{{error}}", System.Net.WebUtility.HtmlEncode(error), StringComparison.Ordinal);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html, ContentTypes[".html"], Encoding.UTF8, status);
    }

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }
        return files;
    }
}
