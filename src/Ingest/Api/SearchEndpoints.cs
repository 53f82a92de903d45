using FunAsr.Extractors;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Store;

namespace FunAsr.Ingest.Api;

/// <summary><c>GET /v1/search?q=&amp;field=name=value&amp;since=&amp;limit=</c> over the embedded store, and <c>POST /v1/extract</c> (text → fields).</summary>
internal static class SearchEndpoints
{
    /// <summary>Body of <c>POST /v1/extract</c>.</summary>
    internal sealed record ExtractRequest(string Text, string? Language, int? Channel, string? Speaker);

    public static void Map(IEndpointRouteBuilder api, IngestServices services, EmbeddedStore? store)
    {
        api.MapGet("/v1/search", (string? q, string[]? field, string? since, int? limit) =>
        {
            if (store is null)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No embedded store", detail: "search needs a '- type: sqlite' sink");
            try
            {
                var query = new StoreQuery(q, [.. (field ?? []).Select(StoreQuery.ParseField)],
                    since is null ? null : StoreQuery.ParseSince(since, DateTimeOffset.UtcNow), Math.Clamp(limit ?? 20, 1, 1000));
                var hits = new StoreSearch(store).Search(query);
                return Results.Json(hits.Select(h => new
                {
                    recording_id = h.RecordingId, source_path = h.SourcePath, call_id = h.CallId, started_at = h.StartedAt,
                    start = h.Start?.TotalSeconds, end = h.End?.TotalSeconds, channel = h.Channel, speaker = h.Speaker,
                    text = h.Text, highlights = h.Highlights.Select(x => new { start = x.Start, length = x.Length }),
                }), DocumentJson.Options);
            }
            catch (FormatException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: ex.Message);
            }
        });

        api.MapPost("/v1/extract", (ExtractRequest request) =>
        {
            if (services.Extractor is not { } extractor)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No rules loaded", detail: "set rules.directory in the configuration");
            if (string.IsNullOrEmpty(request.Text))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No text", detail: "send {\"text\": \"...\"}");
            var result = extractor.Extract(new ExtractionInput(request.Text, request.Speaker, request.Channel, request.Language));
            return Results.Json(result, DocumentJson.Options);
        });
        ExtractBatch.Map(api, services);
    }
}
