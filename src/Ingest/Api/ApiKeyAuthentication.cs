using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;

namespace FunAsr.Ingest.Api;

/// <summary>
/// Middleware that requires a configured API key in <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>) on every
/// endpoint not marked <see cref="IAllowAnonymous"/> (the health checks, and the web page, which has its own login).
/// It runs after routing and before the endpoint, so a request without a key is answered 401 before a byte of its
/// body is read or parsed. Keys are compared as SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>
/// against every key, so timing reveals neither the key nor which one matched. Keys are never logged.
/// </summary>
internal sealed class ApiKeyAuthentication(IEnumerable<string> keys)
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] _digests = [.. keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            return next(context);
        var request = context.Request;
        string? presented = request.Headers[Header];
        if (string.IsNullOrEmpty(presented) &&
            request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = auth[7..].Trim();
        if (Accepts(presented))
            return next(context);
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
            detail: $"send a key from api.keys in the {Header} header (or Authorization: Bearer)").ExecuteAsync(context);
    }

    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in _digests) match |= CryptographicOperations.FixedTimeEquals(digest, key);
        return match;
    }
}
