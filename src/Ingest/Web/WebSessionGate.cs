namespace FunAsr.Ingest.Web;

/// <summary>
/// Middleware (after routing, before the endpoint reads its body) for endpoints marked
/// <see cref="WebSessionRequired"/>: without a live session a page redirects to <c>/ui/login</c> and anything else
/// answers 401; every request that is not GET or HEAD must carry the session's CSRF token, in the
/// <see cref="CsrfHeader"/> header (the page's scripts) or the <c>csrf</c> field of a url-encoded form, else 403.
/// </summary>
internal sealed class WebSessionGate(WebSessions sessions)
{
    public const string CsrfHeader = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WebSessionRequired>() is not { } required)
        {
            await next(context);
            return;
        }
        if (sessions.Find(context) is not { } session)
        {
            await (required.IsPage
                ? Results.Redirect("/ui/login")
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Login required", detail: "log in at /ui/login with a key from api.keys"))
                .ExecuteAsync(context);
            return;
        }
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            string? presented = request.Headers[CsrfHeader];
            if (string.IsNullOrEmpty(presented) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
                presented = (await request.ReadFormAsync(context.RequestAborted))["csrf"];
            if (!WebSessions.SameToken(presented, session.CsrfToken))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "CSRF token missing or wrong",
                    detail: $"reload the page: a post must carry the page's token ({CsrfHeader} header or the form's csrf field)").ExecuteAsync(context);
                return;
            }
        }
        context.Items[typeof(WebSession)] = session;
        await next(context);
    }
}
