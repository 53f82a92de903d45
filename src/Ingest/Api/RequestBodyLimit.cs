using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace FunAsr.Ingest.Api;

/// <summary>
/// The largest request body an endpoint accepts, as endpoint metadata; <see cref="ApplyAsync"/> (middleware, after
/// authentication) sets it on the request before the endpoint reads anything, so Kestrel answers 413 past it.
/// Endpoints without one keep the server-wide limit (<see cref="Default"/>).
/// </summary>
internal sealed record RequestBodyLimit(long MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>The server-wide limit: the GET endpoints take no body.</summary>
    public const long Default = 64 * 1024;

    long? IRequestSizeLimitMetadata.MaxRequestBodySize => MaxRequestBodySize;

    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>() is { } limit &&
            context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit.MaxRequestBodySize;
        return next(context);
    }
}
