using System.Security.Cryptography;
using System.Text;

namespace FunAsr.Ingest.Api;

/// <summary>
/// Requires a configured API key in <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>). Keys are compared as SHA-256
/// digests with <see cref="CryptographicOperations.FixedTimeEquals"/> against every key, so timing reveals neither
/// the key nor which one matched. Keys are never logged.
/// </summary>
internal sealed class ApiKeyFilter(IEnumerable<string> keys) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] _digests = [.. keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        string? presented = request.Headers[Header];
        if (string.IsNullOrEmpty(presented) &&
            request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = auth[7..].Trim();
        if (!Accepts(presented))
            return ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"send a key from api.keys in the {Header} header (or Authorization: Bearer)"));
        return next(context);
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
