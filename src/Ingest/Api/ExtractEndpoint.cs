using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Api;

/// <summary>
/// <c>POST /v1/extract</c>: <c>{"text": "...", "language", "channel", "speaker"}</c> → fields, tags, alerts. The body
/// is read whole (bounded by <see cref="BodyLimit"/>) and parsed in one pass, the text is bounded by
/// <c>api.extract_max_chars</c>, and extraction is cancelled after <c>api.extract_timeout_seconds</c> or as soon as
/// the client leaves.
/// </summary>
internal static class ExtractEndpoint
{
    /// <summary>Body of <c>POST /v1/extract</c>.</summary>
    internal sealed record ExtractRequest(string? Text, string? Language, int? Channel, string? Speaker);

    /// <summary>Room for the other members, whitespace and the JSON framing around the text.</summary>
    private const int EnvelopeBytes = 64 * 1024;

    /// <summary>
    /// Largest body for <paramref name="maxChars"/> characters of text: a character is at most 6 bytes of JSON (a
    /// <c>\uXXXX</c> escape), so any text within the limit fits and a longer one is refused by its length.
    /// </summary>
    public static long BodyLimit(int maxChars) => 6L * maxChars + EnvelopeBytes;

    public static void Map(IEndpointRouteBuilder api, IngestServices services, ApiSettings settings)
    {
        var timeout = TimeSpan.FromSeconds(settings.ExtractTimeoutSeconds);
        api.MapPost("/v1/extract", async (HttpContext context) =>
        {
            if (services.Extractor is not { } extractor)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No rules loaded", detail: "set rules.directory in the configuration");
            var aborted = context.RequestAborted;
            ExtractRequest? request;
            try
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, aborted);
                request = JsonSerializer.Deserialize<ExtractRequest>(body.GetBuffer().AsSpan(0, (int)body.Length), JsonSerializerOptions.Web);
            }
            catch (BadHttpRequestException ex)
            {
                return RequestBodyLimit.Refused(ex, "Body refused",
                    $"{BodyLimit(settings.ExtractMaxChars)} bytes; the text limit (api.extract_max_chars) is {settings.ExtractMaxChars} characters");
            }
            catch (JsonException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                    detail: $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}; send {{\"text\": \"...\"}}");
            }
            if (string.IsNullOrEmpty(request?.Text))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No text", detail: "send {\"text\": \"...\"}");
            if (request.Text.Length > settings.ExtractMaxChars)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Text too long",
                    detail: $"the text has {request.Text.Length} characters; the limit (api.extract_max_chars) is {settings.ExtractMaxChars}");

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            deadline.CancelAfter(timeout);
            try
            {
                var result = extractor.Extract(new ExtractionInput(request.Text, request.Speaker, request.Channel, request.Language), deadline.Token);
                return Results.Json(result, DocumentJson.Options);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Extraction timed out",
                    detail: $"extraction ran past {timeout.TotalSeconds:0.###} s (api.extract_timeout_seconds); send shorter text");
            }
        }).WithMetadata(new RequestBodyLimit(BodyLimit(settings.ExtractMaxChars)));
    }
}
