using FunAsr.Ingest.Api;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Store;

namespace FunAsr.Ingest.Web;

/// <summary>
/// The web page on the API's address (<c>ui.enabled</c>): <c>/ui/login</c> takes an API key and starts a session;
/// <c>/ui/</c> is the page (calls, one call, upload and microphone, rules), whose scripts read <c>/ui/api/*</c> and
/// <c>/audio/{id}</c>. Every route but the login form and the static scripts needs a session
/// (<see cref="WebSessionGate"/>); the API key middleware leaves these routes to it.
/// </summary>
internal static class WebPage
{
    private const string LoginCookie = "funasr_login";

    public static void Map(WebApplication app, IngestServices services)
    {
        var settings = services.Settings;
        var sessions = new WebSessions(TimeSpan.FromHours(settings.Ui.SessionHours));
        var keys = new ApiKeyAuthentication(settings.Api.Keys);
        app.Use(new WebSessionGate(sessions).InvokeAsync);
        var page = new WebSessionRequired(IsPage: true);

        app.MapGet("/", () => Results.Redirect("/ui/")).AllowAnonymous();
        app.MapGet("/ui/assets/{name}", (string name) => WebAssets.Asset(name)).AllowAnonymous();
        app.MapGet("/ui/login", (HttpContext context) => LoginForm(context, "", StatusCodes.Status200OK)).AllowAnonymous();
        app.MapPost("/ui/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (context.Request.Cookies[LoginCookie] is not { } expected || !WebSessions.SameToken(form["csrf"], expected))
                return LoginForm(context, "The form expired; log in again.", StatusCodes.Status403Forbidden);
            if (!keys.Accepts(form["key"]))
                return LoginForm(context, "That key is not one of api.keys.", StatusCodes.Status401Unauthorized);
            context.Response.Cookies.Delete(LoginCookie, WebSessions.Cookie(context, null));
            sessions.Start(context);
            return Results.Redirect("/ui/");
        }).AllowAnonymous();
        app.MapPost("/ui/logout", (HttpContext context) =>
        {
            sessions.End(context, Session(context));
            return Results.Redirect("/ui/login");
        }).AllowAnonymous().WithMetadata(page);
        app.MapGet("/ui/", (HttpContext context) => WebAssets.Page(context, "index.html", Session(context).CsrfToken))
            .AllowAnonymous().WithMetadata(page);

        var store = settings.Sinks.OfType<SqliteSinkOptions>().Any() ? new EmbeddedStore(settings.StorePath) : null;
        var data = new WebSessionRequired(IsPage: false);
        WebCallsEndpoints.Map(app, store, data);
        WebQueueEndpoints.Map(app, services, data);
        WebRulesEndpoints.Map(app, services, data);
    }

    /// <summary>The session <see cref="WebSessionGate"/> let through.</summary>
    public static WebSession Session(HttpContext context) => (WebSession)context.Items[typeof(WebSession)]!;

    /// <summary>The login form with a fresh token in a cookie and in the form (double submit: a post from elsewhere has no cookie).</summary>
    private static IResult LoginForm(HttpContext context, string error, int status)
    {
        var token = WebSessions.NewToken();
        context.Response.Cookies.Append(LoginCookie, token, WebSessions.Cookie(context, null));
        return WebAssets.Page(context, "login.html", token, error, status);
    }
}
