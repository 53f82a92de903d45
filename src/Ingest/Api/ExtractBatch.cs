using System.Buffers;
using System.Text;
using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Events;
using Microsoft.AspNetCore.Mvc;

namespace FunAsr.Ingest.Api;

/// <summary>
/// <c>POST /v1/extract/batch</c>: many events in one request, answered in order with the same semantics as
/// <c>funasr-pipeline extract</c> (<see cref="EventExtraction"/>): each event comes back whole with the results under
/// <c>?target=</c> (default <c>funasr</c>), read from the first of <c>?source_field=</c> (repeatable; default
/// <c>message</c>, <c>text</c>, <c>log</c>, <c>event.original</c>), and a bad event is tagged
/// <c>_funasr_extract_failure</c> rather than failing the request. The body is a JSON array (of event objects, or of
/// strings taken as text) answered with a JSON array, or NDJSON (<c>Content-Type: application/x-ndjson</c>) answered
/// with NDJSON. The API key is checked before any of the body is read, and the body is bounded as <c>/v1/extract</c>'s
/// is (from <c>api.extract_max_chars</c>).
/// </summary>
internal static class ExtractBatch
{
    /// <summary>The most events one request may carry.</summary>
    public const int MaxEvents = 10_000;

    private const string NdjsonType = "application/x-ndjson";

    public static void Map(IEndpointRouteBuilder api, IngestServices services, ApiSettings settings) =>
        api.MapPost("/v1/extract/batch", (HttpRequest request, [FromQuery(Name = "source_field")] string[]? sourceFields, string? target, string? lang, string? speaker, CancellationToken ct) =>
            HandleAsync(request, services.Extractor, settings, new EventExtractionOptions(
                sourceFields is { Length: > 0 } ? sourceFields : EventExtractionOptions.DefaultSourceFields,
                string.IsNullOrEmpty(target) ? EventExtractionOptions.DefaultTarget : target,
                EventExtractionOptions.DefaultMaxLineBytes, lang, speaker, ExtractionScope.Segment), ct))
        .WithMetadata(new RequestBodyLimit(ExtractEndpoint.BodyLimit(settings.ExtractMaxChars)));

    private static async Task<IResult> HandleAsync(HttpRequest request, Extractor? extractor, ApiSettings settings, EventExtractionOptions options, CancellationToken ct)
    {
        if (extractor is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No rules loaded", detail: "set rules.directory in the configuration");
        using var body = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(body, ct);
        }
        catch (BadHttpRequestException ex)
        {
            return RequestBodyLimit.Refused(ex, "Body refused",
                $"{ExtractEndpoint.BodyLimit(settings.ExtractMaxChars)} bytes (from api.extract_max_chars, {settings.ExtractMaxChars} characters)");
        }
        var ndjson = request.ContentType?.StartsWith(NdjsonType, StringComparison.OrdinalIgnoreCase) == true;
        List<byte[]> events;
        try
        {
            events = ndjson ? NdjsonLines(body.GetBuffer().AsSpan(0, (int)body.Length)) : ArrayElements(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a JSON array",
                detail: $"send a JSON array of events, or NDJSON with Content-Type: {NdjsonType} ({ex.Message})");
        }
        if (events.Count > MaxEvents)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many events",
                detail: $"{events.Count} events; send at most {MaxEvents} per request");

        var extraction = new EventExtraction(extractor, options);
        var output = new ArrayBufferWriter<byte>();
        var one = new ArrayBufferWriter<byte>();
        if (!ndjson) output.Write("["u8);
        for (var i = 0; i < events.Count; i++)
        {
            one.ResetWrittenCount();
            extraction.WriteEvent(events[i], i + 1, one);
            if (ndjson)
            {
                output.Write(one.WrittenSpan);
                continue;
            }
            if (i > 0) output.Write(","u8);
            output.Write(one.WrittenSpan[..^1]);
        }
        if (!ndjson) output.Write("]"u8);
        return Results.Bytes(output.WrittenMemory.ToArray(), ndjson ? NdjsonType : "application/json");
    }

    private static List<byte[]> NdjsonLines(ReadOnlySpan<byte> body)
    {
        var lines = new List<byte[]>();
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].TrimEnd((byte)'\r');
            if (!line.IsEmpty) lines.Add(line.ToArray());
        }
        return lines;
    }

    /// <summary>Each element's own bytes (an object stays byte for byte as sent); a string element is its text.</summary>
    private static List<byte[]> ArrayElements(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new JsonException($"the body is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
        return [.. document.RootElement.EnumerateArray().Select(e => Encoding.UTF8.GetBytes(
            e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()))];
    }
}
