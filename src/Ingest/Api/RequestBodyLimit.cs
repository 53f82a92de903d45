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

    /// <summary>The answer when Kestrel refuses a body: 413 saying it is larger than <paramref name="limit"/>, else its own status and reason.</summary>
    public static IResult Refused(BadHttpRequestException refusal, string title, string limit) =>
        Results.Problem(statusCode: refusal.StatusCode, title: title,
            detail: refusal.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"the body is larger than {limit}" : refusal.Message);

    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>() is { } limit &&
            context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit.MaxRequestBodySize;
        return next(context);
    }
}
